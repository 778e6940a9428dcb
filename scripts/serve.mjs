#!/usr/bin/env node
// A small static server for the demo and the end-to-end tests, with node's built-in http module
// only. It serves /service-finder/* from dist/ (the files a county copies, at the path the README's
// embed snippet uses) and everything else from www/. It listens on 127.0.0.1 only.
//
//   node scripts/serve.mjs [--port N]      (or PORT=N; default 8080; 0 picks a free port)
//
// Tests import startServer() and may add mounts, for example /test/ → tests/fixtures/.
//
// It answers a revalidation of an unchanged file with 304 (If-Modified-Since), and it
// compresses as a county's server would (issue 16): a file's precompressed copy beside it
// (`<file>.br`, `<file>.gz`, which scripts/build-web writes into dist/) when the browser
// accepts that encoding, else text and wasm gzipped on the fly. A copy older than its file is
// left alone: an officer who replaced `directory.json` after the build must not have the old
// directory sent from the old `directory.json.br` (a county's nginx would; see the README).

import { execFileSync } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';
const DEFAULT_PORT = 8080;

/** Content types by file extension; anything else is served as bytes. */
export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  // The places files, as text (the widget reads them with response.text()).
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  // TypeScript declarations (service-finder-core.d.ts), shown as text rather than as MPEG-TS.
  '.ts': 'text/plain; charset=utf-8',
  // The officers' template, which the checker page links to: opened by the spreadsheet program.
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
};

function contentType(filePath) {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Types worth compressing; pictures are compressed already. */
const COMPRESSIBLE = /\.(html|js|mjs|css|json|webmanifest|wasm|svg|txt|tsv|map|ts)$/i;

/** The encodings a request accepts ("gzip, deflate, br" → {'gzip','deflate','br'}), without q=0 ones. */
export function acceptedEncodings(header = '') {
  return new Set(
    String(header)
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, ...params]) => !params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param)))
      .map(([name]) => name.trim().toLowerCase())
      .filter(Boolean),
  );
}

/**
 * How much older than its file a precompressed copy may be and still be sent: copying a whole
 * folder without keeping the times (`cp -r`) may write a copy a moment before its file; a file
 * replaced by hand comes minutes or months after the build.
 */
const COPY_TIME_TOLERANCE_MS = 2000;
/** Copies already reported as stale, so that the console says it once per copy. */
const reportedStale = new Set();

/**
 * The precompressed copy to send, if there is one the browser accepts: brotli before gzip. A
 * copy older than `info` (the file's own stat) holds what the file had before it was replaced:
 * it is skipped, with a warning, and the file is compressed on the fly instead.
 */
async function precompressed(file, info, accepted) {
  for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
    if (!accepted.has(encoding)) continue;
    let copy;
    try {
      copy = await stat(file + suffix);
    } catch {
      continue; // No such copy: try the next, or compress on the fly.
    }
    if (!copy.isFile()) continue;
    if (copy.mtimeMs + COPY_TIME_TOLERANCE_MS < info.mtimeMs) {
      if (!reportedStale.has(file + suffix)) {
        reportedStale.add(file + suffix);
        console.warn(`serve: ${file + suffix} is older than ${path.basename(file)}, which was replaced after the build: sending the new file compressed on the fly. Delete the old copy, or make it again.`);
      }
      continue;
    }
    return { file: file + suffix, info: copy, encoding };
  }
  return null;
}

/**
 * The default mounts: URL prefix → directory. The longest matching prefix wins; '/' must be last.
 * @param {string} root the repository root
 */
export function defaultMounts(root = REPO_ROOT) {
  return [
    { prefix: '/service-finder/', dir: path.join(root, 'dist') },
    { prefix: '/', dir: path.join(root, 'www') },
  ];
}

/**
 * Maps a request path to a file inside one of the mounts, or null when it names nothing we serve
 * (outside every mount, a hidden file, a NUL byte, bad percent-encoding).
 */
export function resolveRequestPath(urlPath, mounts) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  // A directory path means its index.html ('/' → www/index.html).
  if (decoded.endsWith('/')) decoded += 'index.html';
  const sorted = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  const mount = sorted.find((m) => decoded.startsWith(m.prefix));
  if (!mount) return null;
  const relative = decoded.slice(mount.prefix.length);
  // Refuse '..' and hidden files ('.git', '.env') outright rather than normalising them away.
  const segments = relative.split('/');
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return null;
  const dir = path.resolve(mount.dir);
  const file = path.resolve(dir, ...segments.filter((s) => s !== ''));
  // Belt and braces: the resolved file must still be inside the mount.
  if (file !== dir && !file.startsWith(dir + path.sep)) return null;
  return file;
}

function sendText(response, status, text, method) {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(method === 'HEAD' ? undefined : text);
}

async function handle(request, response, mounts) {
  const method = request.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    sendText(response, 405, 'Method not allowed\n', method);
    return;
  }
  // Only the path counts; the query string is ignored. The base is never contacted.
  const urlPath = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  const file = resolveRequestPath(urlPath, mounts);
  let info = null;
  if (file) {
    try {
      info = await stat(file);
    } catch {
      info = null;
    }
  }
  // Directories are never listed: a directory without a trailing slash is not found either.
  if (!file || !info || !info.isFile()) {
    sendText(response, 404, 'Not found\n', method);
    return;
  }
  const headers = {
    'Content-Type': contentType(file),
    'Cache-Control': 'no-cache',
    'Last-Modified': info.mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
  };
  const compressible = COMPRESSIBLE.test(file);
  if (compressible) headers.Vary = 'Accept-Encoding';
  // A browser that has the file asks whether it changed (every file is `no-cache`): unchanged
  // since the date it has, it gets 304 and no body, as from a county's web server.
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  if (!Number.isNaN(since) && Math.floor(info.mtimeMs / 1000) * 1000 <= since) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  const accepted = acceptedEncodings(request.headers['accept-encoding']);
  const copy = compressible ? await precompressed(file, info, accepted) : null;
  // Small files are not worth a gzip header and a stream.
  const gzipNow = !copy && compressible && accepted.has('gzip') && info.size > 1024;
  if (copy) {
    headers['Content-Encoding'] = copy.encoding;
    headers['Content-Length'] = copy.info.size;
  } else if (gzipNow) {
    headers['Content-Encoding'] = 'gzip';
  } else {
    headers['Content-Length'] = info.size;
  }
  response.writeHead(200, headers);
  if (method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(copy ? copy.file : file);
  stream.on('error', () => response.destroy());
  if (gzipNow) stream.pipe(createGzip({ level: 6 })).pipe(response);
  else stream.pipe(response);
}

/**
 * A key and a certificate for serving HTTPS on 127.0.0.1, made with openssl in `folder` (PEM),
 * and the SHA-256 hash of its public key (base64), which Chromium can be told to trust
 * (`--ignore-certificate-errors-spki-list`): its pages are then as secure as a county's, with
 * no certificate error.
 * @returns {{key: string, cert: string, spkiHash: string}}
 */
export function selfSignedCertificate(folder) {
  const [key, cert] = [path.join(folder, 'key.pem'), path.join(folder, 'cert.pem')];
  const name = ['-subj', `/CN=${HOST}`, '-addext', `subjectAltName=IP:${HOST}`];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-keyout', key, '-out', cert, ...name], { stdio: 'ignore' });
  const pem = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  const spki = new X509Certificate(pem.cert).publicKey.export({ type: 'spki', format: 'der' });
  return { ...pem, spkiHash: createHash('sha256').update(spki).digest('base64') };
}

/**
 * Starts the server on 127.0.0.1.
 * @param {object} [options]
 * @param {number} [options.port] 0 picks a free port (default 8080)
 * @param {string} [options.root] the repository root whose dist/ and www/ are served
 * @param {{prefix: string, dir: string}[]} [options.extraMounts] more URL prefixes to serve
 * @param {{key: string, cert: string, http2?: boolean}} [options.tls] serve HTTPS with this key
 *   and certificate (PEM), and HTTP/2 where `http2` is set, as a county's server would (the
 *   cold-start benchmark on a modelled line, scripts/slow-link.mjs)
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>} url ends with '/'
 */
export async function startServer({ port = DEFAULT_PORT, root = REPO_ROOT, extraMounts = [], tls = null } = {}) {
  const mounts = [...extraMounts, ...defaultMounts(root)];
  const answer = (request, response) => {
    handle(request, response, mounts).catch(() => {
      if (!response.headersSent) sendText(response, 500, 'Internal error\n', request.method);
      else response.destroy();
    });
  };
  let server;
  if (!tls) server = createServer(answer);
  else if (tls.http2) server = createSecureServer({ key: tls.key, cert: tls.cert }, answer);
  else server = createHttpsServer({ key: tls.key, cert: tls.cert }, answer);
  // Open HTTP/2 connections, for close() (node's HTTP/2 server has no closeAllConnections): a
  // browser's connections would hold it open.
  const connections = new Set();
  if (tls?.http2) {
    server.on('secureConnection', (socket) => {
      connections.add(socket);
      socket.on('close', () => connections.delete(socket));
    });
  }
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  return {
    url: `${tls ? 'https' : 'http'}://${HOST}:${actualPort}/`,
    port: actualPort,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections from a browser would otherwise hold close() open.
        if (tls?.http2) for (const socket of connections) socket.destroy();
        else server.closeAllConnections();
      }),
  };
}

function parsePort(argv, env) {
  const index = argv.indexOf('--port');
  let raw = env.PORT ?? String(DEFAULT_PORT);
  if (index !== -1) raw = argv[index + 1];
  const inline = argv.find((a) => a.startsWith('--port='));
  if (inline) raw = inline.slice('--port='.length);
  const port = Number(raw);
  if (raw === undefined || raw === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`not a port number: ${raw}`);
  }
  return port;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  let port;
  try {
    port = parsePort(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`serve: ${error.message}\nusage: node scripts/serve.mjs [--port N]`);
    process.exit(2);
  }
  startServer({ port }).then(
    ({ url, close }) => {
      console.log(`Serving the demo at ${url}`);
      const stop = () => close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (error) => {
      console.error(`serve: cannot listen on ${HOST}:${port}: ${error.message}`);
      process.exit(1);
    },
  );
}
