// Second half of scripts/build-web: copies the widget into dist/, turns the message catalogs
// and the stylesheet into modules, and checks the size budget.
import { readFileSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');

/** What the browser downloads before it can show the first results; gzipped, in bytes. */
const BUDGET_FAIL = 300 * 1024;
const BUDGET_TARGET = 150 * 1024;

const catalogs = {};
for (const file of readdirSync(join(root, 'data/messages')).filter((name) => name.endsWith('.json')).sort()) {
  const catalog = JSON.parse(readFileSync(join(root, 'data/messages', file), 'utf8'));
  delete catalog.$comment;
  catalogs[file.replace(/\.json$/, '')] = catalog;
}
writeFileSync(join(dist, 'messages.js'), `// Generated from data/messages/*.json by scripts/build-web.\nexport default ${JSON.stringify(catalogs)};\n`);

const css = readFileSync(join(root, 'www/widget/service-finder.css'), 'utf8');
const minifiedCss = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').replace(/\s*([{};:,>])\s*/g, '$1').trim();
writeFileSync(join(dist, 'styles.js'), `// Generated from www/widget/service-finder.css by scripts/build-web.\nexport default ${JSON.stringify(minifiedCss)};\n`);
copyFileSync(join(root, 'www/widget/service-finder.css'), join(dist, 'service-finder.css'));
copyFileSync(join(root, 'www/widget/service-finder.js'), join(dist, 'service-finder.js'));
// All of Germany's places, fetched by the widget only when someone uses the place field.
copyFileSync(join(root, 'data/places/de.tsv'), join(dist, 'places-de.tsv'));

const firstResults = ['service-finder.js', 'service-finder-core.js', 'service-finder-core_bg.wasm', 'messages.js', 'styles.js'];
let total = 0;
console.log('Download for the first results (gzip -9):');
for (const file of firstResults) {
  const bytes = readFileSync(join(dist, file));
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  total += gzipped;
  console.log(`  ${file.padEnd(30)} ${String(bytes.length).padStart(9)} bytes  ${String(gzipped).padStart(8)} gzipped`);
}
console.log(`  ${'total'.padEnd(30)} ${' '.repeat(15)} ${String(total).padStart(8)} gzipped (${(total / 1024).toFixed(1)} KB; target ${BUDGET_TARGET / 1024} KB, limit ${BUDGET_FAIL / 1024} KB)`);
if (total > BUDGET_FAIL) {
  console.error(`The widget is over its size limit: ${(total / 1024).toFixed(1)} KB gzipped > ${BUDGET_FAIL / 1024} KB.`);
  process.exit(1);
}
