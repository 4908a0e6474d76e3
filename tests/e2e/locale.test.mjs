// Language and number formats (issue #17, item 4): a first visit follows the browser's language and a choice stays
// in the URL; French charts write their tick labels with a decimal comma and their toolbar tips in French, and
// p-values in scientific notation take the decimal comma too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { launchBrowser, openPage, startApp, waitReady } from './support.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

test('a French browser opens the French site; choosing English keeps English in the URL, across a reload', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'mtm-e2e-fr-'));
  const browser = await launchBrowser(profile, { locale: 'fr-FR' });
  try {
    const { page, problems } = await openPage(browser);
    await page.goto(`${app.baseUrl}/?page=overview`);
    await waitReady(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    assert.equal(await page.locator('h1').innerText(), 'Vue d’ensemble');
    assert.equal(new URL(page.url()).searchParams.get('lang'), null, 'the default needs no parameter');
    await page.locator('#lang-switch button[data-lang="en"]').click();
    await waitReady(page);
    assert.equal(new URL(page.url()).searchParams.get('lang'), 'en');
    await page.reload();
    await waitReady(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
  // An English browser still opens English.
  const { page } = await openPage(app.browser);
  await page.goto(`${app.baseUrl}/?page=overview`);
  await waitReady(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.close();
});

test('French charts write decimals with a comma; English ones with a point', async () => {
  const { page, problems } = await openPage(app.browser);
  for (const [lang, wrong] of [['fr', /\d\.\d/], ['en', /\d,\d{1,2}(?!\d)/]]) {
    await page.goto(`${app.baseUrl}/?page=ratings&lang=${lang}`);
    await waitReady(page);
    await page.waitForFunction(() => document.querySelectorAll('.chart .main-svg').length > 3);
    const ticks = await page.$$eval('.chart .xtick text, .chart .ytick text', (els) => els.map((el) => el.textContent));
    assert.ok(ticks.length > 20);
    assert.deepEqual(ticks.filter((text) => wrong.test(text)), [], `${lang}: tick labels`);
    const decimals = ticks.filter((text) => /\d[.,]\d/.test(text));
    assert.ok(decimals.length > 0, `${lang}: some decimal tick labels (${ticks.slice(0, 10)})`);
    // Units in the page's language.
    const unit = await page.locator('[data-metric="slope_per_year"] .unit').first().innerText();
    assert.equal(unit.trim(), lang === 'fr' ? 'pts/an' : 'pts/year');
    // Plotly's toolbar tips from the catalog.
    const tips = new Set(await page.$$eval('.chart .modebar-btn', (els) => els.map((el) => el.getAttribute('data-title'))));
    assert.ok(tips.has(lang === 'fr' ? 'Réinitialiser les axes' : 'Reset axes'), [...tips].join(', '));
    if (lang === 'fr') assert.ok(!tips.has('Reset axes') && !tips.has('Zoom in') && !tips.has('Download plot as a png'), [...tips].join(', '));
    const pValues = await page.$$eval('table.tests tbody tr td:nth-child(3)', (els) => els.map((el) => el.textContent));
    assert.ok(pValues.length > 3);
    assert.deepEqual(pValues.filter((text) => wrong.test(text)), [], `${lang}: p-values`);
  }
  // Legends computed by the server (fitted lines' R²) follow the page's language too.
  await page.goto(`${app.baseUrl}/?page=trends&lang=fr`);
  await waitReady(page);
  await page.waitForFunction(() => document.querySelectorAll('.chart .legendtext').length > 5);
  const legends = await page.$$eval('.chart .legendtext', (els) => els.map((el) => el.textContent));
  assert.ok(legends.some((text) => /R²w? = \d,\d{3}/.test(text)), legends.join(' | '));
  assert.deepEqual(legends.filter((text) => /\d\.\d/.test(text)), [], 'French legends');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the About page\'s ingest report speaks French: rules, tables, parameters and their numbers', async () => {
  const { page, problems } = await openPage(app.browser);
  await page.goto(`${app.baseUrl}/?page=about&lang=fr`);
  await waitReady(page);
  const rows = await page.$$eval('[data-section="ingest-report"] tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.ok(rows.length > 10);
  const range = rows.find((r) => r[1] === 'temps de préparation dans la plage');
  assert.ok(range, rows.map((r) => r[1]).join(' | '));
  assert.equal(range[0], 'recettes');
  assert.match(range[2], /^minutes max = \d+, minutes min = \d+$/);
  const band = rows.find((r) => r[1] === 'nombre d’étapes dans la bande');
  assert.match(band[2], /quantile haut = 0,975/);
  for (const english of ['dropped', 'rejected', 'file =', 'wrong field count', 'computed on']) {
    assert.ok(!rows.some((r) => r[2].includes(english)), `${english} left in English`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});
