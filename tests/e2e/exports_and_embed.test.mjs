// Charts that stand alone (issue #18): labels that do not mislead (defect 8), exports an analyst can use as they
// come (defect 9: named CSV columns, rounded numbers, file names with the filters, a PNG with its title, filters,
// source, date and synthetic label), the dot plots that replaced the radars (and with them the full Plotly bundle),
// and a way to share, embed and fetch each chart from the API.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openPage, parseCsv, startApp, waitReady } from './support.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const ANALYSIS_PAGES = ['trends', 'seasonality', 'weekend', 'ratings'];
const CARTESIAN = new Set(['bar', 'box', 'heatmap', 'histogram', 'pie', 'scatter']);

async function apiJson(path) {
  const response = await fetch(`${app.baseUrl}${path}`);
  assert.equal(response.status, 200, path);
  return response.json();
}

test('no two charts of a page share a title, in either language', async () => {
  const { page, problems } = await openPage(app.browser);
  for (const lang of ['en', 'fr']) {
    for (const pageId of ANALYSIS_PAGES) {
      await page.goto(`${app.baseUrl}/?page=${pageId}&lang=${lang}`);
      await waitReady(page);
      const titles = await page.$$eval('figure.chart-box .chart-head h3', (els) => els.map((el) => el.textContent));
      assert.ok(titles.length > 3, pageId);
      const repeated = titles.filter((title, i) => titles.indexOf(title) !== i);
      assert.deepEqual(repeated, [], `${pageId} (${lang}): repeated chart titles`);
    }
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('the Weekend cards say what their averages are, and the averages add up to the total', async () => {
  const result = await apiJson('/api/v1/analyses/weekend.volume?lang=en');
  const french = await apiJson('/api/v1/analyses/weekend.volume?lang=fr');
  const metric = (r, id) => r.metrics.find((m) => m.id === id);
  const weekday = metric(result, 'weekday_per_day');
  const weekend = metric(result, 'weekend_per_day');
  // An average weekday's total over all years, not one calendar day's: five of them and two weekend days make the total.
  assert.ok(Math.abs(5 * weekday.value + 2 * weekend.value - metric(result, 'total').value) < 1e-6 * metric(result, 'total').value);
  assert.match(weekday.label.text, /^Recipes on an average weekday \(all years\)$/);
  assert.match(metric(french, 'weekend_per_day').label.text, /^Recettes d’un jour de week-end moyen \(toutes années\)$/);
  assert.match(weekday.help.text, /\(here 5 days\): .*not of one calendar day/);
  assert.match(metric(french, 'weekday_per_day').help.text, /\(ici 5 jours\)/);
});

test('the mean ratings are dot plots, every chart is cartesian, and no page loads the full Plotly bundle', async () => {
  const list = (await apiJson('/api/v1/analyses')).analyses;
  for (const { id } of list) {
    for (const chart of (await apiJson(`/api/v1/analyses/${id}`)).charts) {
      for (const trace of chart.traces) assert.ok(CARTESIAN.has(trace.type ?? 'scatter'), `${id}/${chart.id}: ${trace.type}`);
    }
  }
  for (const [id, chartId] of [['ratings.seasonal_variations', 'mean_dots'], ['weekend.ratings', 'day_mean_dots']]) {
    const chart = (await apiJson(`/api/v1/analyses/${id}`)).charts.find((c) => c.id === chartId);
    assert.ok(chart, `${id}/${chartId}`);
    const [dots] = chart.traces;
    assert.equal(dots.mode, 'markers');
    assert.equal(dots.x.length, dots.y.length);
    assert.equal(dots.error_x.array.length, dots.x.length);
  }
  const { page, problems } = await openPage(app.browser);
  const scripts = [];
  page.on('request', (request) => { if (request.url().includes('/assets/vendor/')) scripts.push(new URL(request.url()).pathname); });
  for (const pageId of ['weekend', 'ratings']) {
    await page.goto(`${app.baseUrl}/?page=${pageId}`);
    await waitReady(page);
    await page.waitForFunction(() => document.querySelectorAll('.chart .main-svg').length > 3);
  }
  assert.ok(scripts.includes('/assets/vendor/plotly-cartesian.min.js'));
  // Besides the cartesian Plotly bundle, the only vendor script is the catalogs' ICU message formatter.
  assert.deepEqual(scripts.filter((path) => path !== '/assets/vendor/plotly-cartesian.min.js' && path !== '/assets/vendor/intl-messageformat.js'), []);
  assert.deepEqual(problems, []);
  await page.close();
});

const MOVERS = '#chart-trends-ingredients-movers_by_year';

test('a chart\'s CSV names its columns as the chart does, rounds its numbers and names its filters', async () => {
  const { page, problems } = await openPage(app.browser);
  for (const [lang, header] of [['en', ['Series', 'Year', 'Share of recipes']], ['fr', ['Série', 'Année', 'Part des recettes']]]) {
    await page.goto(`${app.baseUrl}/?page=trends&lang=${lang}&year_from=2003&year_to=2015`);
    await waitReady(page);
    const box = page.locator(MOVERS);
    const [download] = await Promise.all([page.waitForEvent('download'), box.locator('button[data-download="csv"]').click()]);
    assert.equal(download.suggestedFilename(), 'trends-ingredients_movers_by_year_year_from-2003_year_to-2015.csv');
    const [head, ...rows] = parseCsv(readFileSync(await download.path(), 'utf8')).filter((r) => r.length > 1);
    assert.deepEqual(head, header);
    assert.ok(rows.length > 10);
    const years = new Set(rows.map((r) => Number(r[1])));
    assert.deepEqual([Math.min(...years), Math.max(...years)], [2003, 2015]);
    for (const [, , share] of rows) {
      const digits = share.replace(/^-?0?\.?0*/, '').replace('.', '').replace(/e.*$/, '');
      assert.ok(digits.length <= 6, `${share}: at most 6 significant digits`);
    }
    // The data table shows the same rows under the same headers.
    await box.locator('button[data-show-data]').click();
    assert.deepEqual(await box.locator('.chart-data thead th').allInnerTexts(), header);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('a chart\'s PNG carries its title, the filters, the source and dates, and the synthetic label', async () => {
  const { page, problems } = await openPage(app.browser);
  await page.goto(`${app.baseUrl}/?page=trends&year_from=2003`);
  await waitReady(page);
  const meta = await apiJson('/api/v1/meta');
  const box = page.locator(MOVERS);
  await box.scrollIntoViewIfNeeded();
  await page.waitForFunction((sel) => document.querySelector(`${sel} .main-svg`), MOVERS);
  // The figure handed to Plotly's image export, as it is exported.
  await page.evaluate(() => {
    const toImage = globalThis.Plotly.toImage;
    globalThis.Plotly.toImage = (figure, options) => {
      globalThis.exported = { layout: figure.layout, options };
      return toImage(figure, options);
    };
  });
  const [download] = await Promise.all([page.waitForEvent('download'), box.locator('button[data-download="png"]').click()]);
  assert.equal(download.suggestedFilename(), 'trends-ingredients_movers_by_year_year_from-2003.png');
  const png = readFileSync(await download.path());
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  const { layout, options } = await page.evaluate(() => globalThis.exported);
  assert.equal(options.format, 'png');
  assert.equal(layout.title.text, await box.locator('h3').innerText());
  const footnote = layout.annotations.at(-1).text;
  assert.match(footnote, /Filters: From year: 2003/);
  assert.match(footnote, /Food\.com/);
  assert.ok(footnote.includes(`data of ${meta.data_date}`), footnote);
  assert.match(footnote, /exported \d{4}-\d\d-\d\d/);
  assert.equal(meta.is_synthetic, true);
  assert.match(footnote, /Synthetic demo data/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('each chart links to itself, to a chart-only view for embedding, and to its numbers in the API', async () => {
  const { page, problems } = await openPage(app.browser);
  await page.goto(`${app.baseUrl}/?page=trends&lang=fr&year_from=2003`);
  await waitReady(page);
  const box = page.locator(MOVERS);
  await box.locator('.chart-share summary').click();
  const href = async (kind) => box.locator(`a[data-link="${kind}"]`).getAttribute('href');
  const link = await href('page');
  assert.equal(link, `${app.baseUrl}/?page=trends&lang=fr&year_from=2003#chart-trends-ingredients-movers_by_year`);
  const api = await (await fetch(await href('api'))).json();
  assert.ok(api.charts.some((c) => c.id === 'movers_by_year'));
  assert.equal(api.filters.year_from, 2003);
  const openapi = await (await fetch(await href('openapi'))).json();
  assert.ok(openapi.paths['/api/v1/analyses/{id}']);
  const embed = await href('embed');
  assert.ok((await box.locator('.embed-code').inputValue()).startsWith(`<iframe src="${embed.replace(/&/g, '&amp;')}" title="`));

  // The chart-only view: no sidebar nor footer, one chart, what it shows and a way back to the whole page.
  await page.goto(embed);
  await waitReady(page);
  assert.equal(await page.locator('figure.chart-box').count(), 1);
  assert.equal(await page.locator('#sidebar').isVisible(), false);
  assert.equal(await page.locator('#footer').isVisible(), false);
  assert.equal(await page.locator('figure.chart-box h3').innerText(), await (async () => {
    const result = await apiJson('/api/v1/analyses/trends.ingredients?lang=fr&year_from=2003');
    return result.charts.find((c) => c.id === 'movers_by_year').title.text;
  })());
  await page.waitForSelector(`${MOVERS} .main-svg`);
  const note = page.locator('[data-embed-note]');
  assert.match(await note.innerText(), /Filtres : De l’année : 2003/);
  assert.equal(await note.locator('a').getAttribute('href'), link);

  // The link opens the page at that chart.
  await page.goto(link);
  await waitReady(page);
  await page.waitForFunction((sel) => {
    const r = document.querySelector(sel).getBoundingClientRect();
    return r.top >= -5 && r.top < window.innerHeight / 2;
  }, MOVERS);
  const unknown = await openPage(app.browser);
  await unknown.page.goto(`${app.baseUrl}/?page=trends&embed=1&chart=trends.volume/nothing_here`);
  await waitReady(unknown.page);
  assert.equal(await unknown.page.locator('h1').innerText(), 'Chart not found');
  assert.deepEqual([...problems, ...unknown.problems], []);
  await unknown.page.close();
  await page.close();
});
