// Second half of scripts/build-web: bundles the widget's modules into dist/service-finder.js,
// minified, turns the message catalogs and the stylesheet into modules, and checks the size
// budget.
import { readFileSync, writeFileSync, copyFileSync, readdirSync, mkdirSync } from 'node:fs';
import { buildSync, transformSync } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');

/**
 * What the browser downloads before it can show the first results: each file's budget and the
 * total's, gzipped, in bytes. Today's sizes plus a small margin, so that growth is a decision:
 * a change that needs more raises the budget here and says why in its commit (and the README's
 * "Size in the browser" gives the figures). Heavy features load later, outside these files.
 */
const BUDGETS = {
  'service-finder.js': 12100,
  'service-finder-core.js': 3150,
  'service-finder-core_bg.wasm': 144500,
  'languages.js': 400,
  'messages/de.js': 2500,
  'styles.js': 3000,
};
// 153,160 B before issue 13 plus the 10 KB it allowed for contacts, status, target groups,
// accessibility, course and "open now" filters, the newcomer's language first, dark mode and
// touch sizes (162,954 B measured with them).
// Issue 14 allows 5 KB more for taking the finder along: share, print, offline, the map's button
// (163,098 B measured before it).
const BUDGET_TOTAL = 168200;

/**
 * What the widget loads after the first results, so not in BUDGETS: the cards' details and the
 * opening hours' side (www/widget/more.js), and the opening-hours module (hours/). Its own
 * ceiling (gzipped bytes, all three together): 92,053 bytes measured plus about 5 %, so that
 * its growth is a decision too.
 */
const LATER_FILES = ['service-finder-more.js', 'messages/de.later.js', 'service-finder-hours.js', 'service-finder-hours_bg.wasm'];
const LATER_CEILING = 96500;
/** The QR code's module, loaded only when a newcomer asks for a code (gzipped bytes). */
const QR_CEILING = 4500;

/** Languages written right to left, by base tag. */
const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ku', 'ps', 'ur']);
/** Where a UI language comes in the switcher: German and Leichte Sprache first. */
const order = (tag) => ({ de: 0, 'de-x-ls': 1 })[tag] ?? 2;

/**
 * Messages that only the module loaded after the first results uses: they go into a catalog of
 * their own per language (dist/messages/<tag>.later.js), loaded with that module, so that the
 * first results wait for none of them.
 */
const LATER_KEYS = /^(share|print|hours|target)\./;

// Two modules per UI language, loaded when that language is chosen: dist/messages/<tag>.js
// with what the first results need, and <tag>.later.js (LATER_KEYS); and dist/languages.js: every language's tag, name in itself and writing direction, for the
// language switcher. Category labels (`category.*`) stay out: the wasm has them, for search.
mkdirSync(join(dist, 'messages'), { recursive: true });
const languages = [];
for (const file of readdirSync(join(root, 'data/messages')).filter((name) => name.endsWith('.json')).sort()) {
  const tag = file.replace(/\.json$/, '');
  const catalog = JSON.parse(readFileSync(join(root, 'data/messages', file), 'utf8'));
  delete catalog.$comment;
  for (const key of Object.keys(catalog)) if (key.startsWith('category.')) delete catalog[key];
  const later = Object.fromEntries(Object.entries(catalog).filter(([key]) => LATER_KEYS.test(key)));
  for (const key of Object.keys(later)) delete catalog[key];
  writeFileSync(join(dist, 'messages', `${tag}.js`), `// Generated from data/messages/${file} by scripts/build-web.\nexport default ${JSON.stringify(catalog)};\n`);
  writeFileSync(join(dist, 'messages', `${tag}.later.js`), `// Generated from data/messages/${file} by scripts/build-web (LATER_KEYS).\nexport default ${JSON.stringify(later)};\n`);
  languages.push({ tag, name: catalog['language.name'], dir: RIGHT_TO_LEFT.has(tag.split('-')[0]) ? 'rtl' : 'ltr' });
}
// German first (the county's language), Leichte Sprache next to it, then by tag.
languages.sort((a, b) => order(a.tag) - order(b.tag) || a.tag.localeCompare(b.tag));
writeFileSync(join(dist, 'languages.js'), `// Generated from data/messages/*.json by scripts/build-web.\nexport default ${JSON.stringify(languages)};\n`);

// The directory the widget shows when the page names none: the demo, or the county's own file
// given as SERVICE_FINDER_DIRECTORY; minified, since it is downloaded with the first results.
const directorySource = process.env.SERVICE_FINDER_DIRECTORY || join(root, 'data/demo/waldeck-frankenberg.json');
writeFileSync(join(dist, 'directory.json'), JSON.stringify(JSON.parse(readFileSync(directorySource, 'utf8'))));

/**
 * Minifies wasm-bindgen's glue from `source` into dist/`file`, with a source map beside it, so
 * that a webmaster debugging the page still sees the readable code in the browser's tools.
 */
function minifyModule(source, file, sourceName) {
  const { code, map } = transformSync(readFileSync(source, 'utf8'), {
    loader: 'js',
    format: 'esm',
    minify: true,
    sourcemap: 'external',
    sourcefile: sourceName,
    target: 'es2020',
  });
  writeFileSync(join(dist, file), `${code}//# sourceMappingURL=${file}.map\n`);
  writeFileSync(join(dist, `${file}.map`), map);
}

/**
 * The widget: www/widget/service-finder.js and the modules it imports, bundled into one
 * minified dist/service-finder.js with its source map (the browser's tools show every module
 * readable, under ../www/widget/). The files it loads from beside itself stay files of their
 * own: the core's glue, the languages and the styles (and the message catalogs, which it
 * imports by a path the bundler does not follow).
 */
function bundleWidget() {
  const options = { bundle: true, format: 'esm', minify: true, sourcemap: 'linked', target: 'es2020', logLevel: 'warning' };
  buildSync({
    ...options,
    entryPoints: [join(root, 'www/widget/service-finder.js')],
    outfile: join(dist, 'service-finder.js'),
    external: ['./service-finder-core.js', './languages.js', './styles.js'],
  });
  // What the widget imports after the first results (www/widget/more.js: a card's details,
  // the opening hours' status line and week, loading the hours module): a bundle of its own.
  buildSync({
    ...options,
    entryPoints: [join(root, 'www/widget/more.js')],
    outfile: join(dist, 'service-finder-more.js'),
  });
  // The state in the URL (www/widget/url-state.js): on the app page with the first results, and
  // for "share".
  buildSync({
    ...options,
    entryPoints: [join(root, 'www/widget/url-state.js')],
    outfile: join(dist, 'service-finder-url.js'),
    external: ['./languages.js'],
  });
  // A QR code for a shared list (www/widget/qr.js and the `uqr` package): only when asked for.
  buildSync({
    ...options,
    entryPoints: [join(root, 'www/widget/qr.js')],
    outfile: join(dist, 'service-finder-qr.js'),
  });
}

const css = readFileSync(join(root, 'www/widget/service-finder.css'), 'utf8');
const minifiedCss = transformSync(css, { loader: 'css', minify: true }).code.trim();
writeFileSync(join(dist, 'styles.js'), `// Generated from www/widget/service-finder.css by scripts/build-web.\nexport default ${JSON.stringify(minifiedCss)};\n`);
copyFileSync(join(root, 'www/widget/service-finder.css'), join(dist, 'service-finder.css'));
bundleWidget();
// wasm-bindgen's glue, written into dist/ by the first half of the build.
minifyModule(join(dist, 'service-finder-core.js'), 'service-finder-core.js', 'service-finder-core.js');
minifyModule(join(dist, 'service-finder-hours.js'), 'service-finder-hours.js', 'service-finder-hours.js');
// All of Germany's places, fetched by the widget only when someone uses the place field.
copyFileSync(join(root, 'data/places/de.tsv'), join(dist, 'places-de.tsv'));
// The places around the bundled directory's region: the demo's, or the file that
// `service-finder places --region-subset` wrote for a county's own (SERVICE_FINDER_REGION_PLACES).
const regionPlaces = process.env.SERVICE_FINDER_REGION_PLACES || join(root, 'data/places/region-waldeck-frankenberg.tsv');
copyFileSync(regionPlaces, join(dist, 'places-region.tsv'));

// Everything the browser downloads before it can show the first results, in German (the
// default): the code, the styles and one message catalog. The directory itself is counted on
// its own line: its size is the county's data, not the widget's.
const firstResults = ['service-finder.js', 'service-finder-core.js', 'service-finder-core_bg.wasm', 'languages.js', 'messages/de.js', 'styles.js'];
const gzipped = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
let total = 0;
const over = [];
console.log('Download for the first results (gzip -9; budget in brackets):');
for (const file of firstResults) {
  const bytes = readFileSync(join(dist, file)).length;
  const compressed = gzipped(file);
  total += compressed;
  if (compressed > BUDGETS[file]) over.push(`${file}: ${compressed} > ${BUDGETS[file]}`);
  console.log(`  ${file.padEnd(30)} ${String(bytes).padStart(9)} bytes  ${String(compressed).padStart(8)} gzipped  (${BUDGETS[file]})`);
}
if (total > BUDGET_TOTAL) over.push(`the total: ${total} > ${BUDGET_TOTAL}`);
console.log(`  ${'total: the widget'.padEnd(30)} ${' '.repeat(15)} ${String(total).padStart(8)} gzipped  (${BUDGET_TOTAL}) = ${(total / 1024).toFixed(1)} KB`);
const data = gzipped('directory.json');
console.log(`  ${'plus directory.json (data)'.padEnd(30)} ${String(readFileSync(join(dist, 'directory.json')).length).padStart(9)} bytes  ${String(data).padStart(8)} gzipped (${(data / 1024).toFixed(1)} KB)`);
const largestCatalog = Math.max(...readdirSync(join(dist, 'messages')).filter((file) => !file.endsWith('.later.js')).map((file) => gzipped(join('messages', file))));
console.log(`  another UI language adds at most ${(largestCatalog / 1024).toFixed(1)} KB gzipped, when chosen`);
let laterTotal = 0;
console.log('Loaded after the first results (gzip -9; not in the total above):');
for (const file of LATER_FILES) {
  const compressed = gzipped(file);
  laterTotal += compressed;
  console.log(`  ${file.padEnd(30)} ${String(readFileSync(join(dist, file)).length).padStart(9)} bytes  ${String(compressed).padStart(8)} gzipped`);
}
console.log(`  ${'total: details and hours'.padEnd(30)} ${' '.repeat(15)} ${String(laterTotal).padStart(8)} gzipped  (${LATER_CEILING}) = ${(laterTotal / 1024).toFixed(1)} KB`);
const qr = gzipped('service-finder-qr.js');
console.log(`  ${'service-finder-qr.js'.padEnd(30)} ${String(readFileSync(join(dist, 'service-finder-qr.js')).length).padStart(9)} bytes  ${String(qr).padStart(8)} gzipped  (${QR_CEILING}), only when a QR code is asked for`);
if (qr > QR_CEILING) over.push(`service-finder-qr.js: ${qr} > ${QR_CEILING} (QR_CEILING)`);
if (laterTotal > LATER_CEILING) over.push(`after the first results (${LATER_FILES.join(' + ')}): ${laterTotal} > ${LATER_CEILING} (LATER_CEILING)`);
if (over.length > 0) {
  console.error(`Over the size budget (gzipped bytes; see BUDGETS in scripts/assemble-web.mjs):\n  ${over.join('\n  ')}`);
  process.exit(1);
}
