// Browser tests of every page (issue #4 §6): clean load, drawn charts with data, filters in the URL,
// reload and back/forward, the language switch, CSV downloads against the plotted data, the error
// panel with retry, and screenshots at 1280×800 and 375 px (saved under build/…/screenshots).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chartData, openPage, parseCsv, screenshot, startApp, tracePoints, waitReady } from './support.mjs';
import { chartTable } from '../../web/js/lib/charts.js';

const PAGES = ['overview', 'trends', 'seasonality', 'weekend', 'ratings', 'about'];
const ANALYSIS_PAGES = ['trends', 'seasonality', 'weekend', 'ratings'];
const en = JSON.parse(readFileSync(new URL('../../i18n/en.json', import.meta.url)));
const fr = JSON.parse(readFileSync(new URL('../../i18n/fr.json', import.meta.url)));
// Strings that are the same word in both languages (PNG, n, Version…) may stay equal after a switch.
const SAME_IN_BOTH = new Set(Object.keys(en).filter((k) => en[k] === fr[k]).map((k) => en[k]));

let app;
before(async () => { app = await startApp(); });
after(async () => { if (app) await app.close(); });

async function load(page, query) {
  await page.goto(`${app.baseUrl}/${query}`);
  await waitReady(page);
}

/** Text of the page that no raw dictionary key may appear in. */
async function assertNoRawKey(page) {
  const body = await page.evaluate(() => document.body.innerText);
  const raw = Object.keys(en).filter((key) => body.includes(key));
  assert.deepEqual(raw, [], 'raw i18n keys on screen');
  const placeholders = await page.$$eval('[data-i18n]', (els) => els.filter((e) => e.textContent === '—').map((e) => e.dataset.i18n));
  assert.deepEqual(placeholders, [], 'labels without a translation');
}

async function assertChartsDrawn(page, pageId) {
  const charts = await chartData(page);
  if (ANALYSIS_PAGES.includes(pageId)) assert.ok(charts.length >= 4, `${pageId}: ${charts.length} charts`);
  for (const chart of charts) {
    assert.ok(chart.drawn, `${pageId}/${chart.id} drawn`);
    assert.ok(chart.traces.length > 0, `${pageId}/${chart.id} has traces`);
    assert.ok(chart.traces.some((t) => tracePoints(t) > 0), `${pageId}/${chart.id} has data points`);
  }
  return charts;
}

async function checkCleanLoad(page, pageId) {
    assert.equal(await page.getAttribute('nav a[aria-current="page"]', 'data-page'), pageId);
    await assertChartsDrawn(page, pageId);
    await assertNoRawKey(page);
    if (ANALYSIS_PAGES.includes(pageId)) {
      const sections = await page.$$eval('section.analysis', (els) => els.map((s) => ({
        id: s.dataset.analysis,
        error: !!s.querySelector('.error-panel'),
        narrative: s.querySelectorAll('.narrative li').length,
      })));
      assert.ok(sections.length >= 4, `${pageId}: ${sections.length} analyses`);
      for (const s of sections) {
        assert.equal(s.error, false, `${s.id} failed`);
        assert.ok(s.narrative > 0, `${s.id} has a narrative`);
      }
      // Test rows show the statistic, p, effect size and n as numbers.
      const rows = await page.$$eval('table.tests tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
      for (const row of rows) {
        assert.match(row[1], /=\s*-?[\d.,\s]+|n\/a/, `statistic cell ${row}`);
        assert.match(row[2], /\d|<|n\/a/, `p cell ${row}`);
        assert.match(row[5], /^\d[\d,]*$/, `n cell ${row}`);
      }
    }
    if (pageId === 'overview') {
      assert.ok(await page.isVisible('[data-banner="synthetic"]'), 'synthetic banner');
      assert.ok((await page.$$('[data-kpi]')).length >= 8, 'KPI cards');
    }
    if (pageId === 'about') {
      assert.ok((await page.$$('[data-section="ingest-report"] tbody tr')).length >= 3, 'ingest report rows');
      assert.match(await page.textContent('[data-section="credits"]'), /Majumder.*EMNLP 2019/s);
    }
    await screenshot(page, `${pageId}-1280x800`);
}

async function checkWeekendOnRatings(page) {
  const weekend = await page.$$eval('section.analysis', (els) => els
    .filter((s) => /weekend/.test(s.dataset.analysis))
    .map((s) => ({ charts: s.querySelectorAll('.chart .main-svg').length, tests: s.querySelectorAll('table.tests tbody tr').length })));
  assert.equal(weekend.length, 1, 'one weekend-on-ratings analysis');
  assert.ok(weekend[0].charts > 0 && weekend[0].tests > 0, JSON.stringify(weekend));
}

/** At phone width (same tab, resized: Plotly redraws responsively) nothing overflows to the right. */
async function checkPhoneWidth(page, pageId) {
  await page.setViewportSize({ width: 375, height: 800 });
  try {
    await checkPhoneLayout(page, pageId);
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
}

async function checkPhoneLayout(page, pageId) {
  // Plotly resizes its charts on the window's resize event; wait until every plot fits.
  await page.waitForFunction(() => [...document.querySelectorAll('.chart .main-svg')]
    .every((svg) => svg.getBoundingClientRect().right <= window.innerWidth + 1));
  await assertChartsDrawn(page, pageId);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${pageId}: horizontal overflow ${overflow}px`);
  const wide = await page.$$eval('#page *', (els) => els
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap') && !e.closest('.chart'))
    .map((e) => `${e.tagName}.${e.className}`).slice(0, 5));
  assert.deepEqual(wide, [], `${pageId}: elements past the right edge`);
  assert.ok(await page.isVisible('#menu-toggle') && !(await page.isVisible('#nav')), 'menu collapsed behind its toggle');
  await page.click('#menu-toggle');
  assert.ok(await page.isVisible('#nav'), 'the toggle opens the menu');
  await page.click('#menu-toggle');
  await screenshot(page, `${pageId}-375`);
}

/** The x values and first trace's y of one chart. */
async function chartSeries(page, id) {
  const chart = (await chartData(page)).find((c) => c.id === id);
  assert.ok(chart, `chart ${id} present`);
  return { x: chart.traces[0].x, y: chart.traces[0].y };
}

test('a filter changes the data and the URL; reload restores it; back/forward switch views', async () => {
  const { page, problems } = await openPage(app.browser);
  await load(page, '?page=trends');
  const before = await chartSeries(page, 'volume_by_year');
  const years = before.x.map(Number);
  const from = Math.min(...years) + 3;
  const input = await page.$('input[name="year_from"]');
  await input.fill(String(from));
  await input.dispatchEvent('change');
  await waitReady(page);
  assert.equal(new URL(page.url()).searchParams.get('year_from'), String(from));
  const filtered = await chartSeries(page, 'volume_by_year');
  assert.notDeepEqual(filtered, before, 'data changed');
  assert.ok(filtered.x.map(Number).every((year) => year >= from), `years ${filtered.x}`);
  assert.equal(filtered.x.length, before.x.filter((year) => Number(year) >= from).length);

  await page.reload();
  await waitReady(page);
  assert.equal(await page.inputValue('input[name="year_from"]'), String(from));
  assert.deepEqual(await chartSeries(page, 'volume_by_year'), filtered, 'reload restores the view');

  await page.goBack();
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('year_from')
    && document.querySelector('#page').dataset.ready === 'true' && document.querySelector('#page').dataset.chartsPending === undefined && document.querySelector('input[name="year_from"]'));
  assert.deepEqual(await chartSeries(page, 'volume_by_year'), before, 'back restores the unfiltered view');
  await page.goForward();
  await page.waitForFunction((y) => new URL(location.href).searchParams.get('year_from') === y
    && document.querySelector('#page').dataset.ready === 'true' && document.querySelector('#page').dataset.chartsPending === undefined
    && document.querySelector('input[name="year_from"]')?.value === y, String(from));
  assert.deepEqual(await chartSeries(page, 'volume_by_year'), filtered, 'forward restores the filtered view');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a page drawn before comes back as it was, with no new request; a window resized meanwhile is caught up', async () => {
  const { page, problems } = await openPage(app.browser);
  await load(page, '?page=trends');
  const drawn = await chartData(page);
  assert.ok(drawn.length > 10 && drawn.every((chart) => chart.drawn), 'every trends chart drawn');
  const requests = [];
  page.on('request', (request) => { if (request.url().includes('/api/v1/analyses/')) requests.push(request.url()); });
  await page.click('nav a[data-page="overview"]');
  await waitReady(page);
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.click('nav a[data-page="trends"]');
  await waitReady(page);
  assert.equal(new URL(page.url()).searchParams.get('page'), 'trends');
  assert.deepEqual(requests.filter((url) => url.includes('/trends.')), [], 'the kept view asks for nothing');
  assert.deepEqual(await chartData(page), drawn, 'the same charts, drawn');
  // Plotly redraws each chart to its card's new width (it skipped them while they were out of the document).
  await page.waitForFunction(() => [...document.querySelectorAll('.chart')].every((el) => {
    const svg = el.querySelector('.main-svg');
    return svg && Math.abs(svg.getBoundingClientRect().width - el.getBoundingClientRect().width) <= 2;
  }), null, { timeout: 10000 });
  // A filter is a view not seen yet: fetched and drawn.
  const from = Math.min(...(await chartSeries(page, 'volume_by_year')).x.map(Number)) + 2;
  const input = await page.$('input[name="year_from"]');
  await input.fill(String(from));
  await input.dispatchEvent('change');
  await waitReady(page);
  assert.ok(requests.some((url) => url.includes('/trends.') && url.includes(`year_from=${from}`)), 'the new view is fetched');
  assert.deepEqual(problems, []);
  await page.close();
});

/** Every visible label of the page, in document order. */
function labels(page) {
  return page.$$eval([
    '[data-i18n]', 'nav a', '#lang-switch + *', 'h1', 'h2', 'h3', '.lead', '.filter > span', '.filter legend',
    '.filter label', 'option', '.card .label', 'th', '.chart-tools button', '.narrative li', '.question p',
    '#page button', '.banner', '.chart .xtitle', '.chart .ytitle', '.chart .legendtext',
  ].join(','), (els) => els.map((e) => e.textContent.trim()).filter((text) => text !== ''));
}

/** Strings at the same place of two JSON documents that are equal (the server's words that are the
 * same in both languages, e.g. "Q1", "Minutes"). */
function sameStrings(a, b, out = new Set()) {
  if (typeof a === 'string') { if (a === b) out.add(a.trim()); return out; }
  if (Array.isArray(a) && Array.isArray(b)) a.forEach((v, i) => sameStrings(v, b[i], out));
  else if (a && b && typeof a === 'object' && typeof b === 'object') for (const k of Object.keys(a)) sameStrings(a[k], b[k], out);
  if (a && typeof a === 'object' && typeof a.en === 'string' && a.en === a.fr) out.add(a.en.trim());
  return out;
}

async function serverSameWords(pageId) {
  const get = async (path) => (await fetch(`${app.baseUrl}${path}`)).json();
  const list = (await get('/api/v1/analyses')).analyses;
  const same = sameStrings(list, list);
  for (const a of list.filter((x) => x.page === pageId || (pageId === 'ratings' && x.id === 'weekend.ratings'))) {
    sameStrings(await get(`/api/v1/analyses/${a.id}?lang=en`), await get(`/api/v1/analyses/${a.id}?lang=fr`), same);
  }
  return same;
}

/** The About page lists the downloads after it is ready (their files are written on first request): wait for
 * the list, so both languages are compared on the whole page. */
async function downloadsListed(page, pageId) {
  if (pageId !== 'about') return;
  await page.waitForFunction(() => !!document.querySelector('[data-section="downloads"] table'), null, { timeout: 30000 });
}

async function checkLanguageSwitch(page, pageId) {
    await downloadsListed(page, pageId);
    const english = await labels(page);
    await page.click('#lang-switch button[data-lang="fr"]');
    await page.waitForFunction(() => document.documentElement.lang === 'fr' && document.querySelector('#page').dataset.ready === 'true' && document.querySelector('#page').dataset.chartsPending === undefined);
    await downloadsListed(page, pageId);
    assert.equal(new URL(page.url()).searchParams.get('lang'), 'fr');
    const french = await labels(page);
    assert.equal(french.length, english.length, 'same labels in both languages');
    const same = await serverSameWords(pageId);
    const unchanged = english.filter((text, i) => text === french[i] && !SAME_IN_BOTH.has(text) && !same.has(text)
      && !/^[\d\s.,%:()+−-]*$/.test(text));
    assert.deepEqual(unchanged, [], `${pageId}: labels left in English`);
    await assertNoRawKey(page);
}

/** The points a trace draws, as [column, value] pairs per point (the oracle for the CSV rows). */
function expectedPoints(trace) {
  if (trace.type === 'pie') return trace.labels.map((l, i) => [['x', l], ['y', trace.values[i]]]);
  if (trace.type === 'heatmap') return trace.z.flatMap((row, i) => row.map((z, j) => [['x', trace.x[j]], ['y', trace.y[i]], ['z', z]]));
  if (trace.type === 'box' && trace.q1) {
    return trace.q1.map((q1, i) => [['x', trace.x ? trace.x[i] : trace.name], ['q1', q1], ['median', trace.median[i]], ['q3', trace.q3[i]]]);
  }
  const n = Math.max(trace.x ? trace.x.length : 0, trace.y ? trace.y.length : 0);
  return Array.from({ length: n }, (_, i) => [['x', trace.x?.[i]], ['y', trace.y?.[i]]]);
}

/** A CSV cell holds value: integers exactly, other numbers to the 6 significant digits exports keep. */
function cellHolds(cell, value) {
  if (value === null || value === undefined) return cell === '';
  if (typeof value === 'number') return cell !== '' && Math.abs(Number(cell) - value) <= 5e-6 * Math.abs(value);
  return cell === String(value);
}

/** Click a download button and return the download; a click lost to Chromium's occasional silent
 * drop of a rapid repeated download is retried (the content is then checked in full anyway). */
async function clickDownload(page, button) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), button.click()]);
      return download;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

async function checkCsvDownloads(page, pageId) {
    const charts = await chartData(page);
    const boxes = await page.$$('figure.chart-box:has(.chart)');
    assert.equal(boxes.length, charts.length);
    for (let i = 0; i < boxes.length; i += 1) {
      const chart = charts[i];
      const button = await boxes[i].$('button[data-download="csv"]');
      const download = await clickDownload(page, button);
      assert.match(download.suggestedFilename(), /^[a-z0-9_.-]+\.csv$/);
      const [header, ...body] = parseCsv(readFileSync(await download.path(), 'utf8'));
      // Named columns (the chart's axis titles), in the order of the roles chartTable gives them.
      const roles = chartTable(chart).columns;
      assert.equal(header.length, roles.length, `${chart.id}: header ${header}`);
      assert.ok(['Series', 'Série'].includes(header[0]), `${chart.id}: header ${header}`);
      assert.ok(!header.includes('x') || !(chart.layout?.xaxis?.title), `${chart.id}: an x axis with a title names its column`);
      const col = (name) => roles.indexOf(name);
      let expected = 0;
      let row = 0;
      // Rows come trace by trace, point by point, in drawing order.
      for (const [index, trace] of chart.traces.entries()) {
        const series = trace.name ?? `trace ${index + 1}`;
        for (const point of expectedPoints(trace)) {
          expected += 1;
          const cells = body[row++] || [];
          assert.equal(cells[0], series, `${pageId}/${chart.id} row ${row}: series`);
          for (const [name, value] of point) {
            assert.ok(col(name) >= 0, `${pageId}/${chart.id}: no ${name} column`);
            assert.ok(cellHolds(cells[col(name)], value), `${pageId}/${chart.id} row ${row}: ${name} = ${cells[col(name)]}, plotted ${value}`);
          }
        }
      }
      assert.ok(expected > 0, `${chart.id}: plotted points`);
      assert.equal(body.length, expected, `${pageId}/${chart.id}: CSV rows = plotted points`);
    }
}

// One load per page serves every check (page loads are the slow part on a busy machine); the language
// switch comes last because it changes the page.
for (const pageId of PAGES) {
  test(`${pageId} page`, async (t) => {
    const { page, problems } = await openPage(app.browser);
    await load(page, `?page=${pageId}`);
    await t.test('loads cleanly at 1280×800, every chart drawn with data, screenshot saved', () => checkCleanLoad(page, pageId));
    if (pageId === 'ratings') await t.test('shows the weekend-on-ratings analysis with charts and tests', () => checkWeekendOnRatings(page));
    if (ANALYSIS_PAGES.includes(pageId)) await t.test('every CSV download holds exactly the chart\'s data', () => checkCsvDownloads(page, pageId));
    await t.test('no horizontal overflow at 375 px, screenshot saved', () => checkPhoneWidth(page, pageId));
    await t.test('the language switch changes every label', () => checkLanguageSwitch(page, pageId));
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('charts off the first screen are drawn after the page is ready; a PNG download draws its chart first', async () => {
  // 300 px high: the heading and the filter bar fill the first screen, so no chart is on it. Plotly is held
  // back, so no chart can be drawn before the page is ready.
  const { page, problems } = await openPage(app.browser, { width: 1280, height: 300 });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/assets/vendor/plotly-cartesian.min.js', async (route) => { await held; await route.continue(); });
  await page.goto(`${app.baseUrl}/?page=trends`);
  await page.waitForSelector('#page[data-ready="true"]');
  const charts = await page.$$eval('.chart', (els) => els.length);
  assert.ok(charts > 1, `${charts} charts`);
  assert.equal(await page.getAttribute('#page', 'data-charts-pending'), String(charts));
  assert.equal(await page.$$eval('.chart .main-svg', (els) => els.length), 0);
  // Once Plotly runs, the charts are drawn one at a time from the top: the last one is still waiting when
  // its PNG is asked for (a download long after the click would lose the click's user activation).
  release();
  await page.waitForFunction(() => !!globalThis.Plotly);
  const boxes = await page.$$('figure.chart-box:has(.chart)');
  assert.equal(await boxes.at(-1).$('.main-svg'), null, 'the last chart is not drawn yet');
  const button = await boxes.at(-1).$('button[data-download="png"]');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), button.click()]);
  assert.match(download.suggestedFilename(), /^[a-z0-9_.-]+\.png$/);
  await waitReady(page);
  assert.deepEqual(await page.$$eval('.chart', (els) => els.filter((e) => !e.querySelector('.main-svg')).map((e) => e.dataset.chart)), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a failed API call shows an error panel whose Retry recovers', async () => {
  const { page } = await openPage(app.browser);
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.route('**/api/v1/summary*', (route) => route.fulfill({
    status: 503, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Service Unavailable', detail: 'test outage' }),
  }));
  await page.goto(`${app.baseUrl}/?page=overview`);
  await page.waitForSelector('#page[data-ready="error"] .error-panel');
  assert.equal(await page.textContent('.error-panel h2'), en['error.title']);
  assert.match(await page.textContent('.error-panel .detail'), /test outage/);
  await page.unroute('**/api/v1/summary*');
  await page.click('.error-panel button');
  await waitReady(page);
  assert.ok((await page.$$('[data-kpi]')).length >= 8, 'KPIs after retry');

  // One analysis failing: its section shows the panel, the others render; Retry redraws it.
  let failing = true;
  await page.route('**/api/v1/analyses/*', (route) => {
    if (failing && /\/analyses\/trends\.volume/.test(route.request().url())) return route.abort('failed');
    return route.continue();
  });
  await page.goto(`${app.baseUrl}/?page=trends&lang=fr`);
  await waitReady(page);
  const failed = await page.$$eval('section.analysis .error-panel', (els) => els.map((e) => e.closest('section').dataset.analysis));
  assert.deepEqual(failed, ['trends.volume']);
  assert.equal(await page.textContent('section.analysis .error-panel button'), fr['error.retry']);
  failing = false;
  await page.click('section.analysis .error-panel button');
  await waitReady(page);
  assert.equal((await page.$$('section.analysis .error-panel')).length, 0);
  await assertChartsDrawn(page, 'trends');
  assert.deepEqual(errors, []);
  await page.close();
});
