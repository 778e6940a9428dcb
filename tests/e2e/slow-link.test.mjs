// Unit tests of what the cold-start benchmark measures on (scripts/bench-web.mjs cold-start
// --network): scripts/serve.mjs over HTTPS and HTTP/2, and the modelled phone line of
// scripts/slow-link.mjs. No browser, no build: a temporary folder is served. The line's times
// are checked as lower bounds, which no busy machine can undercut: what the model adds (its
// round trips, the TCP handshake, the rate) must be there.

import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, before, describe, test } from 'node:test';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';

import { selfSignedCertificate, startServer } from '../../scripts/serve.mjs';
import { startSlowLink } from '../../scripts/slow-link.mjs';

/** Bytes no compressor shrinks, the same in every run. */
const noise = (length) => Buffer.from(Array.from({ length }, (_, index) => (index * 7919 + (index >> 8) * 104729) % 251));
const WASM = noise(40_000);
const SCRIPT = `export const cards = ${JSON.stringify('Beratung für Familien '.repeat(400))};`;

/** GET `requestPath` with `agent` (one keep-alive connection): status, headers and body. */
function get(agent, port, requestPath, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get({ agent, host: '127.0.0.1', port, path: requestPath, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('scripts/serve.mjs over HTTPS and HTTP/2, and scripts/slow-link.mjs', () => {
  let root;
  let certificate;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'slow-link-test-'));
    await mkdir(path.join(root, 'dist'));
    await mkdir(path.join(root, 'www'));
    await writeFile(path.join(root, 'dist', 'core_bg.wasm'), WASM);
    await writeFile(path.join(root, 'dist', 'embed.js'), SCRIPT);
    await writeFile(path.join(root, 'dist', 'embed.js.br'), brotliCompressSync(SCRIPT));
    await writeFile(path.join(root, 'www', 'index.html'), '<!doctype html><title>county</title>');
    certificate = selfSignedCertificate(root);
  });
  after(() => rm(root, { recursive: true, force: true }));

  test('the certificate is for 127.0.0.1, and its hash is of its public key', () => {
    assert.match(certificate.cert, /^-----BEGIN CERTIFICATE-----/);
    assert.match(certificate.key, /PRIVATE KEY-----/);
    assert.equal(Buffer.from(certificate.spkiHash, 'base64').length, 32);
  });

  test('HTTP/2 over TLS: the types and the precompressed copy as over HTTP/1.1', async () => {
    const server = await startServer({ port: 0, root, tls: { ...certificate, http2: true } });
    try {
      assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+\/$/);
      const session = http2.connect(server.url, { ca: certificate.cert });
      const request = (requestPath, headers = {}) => new Promise((resolve, reject) => {
        const stream = session.request({ ':path': requestPath, 'accept-encoding': 'br', ...headers });
        const chunks = [];
        let head;
        stream.on('response', (responseHeaders) => {
          head = responseHeaders;
        });
        stream.on('data', (chunk) => chunks.push(chunk));
        stream.on('end', () => resolve({ headers: head, body: Buffer.concat(chunks) }));
        stream.on('error', reject);
      });
      const wasm = await request('/service-finder/core_bg.wasm');
      assert.equal(wasm.headers[':status'], 200);
      assert.equal(wasm.headers['content-type'], 'application/wasm');
      const script = await request('/service-finder/embed.js');
      assert.equal(script.headers['content-encoding'], 'br');
      assert.equal(brotliDecompressSync(script.body).toString('utf8'), SCRIPT);
      const missing = await request('/service-finder/nothing.js');
      assert.equal(missing.headers[':status'], 404);
      session.close();
    } finally {
      await server.close();
    }
  });

  test('HTTPS with HTTP/1.1 serves the page, and close() ends its keep-alive connections', async () => {
    const server = await startServer({ port: 0, root, tls: certificate });
    const agent = new https.Agent({ keepAlive: true, ca: certificate.cert });
    const page = await new Promise((resolve, reject) => {
      https.get(server.url, { agent }, (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode, type: response.headers['content-type'], body }));
      }).on('error', reject);
    });
    assert.deepEqual(page, { status: 200, type: 'text/html; charset=utf-8', body: '<!doctype html><title>county</title>' });
    await server.close();
    agent.destroy();
  });

  test('the line: a new connection waits for its handshake and a round trip, then the bytes at the line\'s rate', async () => {
    const server = await startServer({ port: 0, root });
    const rttMs = 200;
    const downKbps = 800;
    const link = await startSlowLink({ target: { host: '127.0.0.1', port: server.port }, rttMs, downKbps });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      let start = performance.now();
      const first = await get(agent, link.port, '/service-finder/core_bg.wasm');
      const firstMs = performance.now() - start;
      assert.equal(first.status, 200);
      assert.ok(first.body.equals(WASM), 'the bytes come through whole and in order');
      const onTheLineMs = (WASM.length * 8) / downKbps;
      // The handshake, the request's round trip, and 40 KB at 800 kbit/s (400 ms).
      assert.ok(firstMs >= 2 * rttMs + onTheLineMs, `first request took ${firstMs.toFixed(0)} ms`);

      // The same connection again: no handshake, but the round trip and the bytes.
      start = performance.now();
      const again = await get(agent, link.port, '/service-finder/core_bg.wasm');
      const againMs = performance.now() - start;
      assert.ok(again.body.equals(WASM));
      assert.ok(againMs >= rttMs + onTheLineMs, `second request took ${againMs.toFixed(0)} ms`);
    } finally {
      agent.destroy();
      await link.close();
      await server.close();
    }
  });

  test('the line is shared: two downloads side by side take as long as both one after the other', async () => {
    const server = await startServer({ port: 0, root });
    const rttMs = 100;
    const downKbps = 1600;
    const link = await startSlowLink({ target: { host: '127.0.0.1', port: server.port }, rttMs, downKbps });
    // Two connections, each with its own handshake, opened together.
    const agents = [new http.Agent(), new http.Agent()];
    try {
      const start = performance.now();
      const both = await Promise.all(agents.map((agent) => get(agent, link.port, '/service-finder/core_bg.wasm')));
      const elapsedMs = performance.now() - start;
      for (const { body } of both) assert.ok(body.equals(WASM));
      const bothOnTheLineMs = (2 * WASM.length * 8) / downKbps;
      assert.ok(elapsedMs >= 2 * rttMs + bothOnTheLineMs, `took ${elapsedMs.toFixed(0)} ms`);
    } finally {
      for (const agent of agents) agent.destroy();
      await link.close();
      await server.close();
    }
  });
});
