// Browser test of the SQL workbench page: a permalink query shows its table and chart; typing a query and
// running it puts it in the URL and shows its result; the downloaded CSV holds exactly the table's cells; a
// refused query shows DuckDB's reason. Environment: MTM_BINARY (path of mangetamain).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openPage, parseCsv, startApp, waitReady } from './support.mjs';

let app;

before(async () => { app = await startApp(); });
after(async () => { if (app) await app.close(); });

const tableCells = (page) => page.$$eval('#sql-result tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));

test('a permalink query shows its table and chart', async () => {
  const { page, problems } = await openPage(app.browser);
  const sql = 'SELECT year, count(*) AS reviews FROM interactions WHERE is_clean GROUP BY year ORDER BY year';
  await page.goto(`${app.baseUrl}/?page=sql&q=${encodeURIComponent(sql)}`);
  await waitReady(page);
  assert.equal(await page.inputValue('#sql-input'), sql);
  const cells = await tableCells(page);
  assert.deepEqual(cells[0], ['year', 'reviews']);
  assert.ok(cells.length > 5, `${cells.length} rows`);
  const years = cells.slice(1).map((r) => Number(r[0].replace(/,/g, '')));
  assert.deepEqual(years, [...years].sort((a, b) => a - b), 'ordered by year');
  await page.waitForSelector('#sql-chart .main-svg');
  const points = await page.$eval('#sql-chart', (el) => el.data[0].x.length);
  assert.equal(points, cells.length - 1);
  assert.ok(await page.$('aside.sql-schema details[data-table="recipes"]'), 'schema lists recipes');
  assert.deepEqual(problems, []);
});

test('type a query, run it, download the CSV and find the table in it', async () => {
  const { page, problems } = await openPage(app.browser);
  await page.goto(`${app.baseUrl}/?page=sql`);
  await waitReady(page);
  const sql = "SELECT tag, count(*) AS recipes FROM recipe_tags GROUP BY tag ORDER BY recipes DESC, tag LIMIT 12";
  await page.fill('#sql-input', sql);
  await page.click('#sql-run');
  await page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q, sql);
  await waitReady(page);
  const cells = await tableCells(page);
  assert.equal(cells.length, 13);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#sql-csv')]);
  const csv = parseCsv(readFileSync(await download.path(), 'utf8'));
  // The table formats numbers for the reader (1,234): the same digits as the file.
  assert.deepEqual(csv, cells.map((row) => row.map((cell) => cell.replace(/,/g, ''))));
  assert.deepEqual(problems, []);
});

test('a refused query shows the reason and the page stays usable', async () => {
  const { page } = await openPage(app.browser);
  await page.goto(`${app.baseUrl}/?page=sql&q=${encodeURIComponent("COPY recipes TO '/tmp/x.csv'")}`);
  await waitReady(page);
  const reason = await page.textContent('#sql-error');
  assert.match(reason, /file system operations are disabled/);
  assert.doesNotMatch(reason, /\/tmp\//, 'no server path');
  await page.click('button[data-example="sql.example.ratings_by_weekday"]');
  await waitReady(page);
  const cells = await tableCells(page);
  assert.deepEqual(cells[0], ['weekday', 'mean_rating', 'ratings']);
  assert.deepEqual(cells.slice(1).map((r) => r[0]), ['1', '2', '3', '4', '5', '6', '7']);
});
