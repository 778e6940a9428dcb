//! Place lookup speed on the gazetteer of all of Germany, and the sizes of the place data.
//!
//! Run with `cargo bench --bench places`. Before divan's table (whose "median" column is the
//! p50 of each benchmark) it prints the data sizes, raw and gzipped, and the p50 and p95 of a
//! loop of timed lookups over typical queries: names, prefixes while typing, typos, postcodes.
//!
//! Native only: on wasm32 (where clippy also looks at it) it compiles to an empty `main`.
#![allow(clippy::disallowed_methods)] // Native tools and tests: the size rules are for the wasm.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::sync::OnceLock;
    use std::time::{Duration, Instant};

    use divan::{Bencher, black_box};
    use service_finder::distance::GeoPoint;
    use service_finder::places::{self, Gazetteer, Home, LookupOptions};

    /// What people type, letter by letter and finished, in the Waldeck-Frankenberg widget.
    const QUERIES: &[&str] = &[
        "K",
        "Ko",
        "Kor",
        "Korb",
        "Korba",
        "Korbach",
        "korbach",
        "Voehl",
        "Vöhl",
        "Vohl",
        "Frankenberg",
        "Frankenberg (Eder)",
        "Willingen",
        "Lubin",
        "Diemelsee",
        "Twistetal",
        "Bad",
        "Bad W",
        "Bad Wildungen",
        "bad wildungn",
        "Muenchen",
        "München",
        "Berlin",
        "Hamburg",
        "Frankfurt am Main",
        "Koln",
        "Köln",
        "Dusseldorf",
        "3",
        "34",
        "344",
        "3449",
        "34497",
        "80331",
        "Neustadt",
        "Schönau",
        "xqzvwk",
        "Kassel",
        "Marburg",
        "Gießen",
    ];

    fn germany() -> &'static Gazetteer {
        static GERMANY: OnceLock<Gazetteer> = OnceLock::new();
        GERMANY.get_or_init(|| Gazetteer::parse(places::GERMANY).expect("the gazetteer parses"))
    }

    fn options() -> LookupOptions {
        LookupOptions {
            limit: 10,
            home: Some(Home::new(
                GeoPoint::new(51.16, 8.90),
                Some("06635".to_owned()),
            )),
        }
    }

    pub fn main() {
        for (name, text) in [
            ("all of Germany (data/places/de.tsv)", places::GERMANY),
            ("Waldeck-Frankenberg region subset", places::DEMO_REGION),
        ] {
            let gazetteer = Gazetteer::parse(text).expect("parses");
            println!(
                "{name}: {} places, {:.1} KB raw, {:.1} KB gzipped",
                gazetteer.places().len(),
                text.len() as f64 / 1000.0,
                gzipped_size(text.as_bytes()) as f64 / 1000.0,
            );
        }
        let started = Instant::now();
        let gazetteer = germany();
        println!(
            "parse and index all of Germany: {:.1} ms",
            started.elapsed().as_secs_f64() * 1e3
        );

        let options = options();
        let mut times: Vec<Duration> = Vec::new();
        for _ in 0..50 {
            for query in QUERIES {
                let started = Instant::now();
                black_box(gazetteer.lookup(black_box(query), &options));
                times.push(started.elapsed());
            }
        }
        times.sort_unstable();
        let percentile = |p: usize| times[(times.len() - 1) * p / 100];
        println!(
            "lookup on all of Germany over {} timed lookups of {} queries: p50 {:.1} µs, p95 {:.1} µs, max {:.1} µs",
            times.len(),
            QUERIES.len(),
            percentile(50).as_secs_f64() * 1e6,
            percentile(95).as_secs_f64() * 1e6,
            times[times.len() - 1].as_secs_f64() * 1e6,
        );
        divan::main();
    }

    /// The gzip size, measured with the system's `gzip -9` (the crate has no compressor).
    fn gzipped_size(bytes: &[u8]) -> usize {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let Ok(mut child) = Command::new("gzip")
            .arg("-9c")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
        else {
            return 0;
        };
        let mut stdin = child.stdin.take().expect("piped");
        let input = bytes.to_vec();
        let writer = std::thread::spawn(move || stdin.write_all(&input));
        let output = child.wait_with_output().map(|output| output.stdout.len());
        let _ = writer.join();
        output.unwrap_or(0)
    }

    #[divan::bench(args = QUERIES)]
    fn lookup(bencher: Bencher, query: &str) {
        let gazetteer = germany();
        let options = options();
        bencher.bench(|| gazetteer.lookup(black_box(query), &options));
    }

    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn parse_germany(bencher: Bencher) {
        bencher.bench(|| Gazetteer::parse(black_box(places::GERMANY)));
    }

    #[divan::bench]
    fn region_subset(bencher: Bencher) {
        let gazetteer = germany();
        let area = places::RegionArea::around(GeoPoint::new(51.16, 8.90), Some("06635"));
        bencher.bench(|| gazetteer.region(black_box(&area)));
    }
}
