// axe-core on every page, at 1280 px in English and at 375 px in French (issue #18): no serious or critical
// violation, color-contrast and scrollable-region-focusable included. axe's script is added to each page, so this
// suite's browser bypasses the page's CSP (the served CSP itself is checked by e2e.ops).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { openPage, startApp, waitReady } from './support.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PAGES = ['overview', 'trends', 'seasonality', 'weekend', 'ratings', 'search', 'pantry', 'about'];

let app;
let detail = {};
before(async () => {
  app = await startApp({ browserOptions: { bypassCSP: true } });
  const top = await (await fetch(`${app.baseUrl}/api/v1/search?sort=popularity&per_page=1`)).json();
  const recipe = await (await fetch(`${app.baseUrl}/api/v1/recipes/${top.results[0].id}`)).json();
  const reviews = await (await fetch(`${app.baseUrl}/api/v1/recipes/${top.results[0].id}/reviews?per_page=1`)).json();
  detail = { recipe: recipe.id, contributor: recipe.contributor_id, user: reviews.reviews[0].user_id };
});
after(async () => { await app?.close(); });

async function seriousViolations(page, query) {
  await page.goto(`${app.baseUrl}/${query}`);
  await waitReady(page);
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const [width, lang] of [[1280, 'en'], [375, 'fr']]) {
  test(`no serious or critical axe violation at ${width} px in ${lang}`, async () => {
    const { page } = await openPage(app.browser, { width, height: 800 });
    const queries = [...PAGES.map((p) => `?page=${p}`), `?page=recipe&id=${detail.recipe}`,
      `?page=contributor&id=${detail.contributor}`, `?page=user&id=${detail.user}`,
      // The data workbench (issue #20): a table view with facets, and a query with its table and chart.
      '?page=data&table=recipes&sort=minutes', `?page=sql&q=${encodeURIComponent('SELECT year, count(*) AS n FROM recipes GROUP BY year ORDER BY year')}`];
    const found = {};
    for (const query of queries) {
      const violations = await seriousViolations(page, `${query}&lang=${lang}`);
      if (violations.length) found[query] = violations;
    }
    assert.deepEqual(found, {});
    await page.close();
  });
}
