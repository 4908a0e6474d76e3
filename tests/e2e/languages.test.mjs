// Every page speaks the reader's language (issue #17). French pages, at 1280 and 375 px, show no English UI
// word and no number with a '.' decimal separator, in the DOM or in the charts' SVG text; English pages none
// with a ',' decimal separator. A pseudo-locale made only of catalog files (tests/support/pseudo_locale.mjs,
// served through MTM_I18N_DIR) renders every page with no missing message and no text that bypassed the
// catalogs. Data names (recipe, ingredient and tag names, file names) are the data's own and excepted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openPage, startApp, waitReady } from './support.mjs';
import { literalWords, pseudoCatalog, PSEUDO_LANG } from '../support/pseudo_locale.mjs';

const en = JSON.parse(readFileSync(new URL('../../i18n/en.json', import.meta.url)));
const fr = JSON.parse(readFileSync(new URL('../../i18n/fr.json', import.meta.url)));
const PAGES = ['overview', 'trends', 'seasonality', 'weekend', 'ratings', 'about'];
const VIEWPORTS = [{ width: 1280, height: 800 }, { width: 375, height: 800 }];

let app;
let catalogs;
before(async () => {
  catalogs = mkdtempSync(join(tmpdir(), 'mtm-i18n-'));
  writeFileSync(join(catalogs, 'en.json'), JSON.stringify(en));
  writeFileSync(join(catalogs, 'fr.json'), JSON.stringify(fr));
  writeFileSync(join(catalogs, `${PSEUDO_LANG}.json`), JSON.stringify(pseudoCatalog(en)));
  app = await startApp({ env: { MTM_I18N_DIR: catalogs } });
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

/** Every string the data supplies to a page (chart and table cells, findings' items, file names). */
async function dataNames(pageName, lang) {
  const names = new Set();
  const collect = (value) => {
    if (typeof value === 'string') names.add(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  const { analyses } = await apiJson(`/api/v1/analyses?lang=${lang}`);
  for (const a of analyses.filter((x) => x.page === pageName)) {
    const result = await apiJson(`/api/v1/analyses/${a.id}?lang=${lang}`);
    for (const c of result.charts || []) collect(c.data?.rows);
    for (const t of result.tables || []) collect(t.rows);
  }
  if (pageName === 'overview') {
    const { findings } = await apiJson(`/api/v1/findings?lang=${lang}`);
    findings.forEach((f) => collect(f.text?.params?.item));
    collect((await apiJson('/api/v1/summary')).source);
  }
  if (pageName === 'about') collect(await apiJson('/api/v1/ingest-report'));
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
      // Code to copy (the embed snippet), the language switch's own names and the build's version are not prose.
      if (!el || !text || el.closest('script, style, noscript, code, pre, textarea, #lang-switch, #footer-version, #footer-build, #footer-data')) continue;
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

async function pageTexts(pageName, lang, viewport) {
  const { page, problems } = await openPage(app.browser, viewport);
  await page.goto(`${app.baseUrl}/?page=${pageName}&lang=${lang}`);
  await waitReady(page, 60000);
  const raw = await page.$$eval('[data-i18n]', (els) => els.filter((e) => e.textContent === '—').map((e) => e.dataset.i18n));
  const texts = await visibleTexts(page);
  await page.close();
  assert.deepEqual(problems, [], `${pageName} ${lang} ${viewport.width}px`);
  assert.deepEqual(raw, [], `${pageName} ${lang}: messages missing`);
  return texts;
}

const englishOnly = (() => {
  const french = new Set(Object.values(fr).flatMap(literalWords));
  return new Set(Object.values(en).flatMap(literalWords).filter((w) => w.length >= 3 && !french.has(w)));
})();

test('French pages: no English word, no decimal point', async () => {
  const found = [];
  for (const pageName of PAGES) {
    const names = await dataNames(pageName, 'fr');
    for (const viewport of VIEWPORTS) {
      for (const text of await pageTexts(pageName, 'fr', viewport)) {
        const rest = withoutData(text, names);
        const english = (rest.toLowerCase().match(/\p{L}+/gu) || []).filter((w) => englishOnly.has(w));
        if (english.length) found.push(`${pageName} ${viewport.width}px: English ${english.join(',')} in "${text}"`);
        if (/\d\.\d/.test(rest)) found.push(`${pageName} ${viewport.width}px: decimal point in "${text}"`);
      }
    }
  }
  assert.deepEqual([...new Set(found)], []);
});

test('English pages: no decimal comma', async () => {
  const found = [];
  for (const pageName of PAGES) {
    const names = await dataNames(pageName, 'en');
    for (const viewport of VIEWPORTS) {
      for (const text of await pageTexts(pageName, 'en', viewport)) {
        // A comma before exactly three digits groups thousands; before any other count it is a decimal comma.
        if (/\d,(?!\d{3}(?!\d))\d/.test(withoutData(text, names))) found.push(`${pageName} ${viewport.width}px: "${text}"`);
      }
    }
  }
  assert.deepEqual([...new Set(found)], []);
});

test('a language added as catalog files renders every page from its catalog alone', async () => {
  const { languages } = await apiJson('/api/v1/meta');
  assert.ok(languages.includes(PSEUDO_LANG), languages.join(' '));
  const found = [];
  for (const pageName of PAGES) {
    const names = await dataNames(pageName, PSEUDO_LANG);
    for (const viewport of VIEWPORTS) {
      for (const text of await pageTexts(pageName, PSEUDO_LANG, viewport)) {
        // Every catalog literal lost its plain letters: an ASCII word of three letters bypassed the catalogs.
        const plain = withoutData(text, names).match(/(?<![\p{L}])[A-Za-z]{3,}(?![\p{L}])/gu);
        if (plain) found.push(`${pageName} ${viewport.width}px: ${plain.join(',')} in "${text}"`);
      }
    }
  }
  assert.deepEqual([...new Set(found)], []);
});
