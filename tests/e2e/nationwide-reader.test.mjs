// Unit tests of www/widget/nationwide.js, the reader of the nationwide static files, in Node
// against a small publication written here (no build needed): shard keys as the publisher names
// them, damaged files that cost only what is damaged, the districts a radius reaches, and which
// districts a search finds and loads first.

import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../../scripts/serve.mjs';
import { boxDistanceKm, openNationwide, readShard, shardKey } from '../../www/widget/nationwide.js';

/** Folds as the core does, for the few words used here (the widget passes the core's). */
const words = (text) => text.toLowerCase().replace(/ü/g, 'u').replace(/ö/g, 'o').split(/[^\p{L}\p{N}]+/u).filter((word) => word && word !== 'fur').join(' ');

const KASSEL = { ags: '06633', name: 'Landkreis Kassel', entries: 40, bbox: [51.2, 9.1, 51.6, 9.7], hash: 'aaaaaaaaaa' };
const WALDECK = { ags: '06635', name: 'Landkreis Waldeck-Frankenberg', entries: 50, bbox: [50.9, 8.5, 51.5, 9.2], hash: 'bbbbbbbbbb' };
const MUNICH = { ags: '09162', name: 'München', entries: 60, bbox: [48.06, 11.36, 48.25, 11.72], hash: 'cccccccccc' };

describe('www/widget/nationwide.js', () => {
  let root;
  let server;
  const warnings = [];
  const warn = console.warn;

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'nationwide-reader-'));
    await mkdir(path.join(root, 'good/terms/t1'), { recursive: true });
    // District 2 is damaged (no bbox): left out, and the numbers of the others stay.
    const districts = [KASSEL, WALDECK, { ags: '99999', hash: 'dddddddddd', entries: 3 }, MUNICH];
    await writeFile(path.join(root, 'good/index.json'), JSON.stringify({ format: 'service-finder nationwide 1', shardChars: 2, terms: 'terms/t1/', shards: ['be', 'ku', 'do', 'sp'], districts }));
    // "beratung": Kassel (0) 12, Waldeck (1) 20, the damaged one (2) 1, München (3) 30.
    await writeFile(path.join(root, 'good/terms/t1/be.tsv'), '# service-finder terms 1\nberatung\t0:12,1:20,1:1,1:30\nberuf\t3:5\n');
    // "kurs": Waldeck 4; "kurse": Kassel 3, then a damaged item that ends the list.
    await writeFile(path.join(root, 'good/terms/t1/ku.tsv'), '# service-finder terms 1\nkurs\t1:4\nkurse\t0:3,x:7,1:1\n');
    await writeFile(path.join(root, 'good/terms/t1/do.tsv'), '# service-finder terms 1\ndolmetschen\t3:2\n');
    await writeFile(path.join(root, 'good/terms/t1/sp.tsv'), '# service-finder terms 1\nsprachmittler\t0:1\n');
    await mkdir(path.join(root, 'other'), { recursive: true });
    await writeFile(path.join(root, 'other/index.json'), JSON.stringify({ format: 'something else' }));
    server = await startServer({ port: 0, extraMounts: [{ prefix: '/nw/', dir: root }] });
    console.warn = (...values) => warnings.push(values.join(' '));
  });

  after(async () => {
    console.warn = warn;
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  test('shard keys are those the publisher writes (src/nationwide.rs shard_key)', () => {
    assert.equal(shardKey('beratung', 2), 'be');
    assert.equal(shardKey('a', 2), 'a');
    assert.equal(shardKey('консультація', 2), '_43a_43e');
    assert.equal(shardKey('5a', 2), '5a');
  });

  test('a shard line counts districts from the one before, and stops at a damaged item', () => {
    const terms = readShard('# header\nberatung\t3:12,1:40,40:1\nkurs\t0:3,x:7,1:1\n');
    assert.deepEqual(terms.get('beratung'), [[3, 12], [4, 40], [44, 1]]);
    assert.deepEqual(terms.get('kurs'), [[0, 3]]);
  });

  test('the distance to a box is 0 inside it and the distance to its edge outside', () => {
    assert.equal(boxDistanceKm([51, 9, 52, 10], { latitude: 51.5, longitude: 9.5 }), 0);
    const north = boxDistanceKm([51, 9, 52, 10], { latitude: 53, longitude: 9.5 });
    assert.ok(Math.abs(north - 111.2) < 0.5, `${north} km`);
  });

  test('an index of another format is refused; a district without its box is left out by name', async () => {
    await assert.rejects(openNationwide(`${server.url}nw/other/index.json`, { words }), /not a nationwide index/);
    const publication = await openNationwide(`${server.url}nw/good/index.json`, { words });
    assert.deepEqual(publication.usable.map((district) => district.ags), ['06633', '06635', '09162']);
    assert.ok(warnings.some((line) => line.includes('district 3 ("99999") is left out')), warnings.join('\n'));
    assert.equal(publication.district('06633').url, `${server.url}nw/good/districts/06633.aaaaaaaaaa.json`);
  });

  test('a radius loads the districts whose box it reaches', async () => {
    const publication = await openNationwide(`${server.url}nw/good/index.json`, { words });
    // Volkmarsen, in Waldeck, near Kassel's box.
    const near = { latitude: 51.408, longitude: 9.118 };
    assert.deepEqual(publication.within(near, 10).map((district) => district.ags), ['06633', '06635']);
    assert.deepEqual(publication.within(near, 400).map((district) => district.ags), ['06633', '06635', '09162']);
  });

  test('a search finds the districts with every word, nearest first, and loads the nearest first', async () => {
    const publication = await openNationwide(`${server.url}nw/good/index.json`, { words });
    const korbach = { latitude: 51.27, longitude: 8.87 };
    const found = await publication.having('Beratung für Kurs', korbach);
    // "kurs" as typed and as the start of "kurse": Waldeck 4, Kassel 3; München has neither.
    assert.deepEqual(found.districts.map(({ district, entries }) => [district.ags, entries]), [['06635', 4], ['06633', 3]]);
    // A typo in a word of 5 letters or more: "beratnug".
    assert.deepEqual((await publication.having('beratnug', korbach)).districts.map(({ district }) => district.ags), ['06635', '06633', '09162']);
    // The nearest not loaded, until about 20 matches: Waldeck (20) is loaded already.
    const loaded = new Set([publication.district('06635').url]);
    const all = await publication.having('beratung', korbach);
    assert.deepEqual(publication.nearestToLoad(all.districts, loaded).map((district) => district.ags), ['06633', '09162']);
  });

  test('a word also finds the other words of its concepts in the thesaurus', async () => {
    const publication = await openNationwide(`${server.url}nw/good/index.json`, { words });
    const thesaurus = '# one concept per line\nمترجم\tDolmetschen\tSprachmittler\n';
    assert.deepEqual((await publication.having('مترجم', null)).districts, []);
    const found = await publication.having('مترجم', null, undefined, thesaurus);
    assert.deepEqual(found.districts.map(({ district }) => district.ags).sort(), ['06633', '09162']);
  });
});
