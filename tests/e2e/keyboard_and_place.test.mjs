// A reader keeps their place and the keyboard works (issue #18, defects 4 and 6): a skip link first; Plotly's
// toolbar out of the tab order; the focus stays on the filter that was changed and goes to the heading of a new
// page; the menu button says when the menu is closed; back from a recipe, "back to search", a language switch and
// the reviews' Next all keep the reader's place and query.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, startApp, waitReady } from './support.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

async function load(page, query) {
  await page.goto(`${app.baseUrl}/${query}`);
  await waitReady(page);
}

test('the first Tab reaches a skip link that moves the focus to the content', async () => {
  const { page, problems } = await openPage(app.browser);
  await load(page, '?page=overview');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  assert.deepEqual(problems, []);
  await page.close();
});

test('Plotly toolbar buttons are out of the tab order; the chart heads keep theirs', async () => {
  const { page, problems } = await openPage(app.browser);
  await load(page, '?page=trends');
  const counts = await page.evaluate(() => ({
    toolbar: document.querySelectorAll('.modebar-btn').length,
    tabbable: [...document.querySelectorAll('.modebar-btn')].filter((b) => b.tabIndex >= 0).length,
    heads: document.querySelectorAll('figure.chart-box button[data-download]').length,
  }));
  assert.ok(counts.toolbar > 20, `toolbar buttons drawn: ${counts.toolbar}`);
  assert.equal(counts.tabbable, 0);
  assert.ok(counts.heads > 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the changed filter keeps the focus; a new page gives it to its heading', async () => {
  const { page, problems } = await openPage(app.browser);
  await load(page, '?page=trends');
  const input = page.locator('input[name="year_from"]');
  const from = Number(await input.inputValue()) + 2;
  await input.focus();
  await input.fill(String(from));
  await input.dispatchEvent('change');
  await page.waitForFunction((y) => new URL(location.href).searchParams.get('year_from') === y, String(from));
  await waitReady(page);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('name')), 'year_from');
  await page.click('#nav a[data-page="seasonality"]');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('page') === 'seasonality');
  await waitReady(page);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the phone menu button says it is closed once a page is chosen', async () => {
  const { page, problems } = await openPage(app.browser, { width: 375, height: 740 });
  await load(page, '?page=overview');
  await page.click('#menu-toggle');
  assert.equal(await page.getAttribute('#menu-toggle', 'aria-expanded'), 'true');
  await page.click('#nav a[data-page="trends"]');
  await waitReady(page);
  assert.equal(await page.getAttribute('#menu-toggle', 'aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.getElementById('sidebar').classList.contains('open')), false);
  assert.deepEqual(problems, []);
  await page.close();
});

test('back from a recipe returns to the same place of the results; "back to search" keeps the query', async () => {
  const { page, problems } = await openPage(app.browser);
  await load(page, '?page=search&sort=rating');
  const card = page.locator('ol.recipe-list > li').nth(12);
  await card.scrollIntoViewIfNeeded();
  const y = await page.evaluate(() => window.scrollY);
  assert.ok(y > 300, `scrolled down: ${y}`);
  await card.locator('a').first().click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('page') === 'recipe');
  await waitReady(page);
  await page.goBack();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('page') === 'search');
  await waitReady(page);
  await page.waitForFunction((want) => Math.abs(window.scrollY - want) < 5, y);

  await card.locator('a').first().click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('page') === 'recipe');
  await waitReady(page);
  await page.click('p.crumbs a');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('page') === 'search');
  assert.equal(new URL(page.url()).searchParams.get('sort'), 'rating', 'the search is kept');
  assert.deepEqual(problems, []);
  await page.close();
});

test('switching language and paging reviews keep the reader where they were', async () => {
  const { page, problems } = await openPage(app.browser);
  await load(page, '?page=trends');
  await page.evaluate(() => window.scrollTo(0, 1500));
  const y = await page.evaluate(() => window.scrollY);
  assert.ok(y > 1000, `scrolled: ${y}`);
  await page.click('#lang-switch button[data-lang="fr"]');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('lang') === 'fr');
  await waitReady(page);
  await page.waitForFunction((want) => Math.abs(window.scrollY - want) < 5, y);

  const top = await (await fetch(`${app.baseUrl}/api/v1/search?sort=popularity&per_page=1`)).json();
  await load(page, `?page=recipe&id=${top.results[0].id}`);
  const next = page.locator('nav.pager button[data-pager="next"]');
  await next.scrollIntoViewIfNeeded();
  const atPager = await page.evaluate(() => window.scrollY);
  assert.ok(atPager > 300, `the reviews' pager is below the first screen: ${atPager}`);
  await next.click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('reviews') === '2');
  await waitReady(page);
  await page.waitForFunction((want) => Math.abs(window.scrollY - want) < 5, atPager);
  assert.deepEqual(problems, []);
  await page.close();
});
