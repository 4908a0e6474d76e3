// Above kFacetSampleSize (4,000) results the search's tag and ingredient counts are estimated from a sample:
// the page marks them "≈" and says how many results they come from and their margin, in English and French;
// a smaller result set shows exact counts and no note. A generated database of ~6,900 recipes (scale 0.03).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, startApp } from './support.mjs';

let app;
before(async () => { app = await startApp({ scale: '0.03' }); });
after(async () => { await app?.close(); });

test('sampled facet counts read as approximate, with the sample size and margin, in EN and FR', async () => {
  const { page, problems } = await openPage(app.browser);
  const api = await (await fetch(`${app.baseUrl}/api/v1/search`)).json();
  assert.ok(api.total > 4000, `the generated corpus has more than 4,000 recipes: ${api.total}`);
  assert.equal(api.facets_sampled, true);

  await page.goto(`${app.baseUrl}/?page=search`);
  const note = page.locator('[data-facets-sampled]');
  await note.waitFor();
  assert.equal(await note.getAttribute('data-facets-sampled'), '4000');
  const text = await note.innerText();
  assert.match(text, new RegExp(`estimated from 4,000 of the ${api.total.toLocaleString('en-US')} results`));
  assert.match(text, new RegExp(`±${api.facets_margin} at 95 %`));
  const tagCount = await page.locator('[data-facet-tag] .chip-count').first().innerText();
  assert.match(tagCount, /^≈ [\d,]+$/);
  // The rating counts (the last block) stay exact: no "≈".
  assert.match(await page.locator('.facet .chip-count').last().innerText(), /^[\d,]+$/);

  await page.goto(`${app.baseUrl}/?page=search&lang=fr`);
  await note.waitFor();
  assert.match(await note.innerText(), /estimés sur 4\s000 des [\d\s]+ résultats/u);

  // Recipes of 15 minutes or less: fewer than 4,000, so exact counts and no note.
  const small = await (await fetch(`${app.baseUrl}/api/v1/search?max_minutes=15`)).json();
  assert.ok(small.total > 0 && small.total <= 4000, `${small.total}`);
  await page.goto(`${app.baseUrl}/?page=search&max_minutes=15`);
  await page.waitForSelector('[data-facet-tag]');
  assert.equal(await page.locator('[data-facets-sampled]').count(), 0);
  assert.match(await page.locator('[data-facet-tag] .chip-count').first().innerText(), /^[\d,]+$/);
  assert.deepEqual(problems, []);
});
