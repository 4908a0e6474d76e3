// Charts have a text alternative (issue #18, defect 5): Plotly's drawing is hidden from screen readers (they heard
// tick labels and toolbar icons), a summary names what it draws, and a "Data" button shows the very rows the chart
// draws as a table, the same rows as its CSV. Review stars are read as words.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openPage, parseCsv, startApp, waitReady } from './support.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

test('every chart is an image with a name; "Data" shows the CSV\'s rows as a table', async () => {
  const { page, problems } = await openPage(app.browser);
  await page.goto(`${app.baseUrl}/?page=trends`);
  await waitReady(page);
  const plots = await page.$$eval('figure.chart-box:has(.chart)', (els) => els.map((el) => ({
    hidden: el.querySelector('.chart').getAttribute('aria-hidden'),
    summary: el.querySelector('[data-chart-summary]')?.textContent,
    title: el.querySelector('h3').textContent })));
  assert.ok(plots.length > 5);
  for (const plot of plots) {
    assert.equal(plot.hidden, 'true', 'Plotly\'s drawing is hidden from screen readers');
    assert.equal(plot.summary.startsWith(`${plot.title}: chart of `), true, plot.summary);
    assert.match(plot.summary, /: chart of \d+ series and \d+ values\. The “Data” button shows them as a table\.$/);
  }
  const box = page.locator('figure.chart-box').first();
  const toggle = box.locator('button[data-show-data]');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const shown = await box.locator('.chart-data tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.dataset.value)));
  const [download] = await Promise.all([page.waitForEvent('download'), box.locator('button[data-download="csv"]').click()]);
  const [, ...csvRows] = parseCsv(readFileSync(await download.path(), 'utf8')).filter((r) => r.length > 1);
  assert.ok(shown.length > 0);
  assert.deepEqual(shown, csvRows, 'the table holds exactly the CSV rows');
  assert.equal(await box.locator('.chart-data caption').innerText(), await box.locator('h3').innerText());
  await toggle.click();
  assert.equal(await box.locator('.chart-data').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('review stars are read as words', async () => {
  const top = await (await fetch(`${app.baseUrl}/api/v1/search?sort=popularity&per_page=1&lang=fr`)).json();
  const { page, problems } = await openPage(app.browser);
  await page.goto(`${app.baseUrl}/?page=recipe&lang=fr&id=${top.results[0].id}`);
  await waitReady(page);
  const rated = page.locator('.review .stars').first();
  assert.match(await rated.locator('.sr-only').innerText(), /^note de [1-5] sur 5$/);
  assert.equal(await rated.locator('[aria-hidden="true"]').count(), 1);
  assert.deepEqual(problems, []);
  await page.close();
});
