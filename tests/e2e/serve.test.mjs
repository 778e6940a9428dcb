// Unit tests of scripts/serve.mjs: mounts, content types, caching and revalidation, 404s, no directory listing and
// no way out of the served folders. They run against a temporary root, so they need no build.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';

import { acceptedEncodings, resolveRequestPath, startServer } from '../../scripts/serve.mjs';

const SERVE_SCRIPT = fileURLToPath(new URL('../../scripts/serve.mjs', import.meta.url));

/** A raw GET (or another method) whose path is sent exactly as given: fetch() would normalise '..'. */
function rawRequest(port, requestPath, method = 'GET', headers = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: requestPath, method, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: response.statusCode, headers: response.headers, bytes, body: bytes.toString('utf8') });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

const DIRECTORY = JSON.stringify({ entries: Array.from({ length: 200 }, (_, index) => ({ id: `e-${index}`, name: 'Beratung' })) });
const LARGE_PAGE = `<!doctype html><title>large</title>${'<p>Beratung für Familien</p>'.repeat(200)}`;

describe('scripts/serve.mjs', () => {
  let root;
  let server;
  let port;

  before(async () => {
    // A repository root in miniature, with a secret beside dist/ and www/ that must never be served.
    root = await mkdtemp(path.join(tmpdir(), 'serve-test-'));
    await mkdir(path.join(root, 'dist'));
    await mkdir(path.join(root, 'www', 'sub'), { recursive: true });
    await mkdir(path.join(root, 'www', 'empty'));
    await mkdir(path.join(root, 'fixtures'));
    await writeFile(path.join(root, 'secret.txt'), 'SECRET');
    await writeFile(path.join(root, 'www', '.env'), 'HIDDEN');
    await writeFile(path.join(root, 'www', 'index.html'), '<!doctype html><title>index</title>');
    await writeFile(path.join(root, 'www', 'sub', 'index.html'), '<!doctype html><title>sub</title>');
    await writeFile(path.join(root, 'www', 'style.css'), 'body{}');
    await writeFile(path.join(root, 'www', 'data.json'), '{}');
    await writeFile(path.join(root, 'www', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(path.join(root, 'www', 'icon.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await writeFile(path.join(root, 'www', 'page.mjs'), 'export {};');
    await writeFile(path.join(root, 'www', 'service-finder.js'), '// www, not dist');
    await writeFile(path.join(root, 'dist', 'service-finder.js'), 'export const from = "dist";');
    await writeFile(path.join(root, 'dist', 'service-finder-core_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    await writeFile(path.join(root, 'dist', 'service-finder.css'), ':host{}');
    await writeFile(path.join(root, 'dist', 'vorlage-angebote.xlsx'), Buffer.from([0x50, 0x4b, 3, 4]));
    await writeFile(path.join(root, 'fixtures', 'broken.json'), '{"broken": true}');
    // A directory with its precompressed copies, as scripts/build-web writes them, and a large
    // page in www/ without any.
    await writeFile(path.join(root, 'dist', 'directory.json'), DIRECTORY);
    await writeFile(path.join(root, 'dist', 'directory.json.gz'), gzipSync(DIRECTORY));
    await writeFile(path.join(root, 'dist', 'directory.json.br'), brotliCompressSync(DIRECTORY));
    await writeFile(path.join(root, 'www', 'large.html'), LARGE_PAGE);
    server = await startServer({
      port: 0,
      root,
      extraMounts: [{ prefix: '/test/', dir: path.join(root, 'fixtures') }],
    });
    port = server.port;
  });

  after(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  test('listens on 127.0.0.1 with the port it was given (0 picks a free one)', () => {
    assert.notEqual(port, 0);
    assert.equal(server.url, `http://127.0.0.1:${port}/`);
  });

  test('serves / as www/index.html and a folder path as its index.html', async () => {
    const index = await rawRequest(port, '/');
    assert.equal(index.status, 200);
    assert.match(index.body, /<title>index<\/title>/);
    assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
    const sub = await rawRequest(port, '/sub/');
    assert.equal(sub.status, 200);
    assert.match(sub.body, /<title>sub<\/title>/);
  });

  test('serves /service-finder/* from dist/ and the rest from www/', async () => {
    const fromDist = await rawRequest(port, '/service-finder/service-finder.js');
    assert.equal(fromDist.status, 200);
    assert.equal(fromDist.body, 'export const from = "dist";');
    const fromWww = await rawRequest(port, '/service-finder.js');
    assert.equal(fromWww.body, '// www, not dist');
  });

  test('sends a precompressed copy the browser accepts: brotli before gzip, none without', async () => {
    const both = await rawRequest(port, '/service-finder/directory.json', 'GET', { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(both.headers['content-encoding'], 'br');
    assert.equal(both.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(both.headers.vary, 'Accept-Encoding');
    assert.equal(Number(both.headers['content-length']), both.bytes.length);
    assert.equal(brotliDecompressSync(both.bytes).toString(), DIRECTORY);
    const gzipOnly = await rawRequest(port, '/service-finder/directory.json', 'GET', { 'Accept-Encoding': 'gzip, br;q=0' });
    assert.equal(gzipOnly.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gzipOnly.bytes).toString(), DIRECTORY);
    const plain = await rawRequest(port, '/service-finder/directory.json');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, DIRECTORY);
    assert.ok(both.bytes.length < DIRECTORY.length / 5, `${both.bytes.length} bytes of ${DIRECTORY.length}`);
  });

  test('does not send a precompressed copy older than its file (a directory replaced after the build)', async (t) => {
    // The officer's update without a rebuild: directory.json replaced, its copies from the build left.
    const built = JSON.stringify({ entries: [{ id: 'old', name: 'Alte Beratung' }], padding: 'x'.repeat(2000) });
    const replaced = JSON.stringify({ entries: [{ id: 'new', name: 'Neue Beratung' }], padding: 'y'.repeat(2000) });
    const file = path.join(root, 'dist', 'replaced.json');
    await writeFile(`${file}.br`, brotliCompressSync(built));
    await writeFile(`${file}.gz`, gzipSync(built));
    await writeFile(file, replaced);
    const warned = t.mock.method(console, 'warn', () => {});
    const hourAgo = new Date(Date.now() - 3600_000);
    for (const suffix of ['.br', '.gz']) await utimes(`${file}${suffix}`, hourAgo, hourAgo);
    const stale = await rawRequest(port, '/service-finder/replaced.json', 'GET', { 'Accept-Encoding': 'gzip, br' });
    assert.equal(stale.headers['content-encoding'], 'gzip', 'compressed on the fly instead');
    assert.equal(gunzipSync(stale.bytes).toString(), replaced);
    assert.ok(warned.mock.calls.some((call) => /replaced\.json\.br is older than replaced\.json/.test(call.arguments[0])), 'the console names the old copy');
    // A copy written a moment before its file (a folder copied without its times) is still sent.
    const secondAgo = new Date(Date.now() - 1000);
    await writeFile(`${file}.br`, brotliCompressSync(replaced));
    await utimes(`${file}.br`, secondAgo, secondAgo);
    await utimes(file, new Date(), new Date());
    const fresh = await rawRequest(port, '/service-finder/replaced.json', 'GET', { 'Accept-Encoding': 'gzip, br' });
    assert.equal(fresh.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(fresh.bytes).toString(), replaced);
  });

  test('gzips text without a copy on the fly, but not small files or pictures', async () => {
    const large = await rawRequest(port, '/large.html', 'GET', { 'Accept-Encoding': 'gzip' });
    assert.equal(large.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(large.bytes).toString(), LARGE_PAGE);
    const small = await rawRequest(port, '/style.css', 'GET', { 'Accept-Encoding': 'gzip' });
    assert.equal(small.headers['content-encoding'], undefined);
    assert.equal(small.body, 'body{}');
    const picture = await rawRequest(port, '/icon.png', 'GET', { 'Accept-Encoding': 'gzip, br' });
    assert.equal(picture.headers['content-encoding'], undefined);
    assert.equal(picture.headers.vary, undefined);
  });

  test('acceptedEncodings reads the header, leaving out what has q=0', () => {
    assert.deepEqual([...acceptedEncodings('gzip, deflate, br')], ['gzip', 'deflate', 'br']);
    assert.deepEqual([...acceptedEncodings('br;q=0, gzip;q=0.8')], ['gzip']);
    assert.deepEqual([...acceptedEncodings(undefined)], []);
  });

  test('serves extra mounts such as /test/ for the fixtures', async () => {
    const fixture = await rawRequest(port, '/test/broken.json');
    assert.equal(fixture.status, 200);
    assert.equal(fixture.body, '{"broken": true}');
  });

  const mimeCases = [
    ['/service-finder/service-finder-core_bg.wasm', 'application/wasm'],
    ['/service-finder/service-finder.js', 'text/javascript; charset=utf-8'],
    ['/page.mjs', 'text/javascript; charset=utf-8'],
    ['/service-finder/service-finder.css', 'text/css; charset=utf-8'],
    ['/style.css', 'text/css; charset=utf-8'],
    ['/data.json', 'application/json; charset=utf-8'],
    ['/index.html', 'text/html; charset=utf-8'],
    ['/icon.svg', 'image/svg+xml'],
    ['/icon.png', 'image/png'],
    ['/service-finder/vorlage-angebote.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ];
  for (const [requestPath, expected] of mimeCases) {
    test(`serves ${requestPath} as ${expected}, not cached without revalidation`, async () => {
      const response = await rawRequest(port, requestPath);
      assert.equal(response.status, 200);
      assert.equal(response.headers['content-type'], expected);
      assert.equal(response.headers['cache-control'], 'no-cache');
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.equal(Number(response.headers['content-length']), response.bytes.length);
    });
  }

  test('answers a revalidation of an unchanged file with 304 and no body, a changed one in full', async () => {
    const first = await rawRequest(port, '/style.css');
    const modified = first.headers['last-modified'];
    assert.ok(modified);
    const unchanged = await rawRequest(port, '/style.css', 'GET', { 'If-Modified-Since': modified });
    assert.equal(unchanged.status, 304);
    assert.equal(unchanged.bytes.length, 0);
    const older = new Date(Date.parse(modified) - 60_000).toUTCString();
    const changed = await rawRequest(port, '/style.css', 'GET', { 'If-Modified-Since': older });
    assert.equal(changed.status, 200);
    assert.equal(changed.body, 'body{}');
    const nonsense = await rawRequest(port, '/style.css', 'GET', { 'If-Modified-Since': 'yesterday' });
    assert.equal(nonsense.status, 200);
  });

  test('ignores the query string', async () => {
    const response = await rawRequest(port, '/style.css?v=2');
    assert.equal(response.status, 200);
    assert.equal(response.body, 'body{}');
  });

  test('answers HEAD without a body and refuses other methods', async () => {
    const head = await rawRequest(port, '/style.css', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], '6');
    assert.equal(head.body, '');
    const post = await rawRequest(port, '/style.css', 'POST');
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET, HEAD');
  });

  test('answers 404 for missing files', async () => {
    for (const requestPath of ['/missing.html', '/service-finder/missing.wasm', '/test/missing.json', '/sub/missing/']) {
      const response = await rawRequest(port, requestPath);
      assert.equal(response.status, 404, requestPath);
      assert.equal(response.body, 'Not found\n');
    }
  });

  test('never lists a directory', async () => {
    for (const requestPath of ['/empty/', '/empty', '/sub', '/service-finder/', '/service-finder', '/test/']) {
      const response = await rawRequest(port, requestPath);
      assert.equal(response.status, 404, requestPath);
      assert.doesNotMatch(response.body, /service-finder\.js|broken\.json|index\.html/, requestPath);
    }
  });

  test('never serves a file outside the mounts or a hidden file', async () => {
    const attempts = [
      '/../secret.txt',
      '/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/sub/../../secret.txt',
      '/sub/%2e%2e/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/service-finder/../secret.txt',
      '/service-finder/..%2f..%2fsecret.txt',
      '/service-finder/%2e%2e/www/index.html',
      '/test/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%5c..%5csecret.txt',
      '/secret.txt%00.html',
      '/%zz',
      '/.env',
      '/%2eenv',
      '//etc/passwd',
      '/etc/passwd',
      `/${'%2e%2e/'.repeat(12)}etc/passwd`,
    ];
    for (const requestPath of attempts) {
      const response = await rawRequest(port, requestPath);
      assert.equal(response.status, 404, requestPath);
      assert.doesNotMatch(response.body, /SECRET|HIDDEN|root:/, requestPath);
    }
  });

  test('resolveRequestPath keeps every path inside its mount', () => {
    const mounts = [
      { prefix: '/service-finder/', dir: '/srv/dist' },
      { prefix: '/', dir: '/srv/www' },
    ];
    const check = (urlPath, expected) => assert.equal(resolveRequestPath(urlPath, mounts), expected, urlPath);
    check('/', '/srv/www/index.html');
    check('/a/b.css', '/srv/www/a/b.css');
    check('/a//b.css', '/srv/www/a/b.css');
    check('/service-finder/service-finder.js', '/srv/dist/service-finder.js');
    check('/service-finder/x%20y.js', '/srv/dist/x y.js');
    check('/service-finder/../www/index.html', null);
    check('/a/%2e%2e/b', null);
    check('/a\\..\\b', null);
    check('/a%00b', null);
    check('/%E0%A4%A', null);
    check('/.git/config', null);
  });

  test('runs as a command and prints the address once listening', async () => {
    const child = spawn(process.execPath, [SERVE_SCRIPT, '--port', '0'], {
      env: { ...process.env, PORT: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise((resolve, reject) => {
        let output = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk) => {
          output += chunk;
          const newline = output.indexOf('\n');
          if (newline !== -1) resolve(output.slice(0, newline));
        });
        child.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code} before listening`)));
        child.on('error', reject);
      });
      // --port wins over PORT, and 0 picks a free port.
      const match = /^Serving the demo at http:\/\/127\.0\.0\.1:(\d+)\/$/.exec(line);
      assert.ok(match, `unexpected first line: ${line}`);
      const childPort = Number(match[1]);
      assert.ok(childPort > 1);
      const response = await rawRequest(childPort, '/service-finder/../../package.json');
      assert.equal(response.status, 404);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  test('rejects a port that is not a number', async () => {
    const child = spawn(process.execPath, [SERVE_SCRIPT, '--port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 2);
    assert.match(stderr, /not a port number: eighty/);
  });
});
