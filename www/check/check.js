// The officers' checker page (dist/check.html): a spreadsheet, another system's export or a
// directory file is read in the browser — nothing is uploaded. The importer (import/, its own
// wasm module, loaded only here) turns a spreadsheet into a directory; the core checks it as
// `service-finder check` does. The page lists every problem grouped by entry, with the row of
// the spreadsheet or the line of the directory, shows the widget with the result, and offers
// the finished directory.json (and the category mapping) for download. Each problem is
// explained in the page's language: the importer's catalog (import/src/officer.rs) has the
// German of every message of the importer and the core, so that the core's wasm, which the
// newcomers download, carries no German for officers.

import initImporter, { explainProblem, importFile } from './service-finder-import.js';
import { Places, ServiceFinder, initServiceFinder } from './service-finder.js';
import MESSAGES from './messages.js';

const $ = (id) => document.getElementById(id);
let language = (navigator.languages ?? []).find((tag) => /^(de|en)\b/.test(tag))?.slice(0, 2) ?? 'de';
/** What the last file gave, shown again when the language changes. */
let last = null;

/** A message in the page's language, with `{placeholders}` filled. */
function t(key, values = {}) {
  return MESSAGES[language][key].replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

function el(tag, attributes = {}, text) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text != null) element.textContent = text;
  return element;
}

function showTexts() {
  document.documentElement.lang = language;
  document.title = `${t('title')} – service-finder`;
  for (const element of document.querySelectorAll('[data-text]')) element.textContent = t(element.dataset.text);
  $('language').textContent = t('other');
  $('language').lang = language === 'de' ? 'en' : 'de';
  if (last) show(last);
}

$('language').addEventListener('click', () => {
  language = language === 'de' ? 'en' : 'de';
  showTexts();
});

const drop = $('drop');
drop.addEventListener('dragover', (event) => {
  event.preventDefault();
  drop.dataset.over = '';
});
drop.addEventListener('dragleave', () => delete drop.dataset.over);
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  delete drop.dataset.over;
  const [file] = event.dataTransfer.files;
  if (file) check(file);
});
$('errors-only').addEventListener('change', () => {
  $('problems').toggleAttribute('data-errors-only', $('errors-only').checked);
});
$('file').addEventListener('change', () => {
  const [file] = $('file').files;
  if (file) check(file);
});

/** The modules, loaded once: the core (with all of Germany's places) and the importer. */
let modules = null;
function loadModules() {
  modules ??= (async () => {
    const [, , placesText] = await Promise.all([
      initServiceFinder(),
      initImporter(),
      fetch(new URL('./places-de.tsv', import.meta.url)).then((response) => response.text()),
    ]);
    const categories = await (await fetch(new URL('./check-categories.json', import.meta.url))).text();
    return { places: Places.fromText(placesText), categories };
  })();
  return modules;
}

/** Whether the bytes are a directory file already (rather than another system's export). */
function isDirectory(bytes) {
  const head = new TextDecoder().decode(bytes.subarray(0, 4096));
  return /^\s*(\uFEFF)?\{/.test(head) && head.includes('"format_version"');
}

/**
 * Whether the bytes are a category mapping (the file the page offers for download, edited):
 * comments and "word = ids" lines only.
 */
function isMapping(name, bytes) {
  if (!/\.txt$/i.test(name)) return false;
  const lines = new TextDecoder().decode(bytes).split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  return lines.length > 0 && lines.every((line) => line.includes('='));
}

/** The category mapping the officer gave, and the last spreadsheet or export read. */
let categoryMapping;
let source = null;

async function check(file) {
  $('status').textContent = t('reading', { file: file.name });
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    // An edited mapping: kept, and the last file is read again with it.
    if (isMapping(file.name, bytes)) {
      categoryMapping = new TextDecoder().decode(bytes);
      if (source) return check(source);
      $('status').textContent = t('mappingKept', { file: file.name });
      return;
    }
    const { places, categories } = await loadModules();
    let directory = bytes;
    let imported = null;
    if (!isDirectory(bytes)) {
      // The gazetteer's point of a postcode or a town, for rows without coordinates; of two
      // towns of one name (Lichtenfels in Hesse and in Bavaria) the one nearer `home`.
      let home = null;
      const locate = (query) => {
        const [found] = places.lookup(query, 1, home?.latitude, home?.longitude);
        if (!found) return null;
        const exact = /^\d{5}$/.test(query) ? found.postcodes.includes(query) : found.name.toLowerCase() === query.toLowerCase();
        return exact ? found.point : null;
      };
      source = file;
      imported = JSON.parse(importFile(bytes, file.name, categoryMapping, categories, locate));
      // The page does not know the county: the middle of the file's own entries stands for it,
      // and the file is read once more with the towns nearest to it.
      home = middleOf(JSON.parse(imported.directory).entries);
      if (home) imported = JSON.parse(importFile(bytes, file.name, categoryMapping, categories, locate));
      directory = imported.directory;
    }
    const finder = ServiceFinder.fromJson(directory);
    last = {
      file: file.name,
      imported,
      checked: finder.problems(),
      entries: finder.info(language).entryCount,
      directory: typeof directory === 'string' ? directory : new TextDecoder().decode(directory),
    };
    finder.free();
    show(last);
  } catch (error) {
    last = null;
    $('result').hidden = true;
    $('status').textContent = t('failed', { file: file.name, reason: reasonOf(error) });
  }
}

/** A text of the directory: as it is, or by language (the first given, the directory's own). */
function textOf(text) {
  return typeof text === 'string' ? text : Object.values(text ?? {})[0] ?? '';
}

/** The median latitude and longitude of the entries that have a place, or null. */
function middleOf(entries) {
  const points = entries.map((entry) => entry.location).filter((location) => location?.latitude != null);
  if (!points.length) return null;
  const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
  return { latitude: median(points.map((point) => point.latitude)), longitude: median(points.map((point) => point.longitude)) };
}

/**
 * Why a file cannot be read, in the page's language: the importer's reasons are sentences of
 * the officers' catalog. As it is when the importer itself could not be loaded.
 */
function reasonOf(error) {
  const message = error?.message ?? String(error);
  try {
    return explainProblem(message, undefined, language);
  } catch {
    return message;
  }
}

/** A field of the directory ("location.postal_code") by its heading in the template, where it has one. */
function fieldText(field) {
  const name = MESSAGES[language].fields[field.split(/[.[]/)[0]];
  return name ? t('field', { name, field }) : t('fieldRaw', { field });
}

/** Lists the problems, offers the downloads and shows the preview. */
function show({ file, imported, checked, entries, directory }) {
  // The importer's problems (row and column of the spreadsheet) first, then the check's (the
  // line of the directory, where the file was one).
  const problems = [
    ...(imported?.problems ?? []).map((problem) => ({ ...problem, kind: undefined, where: problem.row ? t('row', { row: problem.row }) : '', part: problem.column ? t('column', { column: problem.column }) : '' })),
    ...checked.map((problem) => ({
      entry: problem.entryId,
      severity: problem.severity,
      kind: problem.kind,
      message: problem.message,
      // An imported file's entry is shown at its row of the spreadsheet, a directory's at its line.
      where: imported ? (imported.entryRows?.[problem.entryId] ? t('row', { row: imported.entryRows[problem.entryId] }) : '') : (problem.line ? t('line', { line: problem.line }) : ''),
      part: problem.field ? fieldText(problem.field) : '',
    })),
  ];
  const count = (severity) => problems.filter((problem) => problem.severity === severity).length;
  $('status').textContent = t('done', { file, entries, errors: count('error'), warnings: count('warning'), notes: count('note') });
  $('summary').textContent = problems.length ? '' : t('none');
  // Many warnings (each approximate place, each converted time) can hide the few errors.
  $('errors-only-label').hidden = !(count('error') > 0 && count('error') < problems.length);
  const groups = new Map();
  for (const problem of problems) {
    const key = problem.entry ?? '';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(problem);
  }
  // Each entry's problems under the name the officer typed, with the id the widget uses.
  const names = new Map(JSON.parse(directory).entries?.map((entry) => [entry.id, textOf(entry.name)]) ?? []);
  const list = [];
  for (const [entry, items] of groups) {
    const section = el('section', { class: 'entry' });
    const name = names.get(entry);
    section.append(el('h3', {}, !entry ? t('file') : name ? t('entryNamed', { name, id: entry }) : t('entry', { id: entry })));
    const ul = el('ul');
    for (const problem of items) {
      const li = el('li', { 'data-severity': problem.severity });
      li.append(el('span', { class: `severity severity-${problem.severity}` }, t(problem.severity)), ' ');
      const where = [problem.where, problem.part].filter(Boolean).join(', ');
      if (where) li.append(el('span', { class: 'where' }, where), ': ');
      li.append(el('span', { class: 'message', lang: language }, explainProblem(problem.message, problem.kind, language)));
      ul.append(li);
    }
    section.append(ul);
    list.push(section);
  }
  $('problems').replaceChildren(...list);
  const download = $('download');
  URL.revokeObjectURL(download.href);
  download.href = URL.createObjectURL(new Blob([directory], { type: 'application/json' }));
  const mapping = $('mapping');
  mapping.hidden = !imported;
  // The hint only when the importer guessed (its notes say which): else nothing needs doing.
  $('mapping-hint').hidden = !imported?.problems.some((problem) => problem.message.includes('was guessed to be'));
  if (imported) {
    URL.revokeObjectURL(mapping.href);
    mapping.href = URL.createObjectURL(new Blob([imported.mapping], { type: 'text/plain' }));
  }
  const preview = el('service-finder', { src: download.href, lang: language, 'fixed-language': '' });
  $('preview').replaceChildren(preview);
  $('result').hidden = false;
}

showTexts();
