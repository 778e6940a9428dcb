// Second half of scripts/build-web: bundles the widget's modules into dist/service-finder.js,
// minified, turns the message catalogs and the stylesheet into modules, and checks the size
// budget.
import { readFileSync, writeFileSync, copyFileSync, readdirSync, mkdirSync } from 'node:fs';
import { build, buildSync, transformSync } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { feature } from 'topojson-client';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');

/**
 * What the browser downloads before it can show the first results: each file's budget and the
 * total's, gzipped, in bytes. Today's sizes plus a small margin, so that growth is a decision:
 * a change that needs more raises the budget here and says why in its commit (and the README's
 * "Size in the browser" gives the figures). Heavy features load later, outside these files.
 */
const BUDGETS = {
  // 10,800 before the map view's button and the glue that loads the map (issue 14): +364.
  'service-finder.js': 11000,
  'service-finder-core.js': 3100,
  'service-finder-core_bg.wasm': 144500,
  'languages.js': 400,
  'messages/de.js': 2500,
  'styles.js': 2850,
};
// 153,160 B before issue 13 plus the 10 KB it allowed for contacts, status, target groups,
// accessibility, course and "open now" filters, the newcomer's language first, dark mode and
// touch sizes (162,954 B measured with them).
// The map view's button, and the glue that loads the map on demand, added 377 B (163,467 B
// measured); the map's own messages load with the map.
const BUDGET_TOTAL = 163800;

/**
 * What the widget loads after the first results, so not in BUDGETS: the cards' details and the
 * opening hours' side (www/widget/more.js), and the opening-hours module (hours/). Its own
 * ceiling (gzipped bytes, all three together): 92,053 bytes measured plus about 5 %, so that
 * its growth is a decision too.
 */
const LATER_FILES = ['service-finder-more.js', 'service-finder-hours.js', 'service-finder-hours_bg.wasm'];
const LATER_CEILING = 96500;

/**
 * The map view (www/widget/map/, with Leaflet and supercluster) and its background data,
 * loaded when a newcomer first opens the map: not in either total above. Its own ceiling
 * (gzipped bytes, the three together, in German): 55,033 bytes measured plus about 5 %. Of
 * that, Leaflet 1.9.4 is 42.9 KB (its styles 2.6 KB), supercluster with kdbush 3.6 KB, the
 * outline 2.2 KB.
 */
const MAP_FILES = ['service-finder-map.js', 'map-germany.json', 'map-messages/de.js'];
const MAP_CEILING = 57800;

/** Languages written right to left, by base tag. */
const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ku', 'ps', 'ur']);
/** Where a UI language comes in the switcher: German and Leichte Sprache first. */
const order = (tag) => ({ de: 0, 'de-x-ls': 1 })[tag] ?? 2;

// One module per UI language (dist/messages/<tag>.js), loaded when that language is chosen,
// and dist/languages.js: every language's tag, name in itself and writing direction, for the
// language switcher. Category labels (`category.*`) stay out: the wasm has them, for search.
// The map view's messages (`map.*` but the button's) go into dist/map-messages/<tag>.js instead,
// loaded with the map: the first results do without them.
mkdirSync(join(dist, 'messages'), { recursive: true });
mkdirSync(join(dist, 'map-messages'), { recursive: true });
const isMapMessage = (key) => key.startsWith('map.') && key !== 'map.button';
const languages = [];
for (const file of readdirSync(join(root, 'data/messages')).filter((name) => name.endsWith('.json')).sort()) {
  const tag = file.replace(/\.json$/, '');
  const catalog = JSON.parse(readFileSync(join(root, 'data/messages', file), 'utf8'));
  delete catalog.$comment;
  for (const key of Object.keys(catalog)) if (key.startsWith('category.')) delete catalog[key];
  const mapMessages = Object.fromEntries(Object.entries(catalog).filter(([key]) => isMapMessage(key)));
  for (const key of Object.keys(mapMessages)) delete catalog[key];
  writeFileSync(join(dist, 'map-messages', `${tag}.js`), `// Generated from data/messages/${file} by scripts/build-web.\nexport default ${JSON.stringify(mapMessages)};\n`);
  writeFileSync(join(dist, 'messages', `${tag}.js`), `// Generated from data/messages/${file} by scripts/build-web.\nexport default ${JSON.stringify(catalog)};\n`);
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
}

/**
 * The map view (www/widget/map/index.js), imported when the map is first shown: Leaflet,
 * supercluster and the styles of both, minified into strings that the module adopts into the
 * widget's shadow root. Rules with a url() (Leaflet's default marker images, its layers
 * control) are left out: the map uses none of them, and one that matched would fetch a file.
 */
async function bundleMap() {
  const cssAsText = {
    name: 'css-as-text',
    setup(bundler) {
      bundler.onLoad({ filter: /\.css$/ }, ({ path }) => {
        const { code } = transformSync(readFileSync(path, 'utf8'), { loader: 'css', minify: true });
        return { contents: code.replace(/[^{}]*\{[^{}]*url\([^{}]*\}/g, '').trim(), loader: 'text' };
      });
    },
  };
  // The libraries' licences travel beside the bundle, named in its first line.
  const libraries = ['leaflet', 'supercluster', 'kdbush'];
  writeFileSync(join(dist, 'service-finder-map.LICENSES.txt'), libraries.map((name) => {
    const { version } = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
    return `${name} ${version}\n\n${readFileSync(join(root, 'node_modules', name, 'LICENSE'), 'utf8').trim()}\n`;
  }).join('\n----\n\n'));
  await build({
    bundle: true, format: 'esm', minify: true, sourcemap: 'linked', target: 'es2020', logLevel: 'warning',
    entryPoints: [join(root, 'www/widget/map/index.js')],
    outfile: join(dist, 'service-finder-map.js'),
    banner: { js: `/*! Bundles ${libraries.join(', ')}: their licences are in service-finder-map.LICENSES.txt. */` },
    plugins: [cssAsText],
  });
}

/**
 * Germany's outline for the map's background, from Natural Earth's 1:50m countries (public
 * domain, npm world-atlas): a GeoJSON MultiPolygon, its coordinates rounded to 0.01° (about
 * 1 km, finer than the outline's own detail) with repeated points dropped.
 */
function writeGermanyOutline() {
  const topology = JSON.parse(readFileSync(join(root, 'node_modules/world-atlas/countries-50m.json'), 'utf8'));
  const germany = topology.objects.countries.geometries.find((country) => country.id === '276');
  const { geometry } = feature(topology, germany);
  const round = (value) => Math.round(value * 100) / 100;
  const simplify = (polygon) => polygon.map((ring) => ring
    .map(([longitude, latitude]) => [round(longitude), round(latitude)])
    .filter((point, index, points) => index === 0 || point[0] !== points[index - 1][0] || point[1] !== points[index - 1][1]));
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  writeFileSync(join(dist, 'map-germany.json'), JSON.stringify({ type: 'MultiPolygon', coordinates: polygons.map(simplify) }));
}

const css = readFileSync(join(root, 'www/widget/service-finder.css'), 'utf8');
const minifiedCss = transformSync(css, { loader: 'css', minify: true }).code.trim();
writeFileSync(join(dist, 'styles.js'), `// Generated from www/widget/service-finder.css by scripts/build-web.\nexport default ${JSON.stringify(minifiedCss)};\n`);
copyFileSync(join(root, 'www/widget/service-finder.css'), join(dist, 'service-finder.css'));
bundleWidget();
await bundleMap();
writeGermanyOutline();
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
const largestCatalog = Math.max(...readdirSync(join(dist, 'messages')).map((file) => gzipped(join('messages', file))));
console.log(`  another UI language adds at most ${(largestCatalog / 1024).toFixed(1)} KB gzipped, when chosen`);
let laterTotal = 0;
console.log('Loaded after the first results (gzip -9; not in the total above):');
for (const file of LATER_FILES) {
  const compressed = gzipped(file);
  laterTotal += compressed;
  console.log(`  ${file.padEnd(30)} ${String(readFileSync(join(dist, file)).length).padStart(9)} bytes  ${String(compressed).padStart(8)} gzipped`);
}
console.log(`  ${'total: details and hours'.padEnd(30)} ${' '.repeat(15)} ${String(laterTotal).padStart(8)} gzipped  (${LATER_CEILING}) = ${(laterTotal / 1024).toFixed(1)} KB`);
if (laterTotal > LATER_CEILING) over.push(`after the first results (${LATER_FILES.join(' + ')}): ${laterTotal} > ${LATER_CEILING} (LATER_CEILING)`);
let mapTotal = 0;
console.log('Loaded when the map is first opened (gzip -9; not in the totals above):');
for (const file of MAP_FILES) {
  const compressed = gzipped(file);
  mapTotal += compressed;
  console.log(`  ${file.padEnd(30)} ${String(readFileSync(join(dist, file)).length).padStart(9)} bytes  ${String(compressed).padStart(8)} gzipped`);
}
console.log(`  ${'total: the map'.padEnd(30)} ${' '.repeat(15)} ${String(mapTotal).padStart(8)} gzipped  (${MAP_CEILING}) = ${(mapTotal / 1024).toFixed(1)} KB`);
if (mapTotal > MAP_CEILING) over.push(`the map (${MAP_FILES.join(' + ')}): ${mapTotal} > ${MAP_CEILING} (MAP_CEILING)`);
if (over.length > 0) {
  console.error(`Over the size budget (gzipped bytes; see BUDGETS in scripts/assemble-web.mjs):\n  ${over.join('\n  ')}`);
  process.exit(1);
}
