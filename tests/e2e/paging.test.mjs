// Paged results keep their address: "Next" on search and pantry results writes ?page=search&…&results=2
// (it used to write page=2 over the view's own `page`, so a reload landed on the Overview). Reloading or
// sharing a paged result shows the same page of the same query.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, startApp } from './support.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const firstCard = (page) => page.locator('ol.recipe-list > li').first().innerText();
const pageLabel = (page) => page.locator('nav.pager span').innerText();

async function nextKeepsTheAddress(page, url) {
  await page.goto(url);
  await page.waitForSelector('nav.pager button[data-pager="next"]:not([disabled])');
  const firstOfPage1 = await firstCard(page);
  const label1 = await pageLabel(page);
  await page.click('nav.pager button[data-pager="next"]');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('results') === '2');
  await page.waitForFunction((before) => document.querySelector('nav.pager span')?.textContent !== before, label1);
  const params = new URL(page.url()).searchParams;
  const view = new URL(url).searchParams.get('page');
  assert.equal(params.get('page'), view, `the view stays ${view}: ${page.url()}`);
  const firstOfPage2 = await firstCard(page);
  assert.notEqual(firstOfPage2, firstOfPage1);
  const label2 = await pageLabel(page);
  await page.reload();
  await page.waitForSelector('ol.recipe-list > li');
  assert.equal(new URL(page.url()).searchParams.get('page'), view);
  assert.equal(await firstCard(page), firstOfPage2, 'the reloaded address shows the same results page');
  assert.equal(await pageLabel(page), label2);
}

test('search: Next, then reload, stays on the same page of the same query', async () => {
  const { page, problems } = await openPage(app.browser);
  await nextKeepsTheAddress(page, `${app.baseUrl}/?page=search&sort=rating`);
  assert.deepEqual(problems, []);
});

test('pantry: Next, then reload, stays on the same page of the same pantry', async () => {
  const search = await (await fetch(`${app.baseUrl}/api/v1/search?per_page=1`)).json();
  const have = search.facets.ingredients.slice(0, 3).map((f) => f.value).join(',');
  const { page, problems } = await openPage(app.browser);
  await nextKeepsTheAddress(page, `${app.baseUrl}/?page=pantry&have=${encodeURIComponent(have)}`);
  assert.deepEqual(problems, []);
});
