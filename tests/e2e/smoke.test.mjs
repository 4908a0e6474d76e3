// Browser smoke test: the built binary serves a small generated database; Debian's Chromium, driven by
// playwright-core, loads the UI and checks the shell, KPIs, languages and history. Every page in depth:
// pages.test.mjs.
// Set-up (database, server, browser) in support.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage as openTab, screenshot, startApp } from './support.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { if (app) await app.close(); });

const openPage = (viewport) => openTab(app.browser, viewport);

async function kpiValues(page) {
  await page.waitForSelector('[data-kpi="recipes"] .value');
  return page.$$eval('[data-kpi] .value', (els) => els.map((e) => e.textContent));
}

test('overview loads cleanly with numeric KPI cards and the synthetic banner', async () => {
  const { page, problems } = await openPage();
  await page.goto(`${app.baseUrl}/`);
  const values = await kpiValues(page);
  assert.ok(values.length >= 8, `KPI cards: ${values.length}`);
  const recipes = Number((await page.textContent('[data-kpi="recipes"] .value')).replace(/[^0-9]/g, ''));
  assert.ok(recipes > 100, `recipes KPI ${recipes}`);
  assert.match(await page.textContent('[data-kpi="mean_rating"] .value'), /^[1-5]\.\d\d$/);
  assert.match(await page.textContent('[data-kpi="share_five_stars"] .value'), /^\d+\.\d%$/);
  assert.ok(await page.isVisible('[data-banner="synthetic"]'), 'synthetic banner shown');
  assert.equal(await page.textContent('#env-badge'), 'LOCAL');
  assert.match(await page.textContent('#footer-data'), /^\d{4}-\d{2}-\d{2}$/);
  // Plotly runs once the page has been painted and the browser is idle (charts.js): waited for, not assumed.
  await page.waitForFunction(() => typeof window.Plotly === 'object', null, { timeout: 20000 });
  const body = await page.textContent('body');
  assert.doesNotMatch(body, /\b(kpi|nav|page|about|filter)\.[a-z_]+/, 'no raw i18n key');
  await screenshot(page, 'smoke-overview');
  assert.deepEqual(problems, []);
  await page.close();
});

test('?lang=fr shows French labels and the switch changes labels and URL', async () => {
  const { page, problems } = await openPage();
  await page.goto(`${app.baseUrl}/?page=overview&lang=fr`);
  await kpiValues(page);
  assert.equal(await page.textContent('[data-kpi="recipes"] .label'), 'Recettes');
  assert.equal(await page.textContent('nav a[data-page="about"]'), 'À propos des données');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await page.click('#lang-switch button[data-lang="en"]');
  await page.waitForFunction(() => document.querySelector('[data-kpi="recipes"] .label')?.textContent === 'Recipes');
  assert.equal(await page.textContent('nav a[data-page="about"]'), 'About the data');
  assert.equal(new URL(page.url()).searchParams.get('lang'), null);
  await page.click('#lang-switch button[data-lang="fr"]');
  await page.waitForFunction(() => document.querySelector('[data-kpi="recipes"] .label')?.textContent === 'Recettes');
  assert.equal(new URL(page.url()).searchParams.get('lang'), 'fr');
  assert.deepEqual(problems, []);
  await page.close();
});

test('navigation is kept in the URL and back/forward restore the page', async () => {
  const { page, problems } = await openPage();
  await page.goto(`${app.baseUrl}/`);
  await kpiValues(page);
  await page.click('nav a[data-page="about"]');
  await page.waitForSelector('[data-section="ingest-report"] tbody tr');
  assert.equal(new URL(page.url()).searchParams.get('page'), 'about');
  await page.goBack();
  await page.waitForSelector('[data-kpi="recipes"] .value');
  assert.equal(new URL(page.url()).searchParams.get('page'), 'overview');
  await page.goForward();
  await page.waitForSelector('[data-section="ingest-report"]');
  assert.equal(await page.getAttribute('nav a[aria-current="page"]', 'data-page'), 'about');
  assert.deepEqual(problems, []);
  await page.close();
});
