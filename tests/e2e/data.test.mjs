// Browser test of the table browser: the tables with their row counts, a table's rows sorted by a header click,
// a filter added with the form and one from a facet, each view in the URL, and the view's CSV holding exactly the
// rows on screen. Environment: MTM_BINARY (path of mangetamain).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, parseCsv, startApp, waitReady } from './support.mjs';

let app;

before(async () => { app = await startApp(); });
after(async () => { if (app) await app.close(); });

const cells = (page) => page.$$eval('#data-rows tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
const column = (rows, name) => rows.slice(1).map((r) => r[rows[0].indexOf(name)]);
const number = (text) => Number(text.replace(/,/g, ''));

test('browse, sort, filter and download a view of the recipes', async () => {
  const { page, problems } = await openPage(app.browser);
  await page.goto(`${app.baseUrl}/?page=data`);
  await waitReady(page);
  const tables = await page.$$eval('.data-tables a', (as) => as.map((a) => a.dataset.table));
  for (const name of ['recipes', 'interactions', 'recipe_ingredients', 'recipe_tags', 'dataset_info']) {
    assert.ok(tables.includes(name), `${name} listed`);
  }
  await page.click('.data-tables a[data-table="recipes"]');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('table') === 'recipes');
  await waitReady(page);
  await page.waitForSelector('#data-rows');
  let rows = await cells(page);
  assert.equal(rows.length, 51, 'a page of 50 rows and the header');

  await page.click('#data-rows button[data-sort="minutes"]');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'minutes');
  await waitReady(page);
  rows = await cells(page);
  const minutes = column(rows, 'minutes').map(number);
  assert.deepEqual(minutes, [...minutes].sort((a, b) => a - b), 'sorted by minutes');

  await page.selectOption('#data-filter-column', 'season');
  await page.selectOption('#data-filter-op', 'eq');
  await page.fill('#data-filter-value', 'winter');
  await page.click('#data-filter-add');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('eq_season') === 'winter');
  await waitReady(page);
  rows = await cells(page);
  assert.ok(rows.length > 1);
  assert.ok(column(rows, 'season').every((s) => s === 'winter'));
  // The facet of the filtered view counts only winter.
  assert.deepEqual(await page.$$eval('[data-facet="season"] button', (bs) => bs.map((b) => b.textContent)), []);

  await page.click('[data-facet="is_clean"] button >> text=true');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('eq_is_clean') === 'true');
  await waitReady(page);
  rows = await cells(page);
  assert.ok(column(rows, 'is_clean').every((s) => s === 'true'));

  const href = await page.getAttribute('#data-csv', 'href');
  const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href);
  const lines = parseCsv(csv);
  assert.equal(lines.length, rows.length, 'the CSV holds the rows on screen');
  assert.deepEqual(lines[0], rows[0]);
  assert.deepEqual(lines.slice(1).map((l) => l[0]), column(rows, 'id').map((id) => id.replace(/,/g, '')));
  assert.deepEqual(lines.slice(1).map((l) => l[1]), column(rows, 'name'));
  // Every row of the view (all its pages) in one file: as many as the view counts, each a clean winter recipe.
  const total = number(await page.$eval('#data-summary', (el) => el.textContent.match(/of ([\d,]+)/)[1]));
  const whole = parseCsv(await page.evaluate(async (url) => (await fetch(url)).text(), await page.getAttribute('#data-view-csv', 'href')))
    .filter((r) => r.length > 1);
  assert.ok(total > 50, `more rows than one page: ${total}`);
  assert.equal(whole.length - 1, total);
  const at = (name) => whole[0].indexOf(name);
  assert.ok(whole.slice(1).every((r) => r[at('season')] === 'winter' && r[at('is_clean')] === 'true'));
  assert.deepEqual(problems, []);
});
