// Web performance of issue #4 §7 on a (full-scale) database: page render in headless Chromium (cold and
// page switches), API latency uncached and cached, wrk throughput on cached endpoints, server RSS.
// Usage: node bench/web_bench.mjs --binary build/release/mangetamain --db build/bench/bench.duckdb
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, startServer } from '../tests/e2e/support.mjs';

const { values: args } = parseArgs({
  options: {
    binary: { type: 'string', default: 'build/release/mangetamain' },
    db: { type: 'string', default: 'build/bench/bench.duckdb' },
    'wrk-seconds': { type: 'string', default: '8' },
  },
});
process.env.MTM_BINARY = args.binary;

const PAGES = ['overview', 'trends', 'seasonality', 'weekend', 'ratings', 'about'];

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;  // type 7, like the rest of the project
  const lo = Math.floor(pos);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (pos - lo);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** GET a path; resolves {ms, status, bytes} with the time to the last byte. */
function get(baseUrl, path) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    http.get(`${baseUrl}${path}`, { agent, headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk) => { bytes += chunk.length; });
      res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, status: res.statusCode, bytes,
        cache: res.headers['x-cache'] }));
    }).on('error', reject);
  });
}

async function getJson(baseUrl, path) {
  const res = await fetch(`${baseUrl}${path}`);
  return res.json();
}

/** Parameter sets per analysis that the pages never request (k starts at 1: k = 0 is the default the pages
 * use), so each is a cache miss; the X-Cache header of each answer is checked anyway. */
function variants(analysis) {
  const names = (analysis.filters || []).map((f) => f.name);
  const spec = (name) => analysis.filters.find((f) => f.name === name);
  const out = [];
  for (const lang of ['en', 'fr']) {
    if (names.includes('year_to')) {
      const max = Number(spec('year_to').default);
      for (let k = 1; k <= 4; k += 1) out.push({ lang, year_to: String(max - k) });
    } else if (names.includes('min_interactions')) {
      const base = Number(spec('min_interactions').default);
      for (let k = 1; k <= 4; k += 1) out.push({ lang, min_interactions: String(base + 10 * k) });
    } else {
      out.push({ lang });
    }
  }
  return out;
}

function pathFor(id, params) {
  return `/api/v1/analyses/${id}?${new URLSearchParams(params).toString()}`;
}

/** Installed in every page before its scripts: watch(t0) resolves {ready, complete} in ms from t0, each plus
 * one frame: ready when the page module has rendered with its first screen of charts drawn (its first
 * mtm:page-ready mark after t0), complete when no chart is left to draw (the others are drawn near the viewport
 * or when the browser is idle; data-charts-pending counts them down). __mtmCold watches the first load from
 * navigation start. */
function pageMarks() {
  const watch = (t0, target) => new Promise((resolve) => {
    const out = {};
    let readySeen = false;
    let completeSeen = false;
    const frame = (key) => requestAnimationFrame(() => {
      out[key] = performance.now() - t0;
      if (out.ready !== undefined && out.complete !== undefined) resolve(out);
    });
    const check = () => {
      const el = document.getElementById('page');
      if (!el) return;
      if (!readySeen && performance.getEntriesByName('mtm:page-ready').some((mark) => mark.startTime >= t0)) {
        readySeen = true;
        frame('ready');
      }
      if (readySeen && !completeSeen && el.dataset.chartsPending === undefined) {
        completeSeen = true;
        frame('complete');
        observer.disconnect();
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(target, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready', 'data-charts-pending'] });
    check();
  });
  globalThis.__mtmMarks = (t0) => watch(t0, document.getElementById('page'));
  globalThis.__mtmCold = watch(0, document);
}

/** Time from a nav click to the page's ready and complete marks. A page already drawn in this tab is put
 * back as it was (app.js keeps the last views), which the warm tours measure. */
function switchTo(page, target) {
  return page.evaluate((pageId) => {
    const t0 = performance.now();
    const marks = globalThis.__mtmMarks(t0);
    document.querySelector(`nav a[data-page="${pageId}"]`).click();
    return marks.then(({ ready, complete }) => ({ ready, complete }));
  }, target);
}

/** Cold load of a URL in a brand-new browser profile: ms from navigation start to the ready and complete marks. */
async function coldLoad(url) {
  const profile = mkdtempSync(join(tmpdir(), 'mtm-bench-profile-'));
  const browser = await launchBrowser(profile);
  try {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.addInitScript(pageMarks);
    await page.goto(url);
    const { ready, complete } = await page.evaluate(() => globalThis.__mtmCold);
    return { ready, complete };
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The floor of any cold page with a chart: Plotly's cartesian bundle run once on a blank page of a brand-new
 * profile (fetched from the server, compiled, run: ms from inserting its script to its load event). */
async function plotlyFirstRun(base) {
  const profile = mkdtempSync(join(tmpdir(), 'mtm-bench-profile-'));
  const browser = await launchBrowser(profile);
  try {
    const page = await browser.newPage();
    // A blank document of the server's origin (the assets are same-origin resources), served by the browser.
    await page.route(`${base}/blank`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
    await page.goto(`${base}/blank`);
    return await page.evaluate((src) => new Promise((resolve, reject) => {
      const script = document.createElement('script');
      const t0 = performance.now();
      script.onload = () => resolve(performance.now() - t0);
      script.onerror = () => reject(new Error(`${src} not loaded`));
      script.src = src;
      document.head.appendChild(script);
    }), `${base}/assets/vendor/plotly-cartesian.min.js`);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

function rss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number((status.match(new RegExp(`${key}:\\s+(\\d+)`)) || [])[1] || 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

function wrk(url, seconds) {
  const out = execFileSync('wrk', ['-t2', '-c64', `-d${seconds}s`, '-H', 'Accept-Encoding: gzip', url], { encoding: 'utf8' });
  const rps = Number((out.match(/Requests\/sec:\s+([\d.]+)/) || [])[1]);
  const non2xx = Number((out.match(/Non-2xx or 3xx responses:\s+(\d+)/) || [0, 0])[1]);
  const socket = out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const socketErrors = socket ? socket.slice(1).map(Number).reduce((a, b) => a + b, 0) : 0;
  return { rps, errors: non2xx + socketErrors };
}

const fmt = (v, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');
const lines = [];
function row(what, value, target) {
  lines.push(`${what.padEnd(52)} ${value.padStart(14)}   target ${target}`);
}

// The server listens once the explorer index is built and the analysis data preloaded: time that too.
const startedAt = process.hrtime.bigint();
const server = await startServer(args.db, [], 180000);
const startMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
const memoryAtStart = rss(server.process.pid);
const base = server.baseUrl;
try {
  // 1. Cold trends page: fresh browser profile, fresh server (nothing cached), then fresh profile again
  //    with the server's cache warm (the usual first visit of a user).
  const coldServer = await coldLoad(`${base}/?page=trends`);
  const coldBrowser = await coldLoad(`${base}/?page=trends`);

  // 1b. Every page, cold (new profile each time, server cache warm after the first): median of 5 loads.
  const coldPages = [];
  for (const pageId of [...PAGES, 'search', 'pantry']) {
    const loads = [];
    for (let i = 0; i < 5; i += 1) loads.push(await coldLoad(`${base}/?page=${pageId}`));
    coldPages.push([pageId, loads]);
  }

  const plotlyRuns = [];
  for (let i = 0; i < 3; i += 1) plotlyRuns.push(await plotlyFirstRun(base));

  // 2. Page switches in one tab: a first tour (pages not visited yet: their analyses are computed) and
  //    a second tour (server cache warm, the usual case).
  const profile = mkdtempSync(join(tmpdir(), 'mtm-bench-profile-'));
  const browser = await launchBrowser(profile);
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.addInitScript(pageMarks);
  await page.goto(`${base}/?page=overview`);
  await page.waitForSelector('#page[data-ready="true"]:not([data-charts-pending])', { timeout: 60000 });
  const tour = [...PAGES.slice(1), PAGES[0]];
  const firstTour = [];
  for (const target of tour) firstTour.push(await switchTo(page, target));
  const warmTour = [];
  for (let round = 0; round < 3; round += 1) for (const target of tour) warmTour.push(await switchTo(page, target));
  const trendsSwitch = warmTour.filter((_, i) => tour[i % tour.length] === 'trends');
  await browser.close();
  rmSync(profile, { recursive: true, force: true });

  // 3. API latency, uncached: every analysis with parameter sets not requested before.
  const list = (await getJson(base, '/api/v1/analyses')).analyses;
  const uncached = [];
  const slowest = [];
  let uncachedHits = 0;
  for (const analysis of list) {
    const times = [];
    for (const params of variants(analysis)) {
      const r = await get(base, pathFor(analysis.id, params));
      if (r.status !== 200) throw new Error(`${analysis.id} ${JSON.stringify(params)}: HTTP ${r.status}`);
      // Only answers the server computed count as uncached.
      if (r.cache === 'hit') uncachedHits += 1;
      else times.push(r.ms);
    }
    uncached.push(...times);
    slowest.push([analysis.id, quantile(times, 0.5), Math.max(...times)]);
  }

  // 4. API latency, cached: the default view of every analysis, 20 rounds.
  const cached = [];
  let cachedMisses = 0;
  for (let round = 0; round < 20; round += 1) {
    for (const analysis of list) {
      const r = await get(base, pathFor(analysis.id, { lang: 'en' }));
      if (r.cache === 'hit') cached.push(r.ms);
      else cachedMisses += 1;
    }
  }

  // 5. Throughput on cached endpoints.
  const seconds = Number(args['wrk-seconds']);
  const wrkAnalysis = wrk(`${base}${pathFor('trends.duration', { lang: 'en' })}`, seconds);
  const wrkSummary = wrk(`${base}/api/v1/summary`, seconds);
  const memory = rss(server.process.pid);

  lines.push(`web (server: ${base}, db: ${args.db}, ${list.length} analyses, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`);
  row('server start to listening (explorer index + analysis preload)', `${fmt(startMs / 1000, 2)} s`, '(no target)');
  const both = (m) => `${fmt(m.ready, 0)} / ${fmt(m.complete, 0)} ms`;
  const median = (list, key) => quantile(list.map((m) => m[key]), 0.5);
  const max = (list, key) => Math.max(...list.map((m) => m[key]));
  lines.push('page times: first screen drawn (ready) / every chart drawn (complete)');
  row('trends page cold (new profile, server cache cold)', both(coldServer), '<= 1000 ms');
  row('trends page cold (new profile, server cache warm)', both(coldBrowser), '<= 1000 ms');
  for (const [pageId, loads] of coldPages) {
    row(`${pageId} page cold, median of 5 (new profile each): ready / complete`,
      `${fmt(median(loads, 'ready'), 0)} / ${fmt(median(loads, 'complete'), 0)} ms`, '<= 800 / <= 1500 ms');
  }
  row('Plotly cartesian bundle, first run on a blank page (median of 3)', `${fmt(quantile(plotlyRuns, 0.5), 0)} ms`, '(floor of a cold page with charts)');
  row('page switch, first visit: median ready / complete', `${fmt(median(firstTour, 'ready'), 0)} / ${fmt(median(firstTour, 'complete'), 0)} ms`, '<= 300 ms');
  row('page switch, first visit: max ready / complete', `${fmt(max(firstTour, 'ready'), 0)} / ${fmt(max(firstTour, 'complete'), 0)} ms`, '<= 300 ms');
  row('page switch, warm: median ready / complete', `${fmt(median(warmTour, 'ready'), 0)} / ${fmt(median(warmTour, 'complete'), 0)} ms`, '<= 300 ms');
  row('page switch, warm: max ready / complete', `${fmt(max(warmTour, 'ready'), 0)} / ${fmt(max(warmTour, 'complete'), 0)} ms`, '<= 300 ms');
  row('switch to trends, warm: median ready / complete', `${fmt(median(trendsSwitch, 'ready'), 0)} / ${fmt(median(trendsSwitch, 'complete'), 0)} ms`, '<= 300 ms');
  row(`API uncached p50 / p95 (${uncached.length} misses, ${uncachedHits} hits left out)`, `${fmt(quantile(uncached, 0.5))} / ${fmt(quantile(uncached, 0.95))} ms`, 'p95 <= 25 ms');
  row(`API cached p50 / p95 (${cached.length} hits, ${cachedMisses} misses left out)`, `${fmt(quantile(cached, 0.5), 2)} / ${fmt(quantile(cached, 0.95), 2)} ms`, 'p95 <= 2 ms');
  row('wrk cached analysis (64 conn): req/s, errors', `${fmt(wrkAnalysis.rps, 0)} / ${wrkAnalysis.errors}`, '>= 10000 req/s, 0 errors');
  row('wrk cached summary (64 conn): req/s, errors', `${fmt(wrkSummary.rps, 0)} / ${wrkSummary.errors}`, '>= 10000 req/s, 0 errors');
  row('server RSS after start (listening)', `${fmt(memoryAtStart.rss, 0)} MB`, '<= 300 MB');
  row('server RSS after the load / peak', `${fmt(memory.rss, 0)} / ${fmt(memory.hwm, 0)} MB`, '<= 300 MB');
  slowest.sort((a, b) => b[2] - a[2]);
  lines.push(`slowest uncached analyses (median / max ms): ${slowest.slice(0, 5).map(([id, p50, max]) => `${id} ${fmt(p50)}/${fmt(max)}`).join(', ')}`);
  console.log(lines.join('\n'));
} finally {
  agent.destroy();
  server.process.kill('SIGTERM');
}
