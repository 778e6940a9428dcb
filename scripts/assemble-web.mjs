// Second half of scripts/build-web: bundles the widget's modules into dist/service-finder.js,
// minified, turns the message catalogs and the stylesheet into modules, and checks the size
// budget.
import { readFileSync, writeFileSync, copyFileSync, readdirSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { build, buildSync, transformSync } from 'esbuild';
import { writeFirstPages } from './first-page.mjs';
import { renderFirstScreens } from './first-screen.mjs';
import { codeLetter, placeShardKey, placeShardKeys, secondLetterCode } from '../www/widget/place-shards.js';
import { brotliCompressSync, constants as zlibConstants, deflateSync, gzipSync } from 'node:zlib';
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
/** What one lookup may download at most (issue 16: 60 KB gzipped). */
const PLACE_SHARD_CEILING = 60 * 1024;
/**
 * A first letter's places are split by the second letter when they are more than this,
 * gzipped, into ranges of the second letter of about PLACE_RANGE_TARGET each: on Slow 4G a
 * lookup of "Münst" then downloads a few KB rather than the 17–39 KB of a whole letter.
 */
const PLACE_SPLIT_ABOVE = 16 * 1024;
const PLACE_RANGE_TARGET = 12 * 1024;
/** Gzipped bytes of one UI language's thesaurus (loaded after the first results). */
const THESAURUS_CEILING = 34 * 1024; // 31.2 KB measured (ru: 274 concepts in Russian, German and English)

const BUDGETS = {
  // With the languages (400) and the styles (3,050) inside since issue 16.
  // +0.5 KB for search without dead ends (issue 17): the partial note, "did you mean", the
  // clear button, loading the thesaurus.
  // +0.2 KB to hand the stem module (loaded after the first results) to the core, for the
  // place shards of Cyrillic and Arabic-script letters (GeoNames' spellings of the towns), and
  // to show the spelling that matched beside the German name and keep the marked place marked
  // when a shard arrives (17,844 B).
  // +0.3 KB for the nationwide files (issue 16 part 5): the `nationwide` attribute, importing
  // its reader after the first results, the directories it adds kept with the own, and the
  // downloads kept for a rebuild (18,138 B); the core's glue +46 B for searchWords, +29 B to
  // hand all terms to the stem module at once (stemAll).
  // +0.3 KB for the place shards split by the second letter where a first letter has many
  // places (places/splits.json, read when the place field gets the focus): a lookup fetches
  // at most 16 KB instead of 39 KB (18,423 B).
  // +0.15 KB for the first cards sooner on a slow phone (issue 16): the formatters made while
  // the first page downloads, the folded filter panel's groups made when it first opens, and
  // reading the directory apart from showing its results (18,574 B).
  // +0.1 KB for the JS API's choice of the core compiled for speed (`initServiceFinder({ fast:
  // true })`, whose wasm is not on this path), with a warning when it comes too late (18,680 B).
  // +0.25 KB for the JS API's `fetchDirectory`, which reads a large directory as it downloads,
  // into one buffer used again where the browser can: 0.85–0.94× the time of downloading,
  // then loading, at 100,000 entries, and the file never whole in memory (18,931 B).
  // +0.1 KB for asking the browser whether it has wasm's SIMD instructions, which the core
  // compiled for speed now uses (0.91–0.94× the time to load 100,000 entries); where it has
  // not, the small core is loaded instead (19,017 B).
  // +45 B for `data-words` on the element: whether the thesaurus and the word forms, which come
  // after the first results, are in the search yet, so that a test can wait for that search
  // instead of reading a count that may still grow (19,062 B).
  // +0.15 KB for the first cards sooner on a slow phone (issue 16): the first page asked for
  // before the loading frame and its styles, the core's glue imported once the first page is
  // there (not beside it; or the directory, should a first page never come), and the widget's
  // width kept from its last layout (a ResizeObserver) rather than read with a layout of the
  // new parts; 822 → 799 ms, medians of 21 (19,244 B).
  // +0.55 KB for what a review as newcomers and webmasters found missing: a place that is not
  // found (or Germany's places that could not be downloaded) said on screen and the download
  // tried again, place suggestions kept in order in right-to-left languages, a search that
  // finds nothing offering every entry and the publisher to ask, a note when nothing lies
  // within the distance, the page's word breaking kept out and a usable width as a flex item
  // (19,827 B).
  // +0.3 KB for a third review: a chip or a language that would give no results cannot be
  // chosen (it only led to "nothing found"), "skip to the results" past the filter panel for the
  // keyboard, a card's actions two to a row on a phone, a course's hours not "open now" before
  // its start, the title flowing around the language switcher, the catalog's separator
  // (Persian sets parts apart with "،": its zero looks like "·"), a shared entry scrolled to,
  // a place's other name shown only in the script typed, and no map button for no results
  // (20,261 B).
  // +0.1 KB: the distance offered only with a place or a location to measure from (without one
  // it changed nothing, and on a phone it pushed the first card below the first screen), and
  // today and tomorrow named in the "open on" filter ("Donnerstag, heute") (20,367 B); a course
  // outside its dates shows its lesson times through the hours module, not as written (20,390 B);
  // a no-break space between a distance and its unit where the language's short unit joins
  // them (Persian "۱۱۰متر") (20,417 B).
  // +44 B: the note that a search shows a broader topic's entries ("Frauenarzt": no
  // gynaecologist, so the health services) (20,461 B).
  // +53 B: dates in the UI language's words from its catalog where the browser has no Intl
  // data for it (Tigrinya: "16 ሕዳር 2026", where it wrote "Nov 16, 2026") (20,514 B).
  // +114 B: language names and lists from that catalog too ("ቋንቋታት: ዳሪ፣ ፋርስኛ፣ ፓሽቶን ጀርመንን",
  // where it wrote "Dari, Persian, Pashto, and German") (20,628 B).
  // +16 B: the map's button marks a tap, so that the map it opens is scrolled into sight (on a
  // phone it opened below the screen's foot) (20,644 B). +74 B: a course's card says "running
  // since" or "ended on", and an ended course shows no free places or lesson times (20,718 B).
  // +41 B: that line and the lesson times are brought up to date when the day changes while
  // the page is open (20,759 B). +102 B: a search whose words name a town offers the offers
  // near it (the place field's shard key, the call into near-place.js, and the empty state
  // shown anew when that module arrives after the search) (20,897 B). +43 B: a card's hours
  // line says "…" until the opening-hours module is there, not OpenStreetMap's syntax. +72 B:
  // a search typed before the core is there says that the services are loading, and dims the
  // first page's cards, which are not its answer (21,090 B). +10 B: a place half typed into
  // its field before the core is there stays when the core takes over (21,100 B). +45 B: a
  // language chosen before the core is there shows that language's first page, where the
  // widget showed only "loading" until the core came (21,145 B). +33 B: a card opened before
  // the details' module is there says that they are coming, not an empty box (21,178 B).
  // +14 B: that module is asked for when such a card is opened, not only after the core
  // (21,192 B). +74 B: a directory that cannot be loaded gets a "try again" button, and the
  // first page's cards, if shown, stay with the hours as written, a search typed then showing
  // no "loading" that never ends (21,281 B). +27 B: the place field says that its places are
  // loading where it said nothing (21,308 B). +40 B: a card whose details cannot be
  // downloaded says so, and opening it again tries again (21,348 B). +65 B: under that error
  // the first page's cards are brought up to date in place, so that a search typed and waiting
  // keeps them, dimmed (it emptied the list) (21,413 B). +48 B: embed.js's first screen, if
  // there, is kept until the first page replaces it, not covered by the loading frame
  // (21,461 B). +35 B: whether the widget starts with the first page is one function
  // (first-page.js), which embed.js asks too, where the two had their own copies (21,496 B).
  // +79 B: "did you mean" over the cards of a word found only with a typing error or by its
  // sound, as under a search that finds nothing (21,576 B).
  'service-finder.js': 21600,
  // The glue: +26 B for `subarray`, with which the core reads a directory in pieces (3,501 B);
  // +0.1 KB for the class DirectoryReader (fetchDirectory) (3,634 B). The same glue gzips to
  // 3,630 B in one build and 3,643 B in a fresh clone (its classes come in another order), so
  // the budget leaves room for that: 3,700 B.
  'service-finder-core.js': 3700,
  // +5.6 KB for neighbouring counties' directories (issue 15): the merge, reading an entry's
  // source, ServiceFinder.fromJsonList (149,792 B measured).
  // +0.5 KB for queries that find nothing in a few µs (issue 16: the letters of each term
  // skip the typo comparisons that cannot match; no facet counting over nothing).
  // +10.8 KB for search without dead ends (issue 17, within its 15 KB): entries with some of
  // the words, stop words of nine languages, the thesaurus's phrase matching, other forms of a
  // word, German words and place names written as heard (consonant skeletons of three
  // scripts, kept per term and skipped by their letters, so that a word that finds nothing
  // stays cheap), "did you mean" (161,260 B measured).
  // +1.1 KB, still issue 17: a phrase that names a concept matched as the concept, compounds
  // known by their last part, each concept's entries kept once worked out (162,327 B).
  // +1.2 KB for the hook of the stem modules (stem/): the terms' stems, kept sorted, and the
  // query words stemmed through the module's object (163,537 B); +0.1 KB for the places
  // nearby found by their consonants although a name in the script matched elsewhere
  // (163,686 B).
  // +0.5 KB to stem all of a directory's terms in one call to the stem module (stemAll), not
  // one call per term: 105 → 39 ms on its first run with the CPU slowed 4× (163,909 B).
  // +0.2 KB for radius searches that measure each entry once (its haversine distance kept
  // for the ranking): 11 % faster at 100,000 entries (163,930 B).
  // +0.2 KB for sizing the entries list from its first entries instead of doubling it: 11 MB
  // less wasm memory, kept for the page's life, at 100,000 entries (164,107 B).
  // +2.0 KB for reading a directory's bytes a megabyte at a time (src/directory/pieces.rs)
  // instead of copying the whole file into the core's memory first: 248 → 180 MB of wasm
  // memory at 100,000 entries, 25 → 18 MB at 10,000 (166,087 B).
  // +0.2 KB for boxing the fields that few entries fill (an entry 464 → 320 bytes): 166 → 151 MB
  // at 100,000 entries (166,306 B).
  // +0.25 KB for giving back the room a list keeps beyond its items (an entry's phones and
  // categories): 151 → 133 MB at 100,000 entries (166,560 B).
  // +1.2 KB for reading a directory as its pieces come from the network (DirectoryReader, for
  // fetchDirectory), which fromJson's bytes now go through too: each piece read at once, only
  // a cut entry kept until the next, a file too large refused by its length at once (167,493 B).
  // +65 B for search results without their entries (`entries: false`), the answer the peers'
  // benchmark compares (167,558 B).
  // +138 B for a four-letter word with two neighbouring letters swapped, whole and as a prefix
  // ("Artz" finds "Arzt" and "Arztpraxen"; it found nothing) (167,696 B).
  // +0.1 KB for a course's hours only while it runs, `openingHours(today)` (167,810 B).
  // +0.25 KB for a language typed in the search ("українською", "auf Arabisch") finding every
  // entry offered in it: the thesaurus's concepts of languages matched against the entries'
  // languages; 16 such queries 22 → 100 % recall@5 (168,063 B).
  // +35 B for ordering by distance with words typed in two groups, what was typed before what
  // only mentions it ("Jobcenter" near Korbach: the job centre, not six nearer courses that
  // say to register there) (168,098 B).
  // +0.2 KB for a review as newcomers: "бесплатно" and "kostenlos" find every entry marked free
  // of charge (a concept that stands for the flag), and a word the thesaurus knows is spelled
  // right, so not corrected into a near word of another meaning ("мечеть" found 28 entries for
  // "месту"; "mosque" offered "koşu") (168,275 B); +74 B for an entry's English text before
  // its German one in the Tigrinya UI (168,349 B).
  // +0.7 KB for search that ranks and never dead-ends: a topic's word lists the entries mainly
  // in that topic first (their first category; "Zahnarzt" listed the German course for nurses
  // before the health office), a typo of a thesaurus word lists the entries with that word
  // before the rest of its concept ("Sprachkafe"), and a word of a concept no entry has finds
  // its broader topic's entries ("Frauenarzt": the health services, not nothing) (169,069 B).
  // +0.2 KB for a place name with one letter of a pair left out found from its fourth letter
  // ("Вілі" for Willingen said "not found") (169,275 B).
  // +0.3 KB for words not looked for inside a town's name ("Kirche" listed Bromskirchen first)
  // and an entry in a concept's broader topic before one that only mentions the concept
  // ("Kinderarzt": the health counselling before a German course for mothers) (169,513 B).
  // +63 B for a thesaurus phrase that its stop words shorten to another concept's own word
  // left out ("ohne Krankenversicherung" named care for the uninsured at every
  // "Krankenversicherung") (169,576 B); +32 B for ج inside a word as "g", and ي, ю and я at
  // its start as "j", in words written as heard ("ويلينجن" found nothing) (169,608 B).
  // +610 B for a German compound written as heard in two words of another script ("كيندر
  // آرتس" for Kinderarzt found no Kinderarztpraxis), and a German "zt" heard as "ts"
  // (170,218 B). +1.8 KB for thesaurus phrases with their stop words ("Erste Hilfe" kept
  // its "Hilfe", and found only where its words stand together; "first" in an entry's English
  // text and "aidat" in its Turkish one were "first aid"): 171,999 B. +28 B for the search
  // words and stop words of a review ("дітей", "lassen"): 172,027 B. +450 B for the Arabic
  // article dropped from a word's start except where the word is sounded out ("إدمان" and
  // "الإدمان" are one word, "ألندورف" is still Allendorf), and children's words among the
  // youth topic's search words ("Sport für Kinder" missed the sports clubs): 172,477 B. +150 B
  // for an Arabic word typed with its article and two letters ("المح"), matched also as the
  // start of a word without it: 172,627 B. +95 B for listing the entries offered in the
  // newcomer's language first where no text or place orders them, and 13 B for walking the
  // names once where there is no such language (172,772 B). +23 B for telling the place field
  // whether a place's whole name matched (`exact`), so that a town typed in Arabic as heard
  // ("ألفيلد", Alfeld) is offered when a search finds nothing (172,795 B). +560 B for telling
  // the widget that a one-word search found its entries only with a typing error or by its
  // sound (`loose`), and for "did you mean" with the thesaurus's words ("ادمن" found language
  // cafés by the Persian "آمدند"; "الإدمان" is offered now): 173,355 B.
  'service-finder-core_bg.wasm': 173500,
  // +0.14 KB for the four messages of that review (2,515 B); +45 B for the note of a broader
  // topic (2,560 B). The months, a date's order, language names and how a list is joined are
  // only in the catalog of a language that browsers have no Intl data for (`intl.*`, Tigrinya):
  // German's does without them (2,560 B). +21 B: "Angebote in der Nähe von {place} zeigen"
  // (2,600 B). +16 B: "Weitere Angaben werden geladen …" in a card opened before its details
  // can be shown (2,616 B). +11 B: "Erneut versuchen" (2,627 B). +8 B: "Orte werden geladen
  // …" (2,635 B). +10 B: "Weitere Angaben konnten nicht geladen werden …" (2,645 B).
  'messages/de.js': 2700,
};
// 153,160 B before issue 13 plus the 10 KB it allowed for contacts, status, target groups,
// accessibility, course and "open now" filters, the newcomer's language first, dark mode and
// touch sizes (162,954 B measured with them).
// Issue 14 allowed 5 KB more for taking the finder along; it used 2.4 KB (163,098 → 165,576 B):
// the list's actions, share and print buttons, the map's button and its loader, the state in a
// shared link, the last good copy in the app, the route links.
// Issue 15's neighbouring counties then added 6.1 KB (171,751 B): 5.6 KB core, 0.5 KB widget.
// Issue 16's first page (first-page.js: the bundled directory's first cards before the core is
// there, which takes the wasm off the path to the first cards) added 0.4 KB (172,119 B).
// Issue 16's fast queries that find nothing added 0.6 KB to the core (173,009 B).
// Issue 17's search without dead ends added 14.3 KB of the 15 KB it allowed (187,255 B); its
// stemmers are modules of their own, loaded after the first results.
// Issue 16's nationwide files added 0.1 KB net (187,381 B): their reader is a module of its own.
// Stemming all terms at once (stemAll) added 0.5 KB (187,897 B); the place shards split by the
// second letter 0.3 KB (188,066 B).
// Lean search results (fields without a value left out, texts not copied) took 0.04 KB off the
// core; making the first cards' formatters during the download, the filter panel's groups
// when it opens, and reading the directory apart from showing it added 0.15 KB (188,191 B).
// Radius searches measuring each entry once added 0.16 KB to the core (188,354 B). Sizing the
// entries list from its first entries added 0.18 KB to the core (188,537 B), reading the
// directory in pieces 2.0 KB to the core and its glue (190,543 B), boxing rare fields 0.2 KB
// (190,762 B), lists without spare room 0.25 KB (191,016 B). Choosing the core compiled for
// speed in the JS API added 0.1 KB to the loader (191,098 B); that core itself is not on this path.
// Reading a directory as it downloads (fetchDirectory) added 1.6 KB, most of it to the core (192,433 B).
// Asking for wasm's SIMD instructions before loading the fast core added 0.1 KB (192,519 B);
// `data-words` on the element 45 B (192,564 B); keeping the place list closed after Escape
// 31 B (192,595 B); asking for the first page first and importing the glue after it, with the
// width kept from the last layout, 0.15 KB (192,746 B). Search results without their entries
// (`entries: false`) added 65 B to the core (192,811 B). What a review as newcomers and
// webmasters found missing (see the loader's budget) added 0.7 KB (193,522 B); Tigrinya's
// weekdays from its catalog 32 B (193,554 B); a chosen language's later messages loaded beside
// its first ones, and one tel: link maker for cards, details and the publisher, 14 B (193,568 B);
// then the printout's styles moved out of the loader (−111 B), "Artz" found as "Arzt" (+101 B of
// core; +37 B more as a prefix) and place suggestions kept above a phone's keyboard (+63 B):
// 193,681 B. A third review's fixes (see the loader's budget; the core +0.1 KB for a course's
// hours only while it runs, `openingHours(today)`) added 0.5 KB (194,246 B). Languages typed
// in the search found by the entries' languages added 0.25 KB to the core (194,499 B); the
// distance shown only with a place, and today and tomorrow in "open on", 0.1 KB (194,592 B);
// the lesson times of a course outside its dates, in the loader, 23 B, and the order by
// distance in two groups 35 B of core (194,651 B); Persian distances spaced 27 B (194,677 B);
// "free" as the flag and thesaurus words kept from typo matching 0.2 KB of core (194,867 B);
// English before German for Tigrinya readers 74 B of core (194,941 B). Ranking by an entry's
// main topic and a typo's own word, and a broader topic for a concept no entry has, added
// 0.8 KB, most of it to the core (195,733 B); place names with a letter of a pair left out
// 0.2 KB (195,939 B). Town names kept out of words inside words, and a concept's topic in
// its ranking, added 0.3 KB of core (196,177 B). Dates from the catalog where the browser has
// no Intl data for the language (Tigrinya) added 0.14 KB to the loader and the catalog
// (196,301 B); thesaurus phrases shortened to another concept's word left out 63 B of core
// (196,376 B); Egyptian "ج" and a starting "ي", "ю" and "я" in words written as heard 32 B
// (196,408 B). Language names and lists from the catalog where the browser has no Intl data
// (+114 B loader), with the months and a date's order only in such a catalog (−83 B German
// catalog): 196,427 B. German compounds written as heard in two words 0.6 KB of core
// (197,049 B). Thesaurus phrases with their stop words, found where their words stand
// together, 1.8 KB of core (198,830 B). The map scrolled into sight when its button opens it
// (16 B of loader) and a review's search words and stop words (28 B of core): 198,874 B.
// The Arabic article dropped except where a word is sounded out, and children's words for the
// youth topic, 450 B of core: 199,324 B. "المح" matched also as "مح" (150 B of core), and a
// course's card that says where the course stands (74 B of loader, 19 B of German catalog):
// 199,567 B. That line brought up to date on a new day (41 B of loader): 199,608 B. The offer
// to search near a town that the words name (138 B of loader, 21 B of German catalog): 199,767 B.
// The entries offered in the newcomer's language first where no text or place orders them
// (108 B of core): 199,978 B. A card's hours line keeps its place with "…" until the
// opening-hours module is there, instead of OpenStreetMap's syntax ("Mo-Fr 08:30-12:00;
// PH off"), which a newcomer cannot read, and gives that only when the module cannot be
// loaded (43 B of loader): 200,021 B. A search typed before the core is there says that the
// services are loading, over the first page's dimmed cards (72 B of loader): 200,093 B. A
// place half typed before the core is there is kept when it takes over (10 B): 200,102 B. A
// language chosen before the core is there shows its own first page (45 B): 200,148 B. A
// card opened before the details' module is there says that they are coming (33 B of loader,
// 16 B of German catalog), and asks for them at once (14 B): 200,211 B. "Try again" where the
// directory cannot be loaded, the first page's cards kept (74 B of loader, 11 B of German
// catalog): 200,310 B. The place field's "Orte werden geladen …" (27 B of loader, 8 B of
// German catalog): 200,346 B. Details that cannot be downloaded say so (40 B of loader, 10 B
// of German catalog): 200,396 B. The first page's cards kept in place under that error, a
// search waiting included (65 B): 200,461 B (200,473 B in a fresh clone, see the glue's budget).
// embed.js's first screen kept by the loader (48 B): 200,509 B; whether the widget starts
// with the first page as one function that embed.js shares (35 B). (embed.js itself has its own
// budget, below: a page that includes it downloads it before the loader.) The place field told
// whether a place's whole name matched (23 B of core; the glue 12 B larger in that build, see
// its budget): 200,544 B. "Did you mean" beside the results of a word found only with a
// typing error or by its sound, with the thesaurus's words (560 B of core, 79 B of loader):
// 201,219 B; the budget 201,350 B, as the glue varies.
const BUDGET_TOTAL = 201350;
/**
 * Gzipped bytes of dist/embed.js: the first screen (styles, header, search form and the first
 * page's 20 cards as HTML: 7.3 KB) and the code that shows it, chooses the language, starts the
 * downloads, makes the formatters for another language and hands over what was typed and tapped
 * (2.4 KB): 9,771 B; +335 B for "try again" over the screen where the loader cannot be
 * downloaded (its buttons did nothing then): 10,106 B; +88 B for the core's wasm and the
 * directory asked for by this file too (with the screen at once, else once the first page and
 * catalog are in), so that the search is not usable a round trip later: 10,194 B; the first
 * page and catalog asked for after the screen's first frame, the viewport's width read
 * before the element's, and the widget's own test of whether it starts with the first page
 * (first-page.js): 10,273 B. Only a file of about the size of a static page with those cards shows them
 * near its time (issue 16; see the README), and on a phone in another language every byte of it
 * comes before the loader. +128 B for fetching the first screen in the newcomer's language, if
 * not German (dist/first-screen/<tag>.json), before the loader, and showing it if it comes
 * first: 10,401 B.
 */
const EMBED_BUDGET = 10500;

/**
 * What the widget loads after the first results, so not in BUDGETS: the cards' details and the
 * opening hours' side (www/widget/more.js), and the opening-hours module (hours/). Its own
 * ceiling (gzipped bytes, all three together): 92,053 bytes measured plus about 5 %, so that
 * its growth is a decision too; +300 B for the printout's styles (www/widget/print.css), moved
 * here from the loader (which lost 111 B) and grown by the two-column printout; +200 B for
 * texts from the directory in a card's details (a fee, the way there) kept in their own
 * language and direction and marked with its name, as a card's name is (96,843 B); +200 B for
 * the lesson times of a course outside its dates read out in the UI language ("Montag–Donnerstag
 * 09:00–12:15"; they were shown in the directory's raw "Mo-Th 09:00-12:15"); +100 B for the
 * printout's date and "open on" day in the catalog's words where the browser has no Intl data
 * for the language (Tigrinya) (97,234 B); +104 B for language names and lists from that
 * catalog too (the more module has its own copy of format.js) (97,338 B); +368 B for the offer
 * to search near a town that a search's words name (near-place.js) (97,705 B); +222 B for
 * names in brackets, namesakes and spellings without ß or umlauts (97,927 B); +108 B for the
 * date of an opening more than a week ahead (hours on days of the month) (98,035 B); +64 B
 * for the dates in the week table of such hours (98,099 B); +246 B for their line on a card
 * whose hours do not hold today (a course before its start, a service closed for now): each
 * weekday with its times over six weeks, "not every week", not only the coming week's days
 * (98,345 B).
 */
const LATER_FILES = ['service-finder-more.js', 'messages/de.later.js', 'service-finder-hours.js', 'service-finder-hours_bg.wasm'];
const LATER_CEILING = 98400;
/**
 * The Snowball stemmers (stem/), loaded after the first results with the thesaurus: one
 * module per UI language that has a stemmer (German's and its own). Ceiling for the largest,
 * glue and wasm gzipped together: measured plus about 5 %.
 */
const STEM_CEILING = 22900;
/**
 * The core compiled for speed (scripts/build-web), which only a page that asks for it loads
 * (`initServiceFinder({ fast: true })`, for large directories): not on the widget's path, but
 * its growth is a decision too (gzipped bytes; measured plus about 2 %).
 */
// 221,487 B measured (with SIMD instructions); 224,324 B with the ranking, broader topics and
// place names of the default core's last 0.9 KB; 225,031 B with town names and a concept's
// topic in the ranking; 225,984 B with compounds written as heard in two words; 229,028 B
// with thesaurus phrases kept with their stop words; 229,683 B with the Arabic article dropped
// except where a word is sounded out; 230,167 B with "المح" matched also as "مح"; 230,404 B
// with the entries offered in the newcomer's language first; 230,722 B with "did you mean"
// beside loose results and with the thesaurus's words.
const FAST_CORE_CEILING = 230900;
/** The QR code's module, loaded only when a newcomer asks for a code (gzipped bytes). */
const QR_CEILING = 4500;
/** The nationwide files' reader (www/widget/nationwide.js), only where the attribute is set (gzipped bytes). */
const NATIONWIDE_CEILING = 3300; // 3,132 B measured

/**
 * The map view (www/widget/map/, with Leaflet and supercluster) and its background data,
 * loaded when a newcomer first opens the map: not in either total above. Its own ceiling
 * (gzipped bytes, the three together, in German): 55,033 bytes measured plus about 5 %. Of
 * that, Leaflet 1.9.4 is 42.9 KB (its styles 2.6 KB), supercluster with kdbush 3.6 KB, the
 * outline 2.2 KB.
 */
const MAP_FILES = ['service-finder-map.js', 'map-germany.json', 'map-messages/de.js'];
const MAP_CEILING = 57800;

/**
 * The officers' checker page (www/check/): its page, script and the categories it guesses
 * with, the importer's wasm module and the spreadsheet template. Never loaded by the widget,
 * nor kept by the app.
 */
const CHECK_FILES = ['check.html', 'check.js', 'check-categories.json', 'service-finder-import.js', 'service-finder-import_bg.wasm', 'vorlage-angebote.xlsx', 'vorlage-angebote.csv'];

/** Languages written right to left, by base tag. */
const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ku', 'ps', 'ur']);
/** Where a UI language comes in the switcher: German and Leichte Sprache first. */
const order = (tag) => ({ de: 0, 'de-x-ls': 1 })[tag] ?? 2;

/**
 * Messages that only the module loaded after the first results uses: they go into a catalog of
 * their own per language (dist/messages/<tag>.later.js), loaded with that module, so that the
 * first results wait for none of them.
 */
const LATER_KEYS = /^(share|print|hours|target|nationwide)\./;

// Two modules per UI language, loaded when that language is chosen: dist/messages/<tag>.js
// with what the first results need, and <tag>.later.js (LATER_KEYS); and dist/languages.js: every language's tag, name in itself and writing direction, for the
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
  // The app page's texts (`app.*`) too: buildApp writes them to app-messages/<tag>.js.
  for (const key of Object.keys(catalog)) if (key.startsWith('category.') || key.startsWith('app.')) delete catalog[key];
  const later = Object.fromEntries(Object.entries(catalog).filter(([key]) => LATER_KEYS.test(key)));
  for (const key of Object.keys(later)) delete catalog[key];
  const mapMessages = Object.fromEntries(Object.entries(catalog).filter(([key]) => isMapMessage(key)));
  for (const key of Object.keys(mapMessages)) delete catalog[key];
  writeFileSync(join(dist, 'map-messages', `${tag}.js`), `// Generated from data/messages/${file} by scripts/build-web.\nexport default ${JSON.stringify(mapMessages)};\n`);
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
 * The widget's imports of generated modules: './languages.js' (also a file in dist/, for the
 * app and the URL state), './styles.js' (the minified stylesheet, only inside the widget) and
 * './print-styles.js' (the printout's, inside the module after the first results).
 */
const generatedFiles = {
  name: 'generated-files',
  setup(build) {
    build.onResolve({ filter: /^\.\/(languages|styles|print-styles)\.js$/ }, (args) => ({ path: args.path, namespace: 'generated' }));
    build.onLoad({ filter: /.*/, namespace: 'generated' }, (args) => ({
      contents: {
        './styles.js': () => `export default ${JSON.stringify(minifiedCss)};`,
        './print-styles.js': () => `export default ${JSON.stringify(minifiedPrintCss)};`,
        './languages.js': () => readFileSync(join(dist, 'languages.js'), 'utf8'),
      }[args.path](),
      loader: 'js',
    }));
  },
};

/**
 * The widget: www/widget/service-finder.js and the modules it imports, bundled into one
 * minified dist/service-finder.js with its source map (the browser's tools show every module
 * readable, under ../www/widget/). The files it loads from beside itself stay files of their
 * own: the core's glue, the languages and the styles (and the message catalogs, which it
 * imports by a path the bundler does not follow).
 */
async function bundleWidget() {
  const options = { bundle: true, format: 'esm', minify: true, sourcemap: 'linked', target: 'es2020', logLevel: 'warning' };
  // The widget has the languages and the styles inside (issue 16: every file it imports is a
  // round trip before its first line runs); the core's glue it imports when it loads the wasm,
  // side by side with it.
  await build({
    ...options,
    entryPoints: [join(root, 'www/widget/service-finder.js')],
    outfile: join(dist, 'service-finder.js'),
    external: ['./service-finder-core.js'],
    plugins: [generatedFiles],
  });
  // What the widget imports after the first results (www/widget/more.js: a card's details,
  // the opening hours' status line and week, loading the hours module): a bundle of its own.
  await build({
    ...options,
    entryPoints: [join(root, 'www/widget/more.js')],
    outfile: join(dist, 'service-finder-more.js'),
    plugins: [generatedFiles],
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
  // Reaching beyond the own directory through nationwide static files (www/widget/nationwide.js):
  // only where the widget has the `nationwide` attribute, after the first results.
  buildSync({
    ...options,
    entryPoints: [join(root, 'www/widget/nationwide.js')],
    outfile: join(dist, 'service-finder-nationwide.js'),
  });
}

/**
 * dist/embed.js, what the README's two lines include (www/widget/embed.js): the widget's first
 * screen in the bundled directory's language, rendered by the widget itself in Chromium
 * (scripts/first-screen.mjs), with its styles and the little that decides whether to show it;
 * it imports the loader, which stays a file of its own. Fails over EMBED_BUDGET. The first
 * screen in each other UI language goes to dist/first-screen/<tag>.json, which embed.js
 * fetches beside the loader for a newcomer in that language.
 */
async function writeEmbed() {
  // German: the directories' language, and the widget's where the newcomer's browser speaks
  // none of its UI languages (FALLBACK_LANGUAGE in www/widget/messages.js).
  const others = languages.map(({ tag }) => tag).filter((tag) => tag !== 'de');
  const [screen, ...otherScreens] = await renderFirstScreens(root, dist, ['de', ...others]);
  mkdirSync(join(dist, 'first-screen'), { recursive: true });
  for (const other of otherScreens) writeFileSync(join(dist, 'first-screen', `${other.language}.json`), JSON.stringify(other));
  const firstScreen = {
    name: 'first-screen',
    setup(build) {
      build.onResolve({ filter: /^\.\/first-screen\.js$/ }, (args) => ({ path: args.path, namespace: 'first-screen' }));
      build.onLoad({ filter: /.*/, namespace: 'first-screen' }, () => ({ contents: `export default ${JSON.stringify(screen)};`, loader: 'js' }));
    },
  };
  await build({
    bundle: true, format: 'esm', minify: true, target: 'es2020', logLevel: 'warning',
    entryPoints: [join(root, 'www/widget/embed.js')],
    outfile: join(dist, 'embed.js'),
    external: ['./service-finder.js'],
    plugins: [generatedFiles, firstScreen],
  });
  const bytes = gzipped('embed.js');
  console.log(`dist/embed.js, the first screen (${screen.language}, ${screen.from} to ${screen.until}) and what shows it: ${bytes} B gzipped (budget ${EMBED_BUDGET})`);
  const largest = Math.max(...others.map((tag) => gzipped(`first-screen/${tag}.json`)));
  console.log(`dist/first-screen/<tag>.json, the first screen in each other UI language, which embed.js asks for before the loader: at most ${largest} B gzipped`);
  if (bytes <= EMBED_BUDGET) return;
  // The cards are the directory's: a county's own directory with longer texts makes the file
  // larger, which is its officers' business, not a broken build. The demo's keeps the code in
  // check.
  if (process.env.SERVICE_FINDER_DIRECTORY) {
    console.warn(`dist/embed.js is larger than with the demo directory (${bytes} > ${EMBED_BUDGET} gzipped bytes): its first screen holds the directory's first 20 cards, and longer texts take longer to arrive on a phone`);
    return;
  }
  console.error(`dist/embed.js is over EMBED_BUDGET: ${bytes} > ${EMBED_BUDGET} gzipped bytes`);
  process.exit(1);
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
const printCss = readFileSync(join(root, 'www/widget/print.css'), 'utf8');
const minifiedPrintCss = transformSync(printCss, { loader: 'css', minify: true }).code.trim();
// The reference for theming: the screen's styles and the printout's, as the widget has them.
writeFileSync(join(dist, 'service-finder.css'), `${css}\n${printCss}`);
await bundleWidget();
await bundleMap();
writeGermanyOutline();
// wasm-bindgen's glue, written into dist/ by the first half of the build.
minifyModule(join(dist, 'service-finder-core.js'), 'service-finder-core.js', 'service-finder-core.js');
minifyModule(join(dist, 'service-finder-hours.js'), 'service-finder-hours.js', 'service-finder-hours.js');
for (const file of readdirSync(join(dist, 'stem')).filter((name) => name.endsWith('.js'))) {
  minifyModule(join(dist, 'stem', file), `stem/${file}`, `stem/${file}`);
}
// All of Germany's places in one file, for the JS API; the widget fetches them in shards.
copyFileSync(join(root, 'data/places/de.tsv'), join(dist, 'places-de.tsv'));

// The places around the bundled directory's region: the demo's, or the file that
// `service-finder places --region-subset` wrote for a county's own (SERVICE_FINDER_REGION_PLACES).
const regionPlaces = process.env.SERVICE_FINDER_REGION_PLACES || join(root, 'data/places/region-waldeck-frankenberg.tsv');
copyFileSync(regionPlaces, join(dist, 'places-region.tsv'));

// Everything the browser downloads before it can show the first results, in German (the
// default): the code, the styles and one message catalog. The directory itself is counted on
// its own line: its size is the county's data, not the widget's.
const firstResults = ['service-finder.js', 'service-finder-core.js', 'service-finder-core_bg.wasm', 'messages/de.js'];
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
const largestCatalog = Math.max(...readdirSync(join(dist, 'messages')).filter((file) => file.endsWith('.js') && !file.endsWith('.later.js')).map((file) => gzipped(join('messages', file))));
console.log(`  another UI language adds at most ${(largestCatalog / 1024).toFixed(1)} KB gzipped, when chosen`);
let laterTotal = 0;
console.log('Loaded after the first results (gzip -9; not in the total above):');
for (const file of LATER_FILES) {
  const compressed = gzipped(file);
  laterTotal += compressed;
  console.log(`  ${file.padEnd(30)} ${String(readFileSync(join(dist, file)).length).padStart(9)} bytes  ${String(compressed).padStart(8)} gzipped`);
}
console.log(`  ${'total: details and hours'.padEnd(30)} ${' '.repeat(15)} ${String(laterTotal).padStart(8)} gzipped  (${LATER_CEILING}) = ${(laterTotal / 1024).toFixed(1)} KB`);
const stemModules = readdirSync(join(dist, 'stem')).filter((name) => name.endsWith('.js')).map((name) => name.replace(/\.js$/, ''));
const stemSizes = stemModules.map((tag) => [tag, gzipped(`stem/${tag}.js`) + gzipped(`stem/${tag}_bg.wasm`)]);
const stem = Math.max(...stemSizes.map(([, bytes]) => bytes));
console.log(`  ${'stem/<tag>.js + _bg.wasm'.padEnd(30)} ${' '.repeat(15)} ${String(stem).padStart(8)} gzipped  (${STEM_CEILING}) at most, with the thesaurus: ${stemSizes.map(([tag, bytes]) => `${tag} ${bytes}`).join(', ')}`);
if (stem > STEM_CEILING) over.push(`a stem module: ${stem} > ${STEM_CEILING} (STEM_CEILING)`);
const fastCore = gzipped('service-finder-core-fast_bg.wasm');
console.log(`  ${'service-finder-core-fast_bg.wasm'.padEnd(30)} ${String(readFileSync(join(dist, 'service-finder-core-fast_bg.wasm')).length).padStart(9)} bytes  ${String(fastCore).padStart(8)} gzipped  (${FAST_CORE_CEILING}), only where a page asks for the fast core`);
if (fastCore > FAST_CORE_CEILING) over.push(`service-finder-core-fast_bg.wasm: ${fastCore} > ${FAST_CORE_CEILING} (FAST_CORE_CEILING)`);
const qr = gzipped('service-finder-qr.js');
console.log(`  ${'service-finder-qr.js'.padEnd(30)} ${String(readFileSync(join(dist, 'service-finder-qr.js')).length).padStart(9)} bytes  ${String(qr).padStart(8)} gzipped  (${QR_CEILING}), only when a QR code is asked for`);
if (qr > QR_CEILING) over.push(`service-finder-qr.js: ${qr} > ${QR_CEILING} (QR_CEILING)`);
const nationwide = gzipped('service-finder-nationwide.js');
console.log(`  ${'service-finder-nationwide.js'.padEnd(30)} ${String(readFileSync(join(dist, 'service-finder-nationwide.js')).length).padStart(9)} bytes  ${String(nationwide).padStart(8)} gzipped  (${NATIONWIDE_CEILING}), only with the nationwide attribute`);
if (nationwide > NATIONWIDE_CEILING) over.push(`service-finder-nationwide.js: ${nationwide} > ${NATIONWIDE_CEILING} (NATIONWIDE_CEILING)`);
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

// ---- The app page (issue 14) ------------------------------------------------------------------

/** The app's colour: the widget's accent (--sf-accent in service-finder.css). */
const APP_COLOUR = [0x0b, 0x5c, 0x8e];

/**
 * The installable app page, built last so that its service worker's list sees every file the
 * build made (www/app/): dist/index.html (the finder full screen, titled with the directory's
 * title), app.js with app-messages/<tag>.js (the `app.*` texts of data/messages), the web app
 * manifest, its icons (PNG, drawn here), and sw.js with the list of files it keeps.
 */
/**
 * The officers' checker page, dist/check.html: the page and its script (www/check/, bundled;
 * the widget and the importer's glue stay files of their own), and the built-in categories
 * with their German and English labels and every language's search words, for guessing how a
 * spreadsheet's categories map (as the CLI's `import` does).
 */
function buildCheckPage() {
  copyFileSync(join(root, 'www/check/index.html'), join(dist, 'check.html'));
  // The spreadsheet template, which the page's messages point to, one click away.
  for (const template of ['vorlage-angebote.xlsx', 'vorlage-angebote.csv']) copyFileSync(join(root, 'data/templates', template), join(dist, template));
  buildSync({
    bundle: true, format: 'esm', minify: true, sourcemap: 'linked', target: 'es2020', logLevel: 'warning',
    entryPoints: [join(root, 'www/check/check.js')],
    outfile: join(dist, 'check.js'),
    external: ['./service-finder.js', './service-finder-import.js'],
  });
  const read = (folder, tag) => JSON.parse(readFileSync(join(root, folder, `${tag}.json`), 'utf8'));
  const german = read('data/messages', 'de');
  const english = read('data/messages', 'en');
  const synonyms = readdirSync(join(root, 'data/synonyms')).filter((file) => file.endsWith('.json')).map((file) => read('data/synonyms', file.replace(/\.json$/, '')));
  const categories = Object.keys(german).filter((key) => key.startsWith('category.')).map((key) => {
    const id = key.slice('category.'.length);
    return { id, words: [german[key], english[key], ...synonyms.flatMap((list) => list[id] ?? [])].filter(Boolean) };
  });
  writeFileSync(join(dist, 'check-categories.json'), JSON.stringify(categories));
  const size = CHECK_FILES.reduce((sum, file) => sum + gzipped(file), 0);
  console.log(`The officers' checker page (check.html, not on the widget's path): ${(size / 1024).toFixed(1)} KB gzipped, the importer's wasm ${(gzipped('service-finder-import_bg.wasm') / 1024).toFixed(1)} KB of it`);
}

function buildApp() {
  const directory = JSON.parse(readFileSync(join(dist, 'directory.json'), 'utf8'));
  const language = directory.default_language ?? 'de';
  const title = typeof directory.title === 'string' ? directory.title : directory.title[language] ?? Object.values(directory.title)[0];
  const html = (text) => text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);
  const page = readFileSync(join(root, 'www/app/index.html'), 'utf8').replaceAll('%LANG%', html(language)).replaceAll('%TITLE%', html(title));
  writeFileSync(join(dist, 'index.html'), page);
  buildSync({
    bundle: true, format: 'esm', minify: true, sourcemap: 'linked', target: 'es2020', logLevel: 'warning',
    entryPoints: [join(root, 'www/app/app.js')],
    outfile: join(dist, 'app.js'),
    external: ['./languages.js'],
  });
  mkdirSync(join(dist, 'app-messages'), { recursive: true });
  for (const file of readdirSync(join(root, 'data/messages')).filter((name) => name.endsWith('.json'))) {
    const catalog = JSON.parse(readFileSync(join(root, 'data/messages', file), 'utf8'));
    const texts = Object.fromEntries(Object.entries(catalog).filter(([key]) => key.startsWith('app.')));
    writeFileSync(join(dist, 'app-messages', file.replace(/\.json$/, '.js')), `// Generated from data/messages/${file} by scripts/build-web.\nexport default ${JSON.stringify(texts)};\n`);
  }
  const hex = (colour) => `#${colour.map((part) => part.toString(16).padStart(2, '0')).join('')}`;
  // Relative paths, so that the app works wherever a county puts the folder.
  const manifest = {
    id: './',
    name: title,
    // The home screen's label: the title without its bracket, its first word when long.
    short_name: shortName(title),
    lang: language,
    dir: 'auto',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: hex(APP_COLOUR),
    icons: [
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
  writeFileSync(join(dist, 'manifest.webmanifest'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const size of [192, 512]) writeFileSync(join(dist, `icon-${size}.png`), png(size, drawIcon(size)));

  // Every file the app needs, kept by the worker on install: all of dist/ but the source maps,
  // the types, the reference stylesheet and the worker itself, and without the data (kept on
  // their own: the directory and the region's places on install, all of Germany's places
  // when the newcomer first uses the place field).
  const data = ['directory.json', 'places-region.tsv'];
  // Nor the core compiled for speed, which the app does not load.
  const left = new Set(['sw.js', 'embed.js', 'service-finder.css', 'places-de.tsv', 'service-finder-core-fast_bg.wasm', ...data, ...CHECK_FILES]);
  // Not the first page of results either, nor embed.js's first screens: the app reads the
  // directory itself (offline.js).
  // Nor Germany's places: the shards of what the newcomer types are kept when fetched. Nor the
  // thesaurus and stem module of each UI language: those of the language used are kept so.
  const files = listFiles(dist).filter((file) => !left.has(file) && !/^(first-page|first-screen|places|thesaurus|stem)\//.test(file) && !file.endsWith('.map') && !file.endsWith('.d.ts'));
  const hash = (file) => createHash('sha256').update(readFileSync(join(dist, file))).digest('hex');
  const list = files.map((file) => [file, hash(file)]);
  const version = createHash('sha256').update(JSON.stringify(list)).digest('hex').slice(0, 16);
  const worker = readFileSync(join(root, 'www/app/sw.js'), 'utf8')
    .replace('const PRECACHE = [];', `const PRECACHE = ${JSON.stringify(list)};`)
    .replace("const VERSION = 'dev';", `const VERSION = '${version}';`);
  writeFileSync(join(dist, 'sw.js'), worker);
  const sum = (names) => names.reduce((sizes, file) => [sizes[0] + readFileSync(join(dist, file)).length, sizes[1] + gzipped(file)], [0, 0]);
  const [appRaw, appGzipped] = sum(files);
  const [dataRaw, dataGzipped] = sum(data);
  console.log('The app page (dist/index.html), kept for offline use when the newcomer asks:');
  console.log(`  ${`${files.length} files of the app`.padEnd(30)} ${String(appRaw).padStart(9)} bytes  ${String(appGzipped).padStart(8)} gzipped`);
  console.log(`  ${'plus the data'.padEnd(30)} ${String(dataRaw).padStart(9)} bytes  ${String(dataGzipped).padStart(8)} gzipped  (${data.join(', ')})`);
  console.log(`  ${'total kept on install'.padEnd(30)} ${String(appRaw + dataRaw).padStart(9)} bytes  ${String(appGzipped + dataGzipped).padStart(8)} gzipped = ${((appGzipped + dataGzipped) / 1024).toFixed(1)} KB`);
  console.log(`  app.js (not on the embedded widget's path)  ${gzipped('app.js')} gzipped`);
}

function shortName(title) {
  const name = title.replace(/\s*[([].*$/, '').trim() || title;
  return name.length <= 15 ? name : name.split(/\s+/)[0];
}

/** The files under `folder`, as paths relative to it with '/', sorted; not the precompressed copies. */
function listFiles(folder, prefix = '') {
  return readdirSync(join(folder, prefix), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(folder, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
    .filter((file) => !/\.(gz|br)$/.test(file))
    .sort();
}

/**
 * The icon, `size` pixels square, as RGBA: a magnifying glass in white on the app's colour,
 * which fills the square (so that a round or rounded mask cuts only colour), the glass inside
 * the central 80 % circle that such masks keep. Edges are smoothed by 4 × 4 samples per pixel.
 */
function drawIcon(size) {
  const pixels = Buffer.alloc(size * size * 4);
  // In units of the icon's side: the glass's centre, its ring's radius and half width; the
  // handle from the ring outwards at 45°, and its half width.
  const centre = 0.44, ring = 0.19, ringHalf = 0.045, handleEnd = 0.72, handleHalf = 0.05;
  const segment = (x, y) => {
    const from = centre + (ring + ringHalf) * Math.SQRT1_2;
    const t = Math.max(0, Math.min(1, ((x - from) + (y - from)) / (2 * (handleEnd - from))));
    const px = from + t * (handleEnd - from);
    return Math.hypot(x - px, y - px);
  };
  const white = (x, y) => Math.abs(Math.hypot(x - centre, y - centre) - ring) <= ringHalf || segment(x, y) <= handleHalf;
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      let covered = 0;
      for (let sample = 0; sample < 16; sample++) {
        covered += white((column + ((sample % 4) + 0.5) / 4) / size, (row + (Math.floor(sample / 4) + 0.5) / 4) / size);
      }
      const at = (row * size + column) * 4;
      for (let channel = 0; channel < 3; channel++) {
        pixels[at + channel] = Math.round(APP_COLOUR[channel] + ((255 - APP_COLOUR[channel]) * covered) / 16);
      }
      pixels[at + 3] = 255;
    }
  }
  return pixels;
}

/** A PNG file of `size` × `size` RGBA pixels, with node's zlib. */
function png(size, pixels) {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let row = 0; row < size; row++) pixels.copy(rows, row * (size * 4 + 1) + 1, row * size * 4, (row + 1) * size * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter, no interlace
  const chunk = (type, body) => {
    const out = Buffer.alloc(body.length + 12);
    out.writeUInt32BE(body.length, 0);
    out.write(type, 4, 'latin1');
    body.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
    return out;
  };
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const { largest: largestShard, count: shardCount, splits } = writePlaceShards(readFileSync(join(root, 'data/places/de.tsv'), 'utf8'));
console.log(`All of Germany's places in ${shardCount} shards (dist/places/<key>.tsv, by the first letter or digit typed, Cyrillic and Arabic script included; ${Object.keys(splits).length} letters over ${PLACE_SPLIT_ABOVE / 1024} KB split by the second): the largest ${(largestShard / 1024).toFixed(1)} KB gzipped (ceiling ${PLACE_SHARD_CEILING / 1024} KB)`);
if (largestShard > PLACE_SHARD_CEILING) {
  console.error(`A places shard is over its ceiling: ${largestShard} > ${PLACE_SHARD_CEILING}`);
  process.exit(1);
}
buildCheckPage();
const largestThesaurus = writeThesauri();
console.log(`Thesaurus (dist/thesaurus/<language>.txt, loaded after the first results): largest ${largestThesaurus} bytes gzipped (${THESAURUS_CEILING})`);
if (largestThesaurus > THESAURUS_CEILING) {
  console.error(`A thesaurus file is over THESAURUS_CEILING: ${largestThesaurus} > ${THESAURUS_CEILING} gzipped bytes`);
  process.exit(1);
}
const firstPage = await writeFirstPages(dist, root, languages);
console.log(`The bundled directory's first page of results (dist/first-page/<tag>.json, shown until the core is ready): at most ${(firstPage / 1024).toFixed(1)} KB, ${(gzipped('first-page/de.json') / 1024).toFixed(1)} KB gzipped in German`);
await writeEmbed();
buildApp();
precompress();

/**
 * dist/thesaurus/<language>.txt for every UI language from data/thesaurus/*.json: per concept
 * one line, its words in that language, in German and in English (the words of the county's
 * own texts and the words people type in any language), separated by tabs; after `@` and its
 * id for a concept that stands for a field, or `topic:` and the category of a concept with a
 * broader topic (src/search/thesaurus.rs reads it). Returns the largest
 * file's gzipped size.
 */
function writeThesauri() {
  const folder = join(root, 'data/thesaurus');
  // topics.json: per category id, the concepts whose broader topic it is.
  const topics = JSON.parse(readFileSync(join(folder, 'topics.json'), 'utf8'));
  delete topics.$comment;
  const topicOf = new Map(Object.entries(topics).flatMap(([category, concepts]) => concepts.map((concept) => [concept, category])));
  const lists = Object.fromEntries(readdirSync(folder).filter((name) => name.endsWith('.json') && name !== 'topics.json').map((name) => {
    const words = JSON.parse(readFileSync(join(folder, name), 'utf8'));
    delete words.$comment;
    return [name.replace(/\.json$/, ''), words];
  }));
  const concepts = Object.keys(lists.de ?? {});
  mkdirSync(join(dist, 'thesaurus'), { recursive: true });
  let largest = 0;
  for (const { tag } of languages) {
    if (tag === 'de-x-ls') continue; // Leichte Sprache searches with the German words.
    const lines = concepts.map((concept) => {
      const words = [tag, 'de', 'en'].flatMap((language) => lists[language]?.[concept] ?? []);
      const line = [...new Set(words.map((word) => word.replace(/[\t\n]/g, ' ').trim()).filter(Boolean))].join('\t');
      // A concept that stands for a field of the entries ("language:uk", "flag:free-of-charge")
      // is marked for the core with its id: `@language:uk` first; one with a broader topic
      // with it: `@topic:health`.
      if (concept.includes(':')) return `@${concept}\t${line}`;
      return topicOf.has(concept) ? `@topic:${topicOf.get(concept)}\t${line}` : line;
    });
    const file = join('thesaurus', `${tag}.txt`);
    writeFileSync(join(dist, file), `# Generated from data/thesaurus/*.json by scripts/build-web: one concept per line.\n${lines.join('\n')}\n`);
    largest = Math.max(largest, gzipped(file));
  }
  return largest;
}

/**
 * Writes dist/places/<key>.tsv: in each, every place that a name, another name or a postcode of
 * it starts with that key for, under its district's line; a place with names under several keys
 * is in each of their shards. A first letter whose shard would be over PLACE_SPLIT_ABOVE
 * gzipped is written as ranges of the second letter instead (`<key>-<n>.tsv`, see
 * www/widget/place-shards.js), and dist/places/splits.json says which: first letter → the
 * second letters that start its ranges after the first. Returns the largest shard's gzipped
 * size, how many shards there are, and the splits.
 */
function writePlaceShards(text) {
  const header = text.split('\n').filter((line) => line.startsWith('#')).join('\n');
  // Per first-letter key, each place line once per name filed under it, in the file's order.
  const byKey = new Map(placeShardKeys().map((key) => [key, []]));
  let district = null;
  let order = 0;
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('D\t')) {
      district = line;
      continue;
    }
    const fields = line.split('\t');
    const [name, , , , postcodes = '', others = ''] = fields;
    // The Cyrillic and Arabic-script names are needed only in their own shards: a Latin
    // letter's shard stays as small as before they came.
    const latinOthers = others.split('|').filter((other) => !placeShardKey(other).startsWith('u')).join('|');
    const latinLine = [...fields.slice(0, 5), latinOthers].join('\t').replace(/\t+$/, '');
    order += 1;
    for (const each of [name, ...others.split('|'), ...postcodes.split(',')].filter(Boolean)) {
      const key = placeShardKey(each);
      byKey.get(key).push({ order, district, line: key.startsWith('u') ? line : latinLine, second: secondLetterCode(each) });
    }
  }
  // A shard's text: its places in the file's order, each once, each district's line once before
  // its first place there.
  const render = (items) => {
    const lines = [];
    let current = null;
    let last = 0;
    for (const item of [...items].sort((a, b) => a.order - b.order)) {
      if (item.order === last) continue;
      last = item.order;
      if (item.district !== current) lines.push(item.district);
      current = item.district;
      lines.push(item.line);
    }
    return `${header}\n${lines.join('\n')}\n`;
  };
  const packed = (shard) => gzipSync(shard, { level: 9 }).length;
  const shards = new Map();
  const splits = {};
  for (const [key, items] of byKey) {
    const whole = render(items);
    if (packed(whole) <= PLACE_SPLIT_ABOVE) {
      shards.set(key, whole);
      continue;
    }
    // Ranges of the second letter, in the order placeShardKey compares them: each grows by the
    // next second letter's places while it stays within PLACE_RANGE_TARGET.
    const starts = [''];
    const ranges = [[]];
    for (const code of [...new Set(items.map((item) => item.second))].sort()) {
      const mine = items.filter((item) => item.second === code);
      const range = ranges.at(-1);
      if (range.length > 0 && packed(render([...range, ...mine])) > PLACE_RANGE_TARGET) {
        starts.push(code);
        ranges.push([...mine]);
      } else range.push(...mine);
    }
    splits[codeLetter(key)] = starts.slice(1).map(codeLetter).join('');
    ranges.forEach((range, number) => shards.set(`${key}-${number}`, render(range)));
  }
  mkdirSync(join(dist, 'places'), { recursive: true });
  writeFileSync(join(dist, 'places', 'splits.json'), JSON.stringify(splits));
  let largest = 0;
  for (const [key, shard] of shards) {
    writeFileSync(join(dist, 'places', `${key}.tsv`), shard);
    largest = Math.max(largest, packed(shard));
  }
  return { largest, count: shards.size, splits };
}

/**
 * Every file a browser reads as text or wasm, also as `<file>.gz` (gzip -9) and `<file>.br`
 * (brotli, best), so that any server can send them compressed without compressing on each
 * request: nginx `gzip_static on; brotli_static on;`, Apache with the rules in the README,
 * `scripts/serve.mjs` by itself. Pictures are compressed already; maps and types are for
 * developers.
 */
function precompress() {
  const compressible = /\.(js|css|json|wasm|tsv|html|webmanifest|txt)$/;
  let raw = 0;
  let brotli = 0;
  for (const file of listFiles(dist).filter((name) => compressible.test(name))) {
    const bytes = readFileSync(join(dist, file));
    const br = brotliCompressSync(bytes, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    });
    writeFileSync(join(dist, `${file}.gz`), gzipSync(bytes, { level: 9 }));
    writeFileSync(join(dist, `${file}.br`), br);
    raw += bytes.length;
    brotli += br.length;
  }
  console.log(`Precompressed: every text and wasm file also as .gz and .br (${(raw / 1024).toFixed(0)} KB → ${(brotli / 1024).toFixed(0)} KB brotli)`);
}
