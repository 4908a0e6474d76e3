// Long pages guide the reader (issue #18): a menu of the page's sections, a summary of the filters in force that
// stays on screen while scrolling, and a link to one section (with the filters) that opens at that section.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, startApp, waitReady } from './support.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

test('the section menu lists every section and a link goes to it, keeping the filters', async () => {
  const { page, problems } = await openPage(app.browser);
  await page.goto(`${app.baseUrl}/?page=trends&year_from=2003`);
  await waitReady(page);
  const sections = await page.$$eval('section.analysis', (els) => els.map((e) => e.id));
  const links = await page.$$eval('nav.section-menu a', (els) => els.map((a) => a.getAttribute('href')));
  assert.ok(sections.length > 2);
  assert.deepEqual(links, sections.map((id) => `#${id}`));
  const last = sections[sections.length - 1];
  await page.click(`nav.section-menu a[href="#${last}"]`);
  await page.waitForFunction((id) => Math.abs(document.getElementById(id).getBoundingClientRect().top) < 80, last);
  const url = new URL(page.url());
  assert.equal(url.hash, `#${last}`);
  assert.equal(url.searchParams.get('year_from'), '2003', 'the link keeps the filters');
  assert.equal(await page.evaluate(() => document.activeElement.id), last);

  const summary = page.locator('[data-filter-summary]');
  assert.equal(await summary.innerText(), 'Filters: From year: 2003');
  const top = await summary.evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 5, `the filter summary stays at the top while scrolled: ${top}`);

  const shared = await page.context().newPage();
  await shared.goto(url.toString());
  await waitReady(shared);
  await shared.waitForFunction((id) => Math.abs(document.getElementById(id).getBoundingClientRect().top) < 80, last);
  assert.equal(new URL(shared.url()).hash, `#${last}`, 'the shared link keeps its section');
  await shared.close();
  assert.deepEqual(problems, []);
  await page.close();
});

test('in French, and with no filter, the summary says so', async () => {
  const { page } = await openPage(app.browser);
  await page.goto(`${app.baseUrl}/?page=seasonality&lang=fr`);
  await waitReady(page);
  assert.equal(await page.locator('[data-filter-summary]').innerText(), 'Filtres : aucun (toutes les données)');
  assert.equal(await page.getAttribute('nav.section-menu', 'aria-label'), 'Sur cette page');
  await page.close();
});
