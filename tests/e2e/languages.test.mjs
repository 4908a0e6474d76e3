// Every page speaks the reader's language (issue #17). French pages, at 1280 and 375 px, show no English UI
// word and no number with a '.' decimal separator, in the DOM or in the charts' SVG text; English pages none
// with a ',' decimal separator. A pseudo-locale made only of catalog files (tests/support/pseudo_locale.mjs,
// served through MTM_I18N_DIR) renders every page with no missing message and no text that bypassed the
// catalogs. Every page: the six of the analyses and the about page, and the data pages (search, what can I
// cook, a recipe, its contributor, one of its reviewers, the data table, the SQL workbench). Data names
// (recipe, ingredient and tag names, reviews, column names, file names) are the data's own and excepted; on the
// explorer pages they are marked lang="en" for screen readers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openPage, startApp, waitReady } from './support.mjs';
import { literalWords, pseudoCatalog, PSEUDO_LANG } from '../support/pseudo_locale.mjs';

const en = JSON.parse(readFileSync(new URL('../../i18n/en.json', import.meta.url)));
const fr = JSON.parse(readFileSync(new URL('../../i18n/fr.json', import.meta.url)));
const ANALYSIS_PAGES = ['overview', 'trends', 'seasonality', 'weekend', 'ratings', 'about'];
const VIEWPORTS = [{ width: 1280, height: 800 }, { width: 375, height: 800 }];

let app;
let catalogs;
let views;  // {name, query}: every page, with what makes its content appear
before(async () => {
  catalogs = mkdtempSync(join(tmpdir(), 'mtm-i18n-'));
  writeFileSync(join(catalogs, 'en.json'), JSON.stringify(en));
  writeFileSync(join(catalogs, 'fr.json'), JSON.stringify(fr));
  writeFileSync(join(catalogs, `${PSEUDO_LANG}.json`), JSON.stringify(pseudoCatalog(en)));
  app = await startApp({ env: { MTM_I18N_DIR: catalogs } });
  views = [...ANALYSIS_PAGES.map((name) => ({ name, query: `page=${name}` })), ...await dataViews()];
});
after(async () => {
  await app?.close();
  rmSync(catalogs, { recursive: true, force: true });
});

async function apiJson(path) {
  const response = await fetch(`${app.baseUrl}${path}`);
  assert.equal(response.status, 200, path);
  return response.json();
}

/** The data pages, each on a view with content: a search, a pantry, the most rated recipe, its contributor and
 * one of its reviewers, a table of the data workbench and a query of the SQL workbench. */
async function dataViews() {
  const top = await apiJson('/api/v1/search?sort=popularity&per_page=1');
  const recipe = await apiJson(`/api/v1/recipes/${top.results[0].id}`);
  const reviews = await apiJson(`/api/v1/recipes/${recipe.id}/reviews?per_page=1`);
  const word = recipe.name.split(/\s+/).find((w) => w.length >= 4) || recipe.name;
  const sql = 'SELECT year, count(*) AS n, avg(minutes) AS mean_minutes FROM recipes GROUP BY year ORDER BY year';
  return [
    { name: 'search', query: `page=search&q=${encodeURIComponent(word)}` },
    { name: 'pantry', query: `page=pantry&have=${encodeURIComponent(recipe.ingredients[0])}` },
    { name: 'recipe', query: `page=recipe&id=${recipe.id}` },
    { name: 'contributor', query: `page=contributor&id=${recipe.contributor_id}` },
    { name: 'user', query: `page=user&id=${reviews.reviews[0].user_id}` },
    { name: 'data', query: 'page=data&table=recipes&sort=minutes' },
    { name: 'sql', query: `page=sql&q=${encodeURIComponent(sql)}` },
  ];
}

// The answers of the data pages' endpoints are the data's words (names, reviews, columns) except their
// messages ({id, params, text}) and problems ({type, title, status, detail}), which the server renders in the
// page's language.
const DATA_ENDPOINT = /\/api\/v1\/(search|pantry|ingredients|recipes|contributors|users|data|sql|suggest)/;
const isMessage = (value) => typeof value.id === 'string' && 'params' in value && typeof value.text === 'string';
const isProblem = (value) => typeof value.type === 'string' && typeof value.status === 'number' && 'title' in value;

/** collect(value): every string of value into names, and the keys of its objects when withKeys (an analysis'
 * rows are keyed by the data's names; the data pages' answers by field names, which the page never shows). */
function collector(names, withKeys) {
  const collect = (value) => {
    if (typeof value === 'string') names.add(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      if (isProblem(value)) return;
      if (isMessage(value)) {
        collect(value.params);
        return;
      }
      for (const [name, item] of Object.entries(value)) {
        if (withKeys) names.add(name);
        collect(item);
      }
    }
  };
  return collect;
}

/** Every string the data supplies to a page (chart and table cells, findings' items, file names); seen: the
 * data pages' answers the page received. */
async function dataNames(pageName, lang, seen = []) {
  const names = new Set();
  seen.forEach(collector(names, false));
  const collect = collector(names, true);
  // The dataset's provenance and the build's version are the data's and the build's own words.
  collect((await apiJson('/api/v1/summary')).source);
  collect((await apiJson('/api/v1/summary')).tool_version);
  const { analyses } = await apiJson(`/api/v1/analyses?lang=${lang}`);
  for (const a of analyses.filter((x) => x.page === pageName)) {
    const result = await apiJson(`/api/v1/analyses/${a.id}?lang=${lang}`);
    for (const c of result.charts || []) collect(c.data?.rows);
    for (const t of result.tables || []) collect(t.rows);
  }
  if (pageName === 'overview') {
    const { findings } = await apiJson(`/api/v1/findings?lang=${lang}`);
    findings.forEach((f) => collect(f.text?.params?.item));
  }
  if (pageName === 'about') {
    collect(await apiJson('/api/v1/ingest-report'));
    collect(await apiJson('/api/v1/exports'));
  }
  return [...names].filter((n) => n.length >= 2).sort((a, b) => b.length - a.length);
}

/** The rendered text pieces of a page: DOM text nodes that are laid out, and every SVG text of the charts. */
function visibleTexts(page) {
  return page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      const text = node.textContent.trim();
      // Code to copy (the embed snippet), the language switch's own names, the build's version and what the page
      // marks translate="no" (the product's names, the environment's code) are not prose.
      if (!el || !text || el.closest('script, style, noscript, code, pre, textarea, [translate="no"], #lang-switch, #footer-version, #footer-build, #footer-data')) continue;
      if (!el.closest('svg') && el.getClientRects().length === 0) continue;
      out.push(text);
    }
    return out;
  });
}

function withoutData(text, names) {
  let rest = text;
  for (const name of names) if (rest.includes(name)) rest = rest.split(name).join(' ');
  return rest;
}

/** A view opened in a new page, drawn; answers(): the data pages' answers it received. */
async function openView(view, lang, viewport) {
  const { page, problems } = await openPage(app.browser, viewport);
  const pending = [];
  page.on('response', (response) => {
    if (DATA_ENDPOINT.test(response.url()) && response.ok()) pending.push(response.json().catch(() => null));
  });
  await page.goto(`${app.baseUrl}/?${view.query}&lang=${lang}`);
  await waitReady(page, 60000);
  await page.waitForLoadState('networkidle');
  return { page, problems, answers: async () => (await Promise.all(pending)).filter(Boolean) };
}

/** A view's visible texts, without the data's names in them. */
async function viewTexts(view, lang, viewport) {
  const { page, problems, answers } = await openView(view, lang, viewport);
  const raw = await page.$$eval('[data-i18n]', (els) => els.filter((e) => e.textContent === '—').map((e) => e.dataset.i18n));
  const texts = await visibleTexts(page);
  await page.close();
  assert.deepEqual(problems, [], `${view.name} ${lang} ${viewport.width}px`);
  assert.deepEqual(raw, [], `${view.name} ${lang}: messages missing`);
  const names = await dataNames(view.name, lang, await answers());
  // A text that is a piece of the data (a review, a name cut by the marks of a search's matches) is the data's.
  const corpus = names.join('\u0000');
  return texts.filter((text) => !corpus.includes(text)).map((text) => withoutData(text, names));
}

const englishOnly = (() => {
  const french = new Set(Object.values(fr).flatMap(literalWords));
  return new Set(Object.values(en).flatMap(literalWords).filter((w) => w.length >= 3 && !french.has(w)));
})();

test('French pages: no English word, no decimal point', async () => {
  const found = [];
  for (const view of views) {
    for (const viewport of VIEWPORTS) {
      for (const rest of await viewTexts(view, 'fr', viewport)) {
        const english = (rest.toLowerCase().match(/\p{L}+/gu) || []).filter((w) => englishOnly.has(w));
        if (english.length) found.push(`${view.name} ${viewport.width}px: English ${english.join(',')} in "${rest}"`);
        if (/\d\.\d/.test(rest)) found.push(`${view.name} ${viewport.width}px: decimal point in "${rest}"`);
      }
    }
  }
  assert.deepEqual([...new Set(found)], []);
});

test('English pages: no decimal comma', async () => {
  const found = [];
  for (const view of views) {
    for (const viewport of VIEWPORTS) {
      for (const rest of await viewTexts(view, 'en', viewport)) {
        // A comma before exactly three digits groups thousands; before any other count it is a decimal comma.
        if (/\d,(?!\d{3}(?!\d))\d/.test(rest)) found.push(`${view.name} ${viewport.width}px: "${rest}"`);
      }
    }
  }
  assert.deepEqual([...new Set(found)], []);
});

test('a language added as catalog files renders every page from its catalog alone', async () => {
  const { languages } = await apiJson('/api/v1/meta');
  assert.ok(languages.includes(PSEUDO_LANG), languages.join(' '));
  const found = [];
  for (const view of views) {
    for (const viewport of VIEWPORTS) {
      for (const rest of await viewTexts(view, PSEUDO_LANG, viewport)) {
        // Every catalog literal lost its plain letters: an ASCII word of three letters bypassed the catalogs.
        const plain = rest.match(/(?<![\p{L}])[A-Za-z]{3,}(?![\p{L}])/gu);
        if (plain) found.push(`${view.name} ${viewport.width}px: ${plain.join(',')} in "${rest}"`);
      }
    }
  }
  assert.deepEqual([...new Set(found)], []);
});

// The explorer pages show the data's own words (recipe names, descriptions, ingredients, steps, tags, reviews):
// English text, which a screen reader on a French page must read with an English voice (WCAG 3.1.2).
const EXPLORER_VIEWS = new Set(['search', 'recipe', 'contributor', 'user']);

/** The laid-out DOM texts of a view (charts' SVG aside), each with the language of its closest [lang]. */
async function textsWithLanguage(view, lang) {
  const { page, problems, answers } = await openView(view, lang, VIEWPORTS[0]);
  const texts = await page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      const text = node.textContent.trim();
      if (!el || !text || el.closest('svg, script, style, input, textarea') || el.getClientRects().length === 0) continue;
      out.push({ text, lang: el.closest('[lang]').getAttribute('lang') });
    }
    return out;
  });
  await page.close();
  assert.deepEqual(problems, [], `${view.name} ${lang}`);
  const words = new Set();
  (await answers()).forEach(collector(words, false));
  return { texts, words };
}

test('French explorer pages mark the data\'s own words lang="en"', async () => {
  const found = [];
  for (const view of views.filter((v) => EXPLORER_VIEWS.has(v.name))) {
    const { texts, words } = await textsWithLanguage(view, 'fr');
    // A whole name, ingredient, step, tag or review of the answers (ids, dates and numbers have no letters).
    const data = texts.filter(({ text }) => words.has(text) && /\p{L}{3}/u.test(text));
    assert.ok(data.length >= 1, `${view.name}: ${data.length} of the data's words shown`);
    for (const { text, lang } of data) if (lang !== 'en') found.push(`${view.name}: "${text}" in lang="${lang}"`);
  }
  assert.deepEqual(found, []);
});
