// The Rust core, as the widget uses it: the wasm, loaded once per page; the guard on every call
// that swaps in a fresh instance after a trap; one widget's finder and its recovery from a trap
// (WidgetCore); and the places files, fetched once per page when a place field is first used.
//
// The JS API (exported by service-finder.js): if a call into the core ever traps (a
// WebAssembly.RuntimeError, or a RangeError when its stack overflows), that call throws the
// error, and the core is replaced by a fresh instance at once (see guardCore). `ServiceFinder`
// and `Places` keep working; objects made before the trap throw "Invalid stale object from
// previous Wasm instance": make them again (ServiceFinder.fromJson, Places.fromText, …).

/** The core's classes, once it is loaded (loadCore). */
const classes = { ServiceFinder: null, Places: null, DirectoryReader: null };
/** Replaces the core's instance with a fresh one (the glue's reset, see guardCore). */
let resetCore = null;

/**
 * The JS API's `ServiceFinder` and `Places`: stand-ins that are the core's classes once
 * `await initServiceFinder()` has loaded it (every property, `new` and `instanceof` go to
 * them), so that they can be imported, and destructured from `import()`, before the glue is
 * there — which the widget loads only with the wasm.
 */
function lateClass(name) {
  const loaded = () => {
    if (!classes[name]) throw new Error(`service-finder: ${name} can be used once \`await initServiceFinder()\` has loaded the core`);
    return classes[name];
  };
  return new Proxy(function notLoadedYet() {}, {
    get: (_, key) => Reflect.get(loaded(), key),
    set: (_, key, value) => Reflect.set(loaded(), key, value),
    has: (_, key) => Reflect.has(loaded(), key),
    construct: (_, args) => Reflect.construct(loaded(), args),
    apply: (_, self, args) => Reflect.apply(loaded(), self, args),
  });
}
export const ServiceFinder = lateClass('ServiceFinder');
export const Places = lateClass('Places');

// A module of one function that returns a SIMD value (`i8x16.splat` of 0): valid only where the
// browser has wasm's SIMD instructions.
const SIMD_PROBE = [
  0, 97, 115, 109, 1, 0, 0, 0, // "\0asm", version 1
  1, 5, 1, 96, 0, 1, 123, // types: () -> v128
  3, 2, 1, 0, // one function of type 0
  10, 8, 1, 6, 0, 65, 0, 253, 15, 11, // its body: no locals, i32.const 0, i8x16.splat, end
];
const hasSimd = () => WebAssembly.validate(new Uint8Array(SIMD_PROBE));

// The wasm module is loaded and instantiated once per page, however many widgets there are.
// Its glue is imported here, not by the widget's first line, so that neither it nor the wasm
// holds up the first cards (issue 16): the JS API imports it beside the wasm's download, the
// widget once its first page is there (loadWidgetCore). The wasm has low priority: on a slow
// line the small files for the first cards go first; it still compiles as it streams.
//
// The JS API's `initServiceFinder({ fast: true })` loads the same core compiled for speed
// instead (service-finder-core-fast_bg.wasm, same glue; see scripts/build-web): a quarter to a
// third faster for directories of many thousands of entries, 54 KB more to download. The
// first call on a page decides which core the page has; the widget asks for the small one,
// which a county's few hundred entries do not need more than. The fast core uses wasm's SIMD
// instructions; a browser without them (from before 2023) gets the small core, which works
// everywhere.
let coreReady = null;
let coreIsFast = false;
export function loadCore({ fast = false } = {}) {
  return startCore(fast, null);
}

/**
 * The widget's loadCore: the small core, its glue imported only once `firstCards` has settled
 * (a promise of the bundled directory's first page, or null where there is none). The glue's
 * download and compiling then do not compete with the first page's on a slow phone; the wasm,
 * which takes far longer, starts downloading at once.
 */
export function loadWidgetCore(firstCards) {
  return startCore(false, firstCards);
}

function startCore(fast, glueAfter) {
  const fastPossible = fast === true && hasSimd();
  if (coreReady && fastPossible && !coreIsFast) {
    console.warn('service-finder: { fast: true } comes too late, the small core is loaded already');
  }
  if (!coreReady) coreIsFast = fastPossible;
  const wasmFile = coreIsFast ? './service-finder-core-fast_bg.wasm' : './service-finder-core_bg.wasm';
  coreReady ??= Promise.all([
    Promise.resolve(glueAfter).then(() => import('./service-finder-core.js')),
    fetch(new URL(wasmFile, import.meta.url), { priority: 'low' }),
  ]).then(async ([glue, wasm]) => {
    await glue.default({ module_or_path: wasm });
    for (const name of Object.keys(classes)) {
      guardCore(glue[name]);
      classes[name] = glue[name];
    }
    resetCore = glue.__wbg_reset_state;
  });
  // A failed download may be tried again by the next widget or call.
  coreReady.catch(() => {
    coreReady = null;
  });
  return coreReady;
}

/**
 * The JS API's `fetchDirectory(url)`: fetches a directory and loads it as it downloads, a piece
 * at a time, so that its file is never whole in the page's memory (for a large directory: at
 * 100,000 entries the file is 115 MB). Resolves to the `ServiceFinder` that `fromJson` gives for
 * the whole file. A file that cannot be read in pieces (a syntax error, bytes that are not
 * UTF-8, an unusual layout; see src/directory/pieces.rs) is fetched again and read whole by
 * `fromJson`, whose problems say exactly where. Rejects on an HTTP error.
 */
export async function fetchDirectory(url, { signal } = {}) {
  await loadCore();
  const download = async () => {
    const response = await fetch(url, { signal });
    if (!response.ok) throw new Error(`service-finder: ${url}: HTTP ${response.status}`);
    return response;
  };
  const response = await download();
  // The length is the file's only when it is not compressed on the way.
  const length = response.headers.get('content-encoding') ? 0 : Number(response.headers.get('content-length'));
  const reader = new classes.DirectoryReader(length || 0);
  // Into one buffer of a megabyte, used again for every piece, where the browser can (a
  // "BYOB" reader): a new buffer per piece left about 30 MB more garbage at the peak at
  // 100,000 entries. (Not `for await`: Safari cannot iterate a stream so.)
  const body = response.body; // null for an empty response
  let buffer = null;
  let pieces;
  try {
    pieces = body?.getReader({ mode: 'byob' });
    buffer = new ArrayBuffer(1 << 20);
  } catch {
    pieces = body.getReader();
  }
  const read = () => (buffer ? pieces.read(new Uint8Array(buffer)) : pieces.read());
  try {
    while (body) {
      const { done, value } = await read();
      if (done) break;
      // The buffer comes back with the piece in it (the same memory, in a new ArrayBuffer).
      if (buffer) buffer = value.buffer;
      // False: the file is to be read whole; the rest of this download is not needed.
      if (!reader.push(value)) {
        pieces.cancel().catch(() => {});
        break;
      }
    }
  } catch (error) {
    reader.free();
    throw error;
  }
  return reader.finish() ?? classes.ServiceFinder.fromJson(await (await download()).arrayBuffer());
}

// A trap leaves the core's memory in an unknown state, and with it every finder on the page.
// Every call into the core goes through this guard: after a trap it swaps in a fresh instance
// of the same module (the reset function that scripts/build-web asks wasm-bindgen for) and
// counts instances, so that each widget rebuilds its finder at its next use (WidgetCore.use).
let instance = 0;
function guardCore(type) {
  for (const target of [type, type.prototype]) {
    for (const name of Object.getOwnPropertyNames(target)) {
      const call = target[name];
      if (typeof call !== 'function' || name === 'constructor') continue;
      target[name] = function guarded(...args) {
        try {
          return call.apply(this, args);
        } catch (error) {
          if (error instanceof WebAssembly.RuntimeError || error instanceof RangeError) {
            resetCore();
            instance++;
            placeFiles.clear();
          }
          throw error;
        }
      };
    }
  }
}

/** The core instance in use now: objects made in an earlier one are gone with it. */
export function coreInstance() {
  return instance;
}

// Places files, fetched from beside the wasm the first time someone uses a place field, then
// shared by every widget on the page: `places-region.tsv` (the places around the bundled
// directory's region, a few KB) and `places-de.tsv` (all of Germany). Neither is needed for the
// first results, so neither is in the wasm.
const placeFiles = new Map();
export function loadPlaces(file) {
  if (!placeFiles.has(file)) {
    const text = fetch(new URL(`./${file}`, import.meta.url)).then((response) => {
      if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
      return response.text();
    });
    // The place field may be used before the core is there (the first page, first-page.js).
    placeFiles.set(file, Promise.all([text, loadCore()])
      .then(([places]) => Places.fromText(places))
      .catch((error) => {
        console.warn(`service-finder: the places in ${file} could not be loaded.`, error);
        // Asked for again next time: the phone may be back online.
        placeFiles.delete(file);
        return null;
      }));
  }
  return placeFiles.get(file);
}

/**
 * One widget's finder. Every call into it goes through `use`: after a trap (in that call, or
 * anywhere on the page before) the finder is stale, and the widget rebuilds it on the fresh
 * core (`restart(true)`), keeping the newcomer's search; if that traps again, it starts afresh
 * without the search (`restart(false)`); after a third trap in a row the widget shows the error
 * message, not a loop.
 */
export class WidgetCore {
  constructor(restart) {
    this.restart = restart;
    this.finder = null;
    /** The core instance the finder lives in, and the traps in a row. */
    this.instance = -1;
    this.traps = 0;
  }

  /** Keeps `finder` from now on, and frees the one before. */
  hold(finder) {
    this.free();
    this.finder = finder;
    this.instance = instance;
  }

  free() {
    // A finder of a replaced core instance is gone with it: nothing to free.
    if (this.instance === instance) this.finder?.free();
    this.finder = null;
  }

  /** Runs `call(finder)`, which calls into the core, and returns its value; undefined after a trap. */
  use(call) {
    // No finder yet (the directory is loading): nothing to call, nothing to rebuild.
    if (!this.finder) return undefined;
    if (this.instance === instance) {
      try {
        const value = call(this.finder);
        // Not reset when a call inside `call` trapped (it started the rebuild).
        if (this.instance === instance) this.traps = 0;
        return value;
      } catch (error) {
        if (this.instance === instance) throw error;
        console.error('service-finder: the core failed and was restarted; please report this.', error);
        this.traps++;
      }
    }
    this.restart(this.traps < 2);
    return undefined;
  }
}
