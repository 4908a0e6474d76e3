// Shared set-up of the browser tests: a small generated database, the built binary serving it on a
// free port, and Debian's Chromium driven by playwright-core with a fresh profile.
// Environment: MTM_BINARY (path of mangetamain), MTM_E2E_OUT (build directory; screenshots go to
// its screenshots/ folder).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const binary = process.env.MTM_BINARY || 'build/release/mangetamain';
export const screenshotDir = join(process.env.MTM_E2E_OUT || 'build', 'screenshots');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Start `mangetamain serve` on a free port; resolves {process, baseUrl} once it prints its address. */
export function startServer(db, extraArgs = [], timeoutMs = 20000, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    // One browser walks every page in seconds and downloads every chart's CSV, each a usage event from one
    // address: far more than a reader's budget, so the events limits are raised here (their own tests check them).
    const env = { ...process.env, MANGETAMAIN_EVENTS_BURST: '100000', MANGETAMAIN_EVENTS_RATE_PER_MINUTE: '100000',
      MANGETAMAIN_EVENTS_GLOBAL_BURST: '1000000', MANGETAMAIN_EVENTS_GLOBAL_RATE_PER_MINUTE: '1000000', ...extraEnv };
    const child = spawn(binary, ['serve', '--db', db, '--port', '0', '--no-access-log', ...extraArgs],
      { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), timeoutMs);
    const onExit = (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${out}`)); };
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/[0-9.]+:\d+)\//);
      if (m) {
        clearTimeout(timer);
        child.removeListener('exit', onExit);
        resolve({ process: child, baseUrl: m[1] });
      }
    });
    child.stderr.on('data', (chunk) => { out += chunk; });
    child.on('exit', onExit);
  });
}

/** Stop a server of startServer and wait until it has exited (SIGKILL after timeoutMs), so that a directory it
 * writes in (its exports, its logs) can be removed without racing its last files (ENOTEMPTY). */
export function stopServer(server, timeoutMs = 10000) {
  const child = server.process;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Launch Chromium with a fresh --user-data-dir (a persistent context on a new directory). */
export function launchBrowser(profileDir, options = {}) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
}

/** Generate + ingest a small database, serve it, open a browser. close() undoes everything. */
export async function startApp({ scale = '0.01', browserOptions = {}, env = {} } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'mtm-e2e-'));
  const db = join(work, 'e2e.duckdb');
  execFileSync(binary, ['generate', '--out', join(work, 'raw'), '--scale', scale], { stdio: 'pipe' });
  execFileSync(binary, ['ingest', '--raw-dir', join(work, 'raw'), '--db', db], { stdio: 'pipe' });
  const server = await startServer(db, [], 20000, env);
  const browser = await launchBrowser(join(work, 'profile'), browserOptions);
  return {
    baseUrl: server.baseUrl,
    browser,
    async close() {
      await browser.close();
      await stopServer(server);
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** A new tab that records console errors, page errors, failed requests and HTTP errors. */
export async function openPage(browser, viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('response', (res) => { if (res.status() >= 400) problems.push(`http ${res.status()}: ${res.url()}`); });
  return { page, problems };
}

/** Wait until the page module has rendered and every chart has been drawn (those below the first screen are
 * drawn after the page is ready: data-charts-pending counts them down). */
export async function waitReady(page, timeout = 30000) {
  await page.waitForSelector('#page[data-ready="true"]:not([data-charts-pending])', { timeout });
}

/** Save a full-page screenshot under screenshotDir. */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** The plotted data of every chart on the page: [{id, traces: [{name, type, x, y, z, labels, values, r, theta}]}].
 * Strings read as the user sees them: Plotly is given data with <, > and & escaped (charts.js plotlyText) and
 * shows the entities as those characters. */
export function chartData(page) {
  return page.$$eval('.chart', (els) => els.map((el) => ({
    id: el.dataset.chart,
    traces: (el.data || []).map((t) => {
      const shown = (v) => (typeof v === 'string' ? v.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') : v);
      const arr = (v) => (v === undefined || v === null ? null : Array.from(v, shown));
      return { name: shown(t.name) ?? null, type: t.type ?? 'scatter', x: arr(t.x), y: arr(t.y), z: arr(t.z),
        labels: arr(t.labels), values: arr(t.values), r: arr(t.r), theta: arr(t.theta), q1: arr(t.q1),
        median: arr(t.median), q3: arr(t.q3), lowerfence: arr(t.lowerfence) ?? undefined, upperfence: arr(t.upperfence) ?? undefined,
        mean: arr(t.mean) ?? undefined, sd: arr(t.sd) ?? undefined,
        error_y: t.error_y && t.error_y.array ? { array: Array.from(t.error_y.array) } : undefined };
    }),
    layout: { xaxis: { title: el.layout?.xaxis?.title?.text ?? null }, yaxis: { title: el.layout?.yaxis?.title?.text ?? null } },
    drawn: !!el.querySelector('.main-svg'),
  })));
}

/** Number of data points a trace carries, whatever its type. */
export function tracePoints(trace) {
  return Math.max(...['x', 'y', 'z', 'labels', 'values', 'r', 'q1'].map((k) => (trace[k] ? trace[k].length : 0)));
}

/** Parse RFC 4180 CSV text into rows of strings. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 1; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r') continue;
    else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
