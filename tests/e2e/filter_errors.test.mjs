// A refused filter value is marked at its field and the page keeps its results (issue #18, defect 3): it used
// to replace the form, the query and every chart with "Something went wrong" and the API's raw English text.
// An id that does not exist gets a "not found" page instead of an error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chartData, openPage, startApp, waitReady } from './support.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

async function load(page, query) {
  await page.goto(`${app.baseUrl}/${query}`);
  await waitReady(page);
}

const volume = async (page) => (await chartData(page)).find((c) => c.id === 'volume_by_year').traces[0];
// The refused requests themselves (and Chromium's console line for each) are expected; anything else is not.
const expected400 = (problems) => problems.filter((p) => !/^http 400: .*\/api\/v1\/analyses\//.test(p)
  && p !== 'console: Failed to load resource: the server responded with a status of 400 (Bad Request)');

test('years in the wrong order are marked at the field and the last results stay', async () => {
  const { page, problems } = await openPage(app.browser);
  await load(page, '?page=trends&year_from=2003');
  const good = await volume(page);
  const to = page.locator('input[name="year_to"]');
  await to.fill('2002');
  await to.dispatchEvent('change');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('year_to') === '2002');
  await waitReady(page);
  await page.waitForSelector('[aria-invalid="true"]');
  assert.equal(await page.locator('.error-panel').count(), 0, 'no error panel');
  assert.equal(await page.inputValue('input[name="year_to"]'), '2002', 'the form keeps what was typed');
  const marked = await page.$$eval('[aria-invalid="true"]', (els) => els.map((e) => e.getAttribute('name')));
  assert.deepEqual(marked, ['year_from']);
  assert.equal(await page.locator('#filter-year_from-error').innerText(), '“From year” must not be after “To year”.');
  assert.equal(await page.getAttribute('input[name="year_from"]', 'aria-describedby'), 'filter-year_from-error');
  assert.deepEqual(await volume(page), good, 'the last accepted results are still drawn');
  assert.equal(await page.locator('[data-invalid-note]').count(), 1);
  assert.deepEqual(expected400(problems), []);
  await page.close();
});

test('a bad value in a shared address opens the page without it, in the page\'s language', async () => {
  const specs = (await (await fetch(`${app.baseUrl}/api/v1/analyses`)).json()).analyses
    .flatMap((a) => a.filters || []).filter((f) => f.type === 'integer' && Number.isFinite(f.maximum) && f.name !== 'year_from' && f.name !== 'year_to');
  const spec = specs[0];
  assert.ok(spec, 'an integer filter with published limits');
  const analysis = (await (await fetch(`${app.baseUrl}/api/v1/analyses`)).json()).analyses
    .find((a) => (a.filters || []).some((f) => f.name === spec.name));
  const { page, problems } = await openPage(app.browser);
  await load(page, `?page=${analysis.page}&lang=fr&${spec.name}=${spec.maximum * 10}`);
  assert.equal(await page.locator('.error-panel').count(), 0);
  assert.ok(await page.locator('section.analysis').count() > 0, 'the analyses are shown');
  const message = await page.locator(`#filter-${spec.name}-error`).innerText();
  assert.match(message, /^Saisissez une valeur de .+ à .+\.$/);
  assert.equal(await page.getAttribute(`input[name="${spec.name}"]`, 'max'), String(spec.maximum), 'the input carries the API limit');
  assert.deepEqual(expected400(problems), []);
  await page.close();
});

test('an id that does not exist gets a "not found" page', async () => {
  const { page } = await openPage(app.browser);
  for (const [query, kind, title] of [['?page=recipe&id=999999999', 'recipe', 'Recipe not found'],
    ['?page=recipe&id=abc', 'recipe', 'Recipe not found'],
    ['?page=user&id=999999999999', 'user', 'Reviewer not found'],
    ['?page=contributor&id=999999999999', 'contributor', 'Contributor not found']]) {
    await load(page, query);
    assert.equal(await page.locator(`h1[data-not-found="${kind}"]`).innerText(), title, query);
    assert.equal(await page.locator('.error-panel').count(), 0, query);
    assert.ok(await page.locator('p.crumbs a').count(), 'a way back to the search');
  }
  await page.close();
});
