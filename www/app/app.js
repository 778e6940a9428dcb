// The app page's script (dist/app.js; the page is www/app/index.html): the panel above the
// finder that offers to keep it for offline use and explains how to install it, in the widget's
// UI language; and the service worker, registered only when the newcomer has asked for it.
//
// §25 TDDDG allows storing on the device without consent only what the newcomer asked for. So
// the worker (and with it every cache) is registered only when
//   - the page was opened as ./?offline (the embedded widget's "use offline" link),
//   - it runs as the installed app (display-mode standalone: installing it was the request),
//   - a worker is registered already (asked for before), or
//   - the newcomer presses "Keep for offline use" here.
// Nothing else is stored by this page; closing the panel is not remembered.

import { LANGUAGES, direction, pickLanguage } from '../widget/messages.js';

const panel = document.getElementById('app');
const parts = Object.fromEntries(['heading', 'intro', 'keep', 'status', 'install', 'how', 'close'].map((name) => [name, document.getElementById(`app-${name}`)]));
const details = document.getElementById('app-details');
const widget = document.querySelector('service-finder');
const worker = navigator.serviceWorker;
const standalone = matchMedia('(display-mode: standalone)').matches || navigator.standalone === true;

/** The panel's texts in the UI language (app-messages/<tag>.js, built from data/messages). */
let texts = {};
/** What the status line says: '', 'app.keeping', 'app.kept' or 'app.failed'. */
let status = '';
/** Chrome's install prompt, once it has offered one. */
let installPrompt = null;

/** iOS (Safari's Share menu), Android, or a desktop browser (its install icon). */
function platform() {
  const agent = navigator.userAgent;
  if (/iPhone|iPad|iPod/.test(agent) || (/Macintosh/.test(agent) && navigator.maxTouchPoints > 1)) return 'ios';
  if (navigator.userAgentData?.mobile || /Android/.test(agent)) return 'android';
  return 'desktop';
}

function show() {
  const t = (key) => texts[key] ?? '';
  parts.heading.textContent = t('app.heading');
  parts.intro.textContent = t('app.intro');
  parts.keep.textContent = t('app.keep');
  parts.keep.hidden = !worker || status === 'app.keeping' || status === 'app.kept';
  parts.status.textContent = t(status);
  parts.install.textContent = t('app.install');
  parts.install.hidden = !installPrompt;
  parts.how.textContent = installPrompt ? '' : t(`app.install.${platform()}`);
  parts.close.lastElementChild.textContent = t('app.close');
}

/** Speaks `language`: the page's lang and dir, and the panel's texts. */
async function speak(language) {
  const file = `./app-messages/${language}.js`;
  try {
    texts = (await import(file)).default;
  } catch (error) {
    console.warn(`service-finder: the app page's texts for ${language} could not be loaded.`, error);
    return;
  }
  document.documentElement.lang = language;
  document.documentElement.dir = direction(language);
  nameThePage(language);
  show();
  // Shown once it has words; never in the installed app, which needs none of it.
  if (!standalone && !panel.dataset.closed) panel.hidden = false;
}

/**
 * The tab's title and the page's heading as the widget's title reads in `language` (the
 * directory's title in that language, where it has one). The widget renders it right after
 * it says which language it speaks, and on its first render (see the observer below).
 */
function nameThePage(language) {
  const title = widget?.shadowRoot?.querySelector('.sf-title')?.textContent;
  if (!title) return;
  document.title = title;
  const heading = document.querySelector('h1');
  heading.textContent = title;
  heading.lang = language;
}

/** Registers the worker, which keeps the app and its data (see sw.js); says when it is done. */
async function keep() {
  if (!worker) return;
  status = 'app.keeping';
  show();
  try {
    const registration = await worker.register('./sw.js', { scope: './' });
    // `ready` waits for an active worker, and one whose install failed (a file that did not
    // download, or not with the bytes listed) never becomes one: watched, so that the page says
    // so and offers to try again rather than saying "saving …" for good.
    const installing = registration.installing;
    await new Promise((resolve, reject) => {
      worker.ready.then(resolve);
      installing?.addEventListener('statechange', () => {
        if (installing.state === 'redundant') reject(new Error('the worker\'s install failed'));
      });
    });
    // What the widget fetched before the worker was there (the thesaurus and word forms of the
    // UI language, places): the worker keeps it too, or the search would find less offline.
    const here = new URL('./', location.href).href;
    const fetched = performance.getEntriesByType('resource').map((entry) => entry.name).filter((url) => url.startsWith(here));
    registration.active?.postMessage({ keep: fetched.map((url) => url.slice(here.length)) });
    status = 'app.kept';
  } catch (error) {
    console.warn('service-finder: the app could not be kept for offline use.', error);
    status = 'app.failed';
  }
  show();
}

/** Asks the browser not to delete the kept data under storage pressure (the installed app). */
function persist() {
  navigator.storage?.persist?.().catch(() => {});
}

// The widget picks the same language from the same facts (messages.js), a shared link's
// (#…&lang=tr) first, and says when the newcomer switches it.
const linked = new URLSearchParams(location.hash.slice(1)).get('lang');
speak(LANGUAGES.some((language) => language.tag === linked) ? linked : pickLanguage(null));
widget?.addEventListener('language-change', (event) => speak(event.detail));
// The first render, in the language the widget chose.
if (widget) {
  new MutationObserver(() => nameThePage(widget.language)).observe(widget, { attributes: true, attributeFilter: ['data-state'] });
}

parts.keep.addEventListener('click', keep);
parts.close.addEventListener('click', () => {
  panel.hidden = true;
  panel.dataset.closed = 'true';
});
parts.install.addEventListener('click', async () => {
  const prompt = installPrompt;
  installPrompt = null;
  show();
  await prompt?.prompt();
});
addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault();
  installPrompt = event;
  show();
});
addEventListener('appinstalled', persist);

if (standalone) persist();
const offline = new URLSearchParams(location.search).has('offline');
// Came from the widget's "use offline" link: open, to say that it is kept and how to install.
details.open = offline;
if (worker) {
  const asked = offline || standalone;
  worker.getRegistration('./').then((registration) => {
    if (asked || registration) keep();
  });
}
