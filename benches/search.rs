//! Load, index and query speed over generated directories of 1k, 10k and 100k entries.
//!
//! Run with `cargo bench`. Before the timings it prints, for each size, the JSON size and the
//! heap the loaded index keeps (measured with a counting allocator). divan prints the median
//! ("median" column) and the other percentiles it samples for every benchmark.
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
    use std::alloc::{GlobalAlloc, Layout};
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
    use std::sync::{Mutex, OnceLock};

    use divan::{Bencher, black_box};
    use service_finder::directory::{Kind, load_directory};
    use service_finder::distance::GeoPoint;
    use service_finder::generate::generate_directory;
    use service_finder::search::{Index, Query, Sort, Thesaurus};

    /// Counts live heap bytes, to report what an index keeps in memory. It wraps mimalloc, the
    /// allocator of the native CLI, and counts only while `COUNTING` is set: a shared counter
    /// updated by every allocation would slow down the timed runs, which index on all cores.
    struct CountingAllocator;

    static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);
    static COUNTING: AtomicBool = AtomicBool::new(false);

    fn count(bytes: isize) {
        if COUNTING.load(Ordering::Relaxed) {
            LIVE_BYTES.fetch_add(bytes, Ordering::Relaxed);
        }
    }

    unsafe impl GlobalAlloc for CountingAllocator {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            count(layout.size() as isize);
            // SAFETY: forwarded unchanged to mimalloc.
            unsafe { mimalloc::MiMalloc.alloc(layout) }
        }

        unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
            count(-(layout.size() as isize));
            // SAFETY: forwarded unchanged to mimalloc.
            unsafe { mimalloc::MiMalloc.dealloc(pointer, layout) }
        }

        unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            count(new_size as isize - layout.size() as isize);
            // SAFETY: forwarded unchanged to mimalloc.
            unsafe { mimalloc::MiMalloc.realloc(pointer, layout, new_size) }
        }
    }

    #[global_allocator]
    static ALLOCATOR: CountingAllocator = CountingAllocator;

    const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
    const SEED: u64 = 42;
    /// Kassel: a large town with others around it, as the generator clusters entries.
    const KASSEL: GeoPoint = GeoPoint {
        latitude: 51.3127,
        longitude: 9.4797,
    };

    pub fn main() {
        for size in SIZES {
            let json = directory_json(size);
            COUNTING.store(true, Ordering::Relaxed);
            let before = LIVE_BYTES.load(Ordering::Relaxed);
            let index = build_index(json);
            let kept = LIVE_BYTES.load(Ordering::Relaxed) - before;
            COUNTING.store(false, Ordering::Relaxed);
            println!(
                "{size:>7} entries: JSON {:.1} MB, index in memory {:.1} MB, {} distinct terms",
                json.len() as f64 / 1e6,
                kept as f64 / 1e6,
                index.term_count()
            );
        }
        divan::main();
    }

    /// Generated JSON per size, made once.
    fn directory_json(size: usize) -> &'static str {
        static CACHE: OnceLock<Mutex<HashMap<usize, &'static str>>> = OnceLock::new();
        let mut cache = CACHE
            .get_or_init(Default::default)
            .lock()
            .expect("cache lock");
        cache.entry(size).or_insert_with(|| {
            let json = serde_json::to_string(&generate_directory(size, SEED)).expect("serializes");
            Box::leak(json.into_boxed_str())
        })
    }

    /// An index per size, built once.
    fn index(size: usize) -> &'static Index {
        static CACHE: OnceLock<Mutex<HashMap<usize, &'static Index>>> = OnceLock::new();
        let json = directory_json(size);
        let mut cache = CACHE
            .get_or_init(Default::default)
            .lock()
            .expect("cache lock");
        cache
            .entry(size)
            .or_insert_with(|| Box::leak(Box::new(build_index(json))))
    }

    fn build_index(json: &str) -> Index {
        let loaded = load_directory(json).expect("generated directory loads");
        Index::new(loaded.directory)
    }

    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
    fn load_and_index(bencher: Bencher, size: usize) {
        let json = directory_json(size);
        bencher.bench(|| build_index(black_box(json)));
    }

    fn run(bencher: Bencher, size: usize, query: Query) {
        let index = index(size);
        bencher.bench(|| index.search(black_box(&query)).expect("valid query"));
    }

    #[divan::bench(args = SIZES)]
    fn text_only(bencher: Bencher, size: usize) {
        run(
            bencher,
            size,
            Query {
                text: "beratung".into(),
                ..Query::default()
            },
        );
    }

    #[divan::bench(args = SIZES)]
    fn text_and_category(bencher: Bencher, size: usize) {
        let query = Query {
            text: "deutsch".into(),
            categories: vec!["language-courses".into()],
            ..Query::default()
        };
        run(bencher, size, query);
    }

    /// A word no entry has: every fallback runs (typos, words inside words, other forms of the
    /// word, the comparison by sound) and must stay cheap (issue 16: at most 0.05 ms).
    #[divan::bench(args = SIZES)]
    fn finds_nothing(bencher: Bencher, size: usize) {
        run(
            bencher,
            size,
            Query {
                text: "quarkstrudel".into(),
                ..Query::default()
            },
        );
    }

    /// Two Arabic words that match nothing as typed, tried together as a German compound heard
    /// as two ("هاوس آرتس" for Hausarzt, too short a skeleton to be joined): the extra look
    /// at the pair, then the comparison by sound of each word.
    /// A misspelt word found only with its typing error ("Beratnug"), and the words it may have
    /// meant ("did you mean"), which the widget then asks for to show above the results: their
    /// comparison with every term of the index.
    #[divan::bench(args = SIZES)]
    fn misspelt_with_did_you_mean(bencher: Bencher, size: usize) {
        let index = index(size);
        let query = Query {
            text: "Beratnug".into(),
            ..Query::default()
        };
        bencher.bench(|| {
            let results = index.search(black_box(&query)).expect("valid query");
            results.loose.then(|| index.suggest(black_box(&query.text)))
        });
    }

    #[divan::bench(args = SIZES)]
    fn two_words_heard_in_another_script(bencher: Bencher, size: usize) {
        run(
            bencher,
            size,
            Query {
                text: "هاوس آرتس".into(),
                ..Query::default()
            },
        );
    }

    #[divan::bench(args = SIZES)]
    fn radius_only(bencher: Bencher, size: usize) {
        run(
            bencher,
            size,
            Query {
                near: Some(KASSEL),
                radius_km: Some(25.0),
                ..Query::default()
            },
        );
    }

    #[divan::bench(args = SIZES)]
    fn text_category_radius_by_distance(bencher: Bencher, size: usize) {
        let query = Query {
            text: "beratung".into(),
            categories: vec!["migration-counselling".into(), "recognition".into()],
            near: Some(KASSEL),
            radius_km: Some(50.0),
            sort: Sort::Distance,
            ..Query::default()
        };
        run(bencher, size, query);
    }

    #[divan::bench(args = SIZES)]
    fn filters_and_facets_only(bencher: Bencher, size: usize) {
        let query = Query {
            kinds: vec![Kind::Course],
            languages: vec!["ar".into()],
            free_of_charge: true,
            ..Query::default()
        };
        run(bencher, size, query);
    }

    /// A thesaurus phrase with a stop word ("Hilfe bei Anträgen", said by a fifth of the
    /// generated entries), searched the first time after the thesaurus is set: every entry
    /// with all its words is read for whether they stand together. Later searches for the
    /// concept reuse what was found.
    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
    fn thesaurus_phrase_first_time(bencher: Bencher, size: usize) {
        static CACHE: OnceLock<Mutex<HashMap<usize, &'static Mutex<Index>>>> = OnceLock::new();
        let index = *CACHE
            .get_or_init(Default::default)
            .lock()
            .expect("cache lock")
            .entry(size)
            .or_insert_with(|| Box::leak(Box::new(Mutex::new(build_index(directory_json(size))))));
        let text = service_finder::search::thesaurus_text(
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/thesaurus")),
            "de",
        )
        .expect("the thesaurus reads");
        let query = Query {
            text: "Hilfe bei Anträgen".into(),
            ..Query::default()
        };
        bencher
            .with_inputs(|| Thesaurus::from_text(&text))
            .bench_local_values(|thesaurus| {
                let mut index = index.lock().expect("index lock");
                index.set_thesaurus(thesaurus);
                index.search(black_box(&query)).expect("valid query")
            });
    }

    /// Typing "integrationskurs korbach" letter by letter at 100k entries: one search per keystroke.
    #[divan::bench(args = ["i", "in", "int", "inte", "integ", "integr", "integra", "integrat", "integrati", "integratio",
        "integration", "integrations", "integrationsk", "integrationsku", "integrationskur", "integrationskurs",
        "integrationskurs k", "integrationskurs ka", "integrationskurs kas", "integrationskurs kass"])]
    fn typing_at_100k(bencher: Bencher, typed: &str) {
        run(
            bencher,
            100_000,
            Query {
                text: typed.into(),
                ..Query::default()
            },
        );
    }
}
