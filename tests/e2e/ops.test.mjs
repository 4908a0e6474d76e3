// Browser test of the operations side: the Content-Security-Policy (no external origin) lets the UI and
// Plotly work without one violation, and the UI's usage events reach {env}_user_interactions_DATE.log.
// Environment: MTM_BINARY (path of mangetamain).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary, startServer, stopServer, launchBrowser, openPage } from './support.mjs';

let work;
let server;
let baseUrl;
let browser;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'mtm-e2e-ops-'));
  execFileSync(binary, ['generate', '--out', join(work, 'raw'), '--scale', '0.01'], { stdio: 'pipe' });
  execFileSync(binary, ['ingest', '--raw-dir', join(work, 'raw'), '--db', join(work, 'e2e.duckdb')], { stdio: 'pipe' });
  server = await startServer(join(work, 'e2e.duckdb'),
    ['--env', 'preprod', '--log-dir', join(work, 'logs'), '--log-level', 'warn']);
  baseUrl = server.baseUrl;
  browser = await launchBrowser(join(work, 'profile'));
});

after(async () => {
  if (browser) await browser.close();
  if (server) await stopServer(server);
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Lines of the interactions log, parsed; waits for at least `count` (the writer is asynchronous). */
async function interactions(count) {
  const dir = join(work, 'logs');
  for (let i = 0; i < 100; i++) {
    const file = existsSync(dir) && readdirSync(dir).find((f) => f.startsWith('preprod_user_interactions_'));
    const lines = file ? readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
    if (lines.length >= count) return lines;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

test('the CSP allows the UI and Plotly, and user actions are logged as events', async () => {
  const { page, problems } = await openPage(browser);

  const response = await page.goto(`${baseUrl}/?page=trends`);
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /https?:/, 'no external origin');
  await page.waitForSelector('section.analysis .chart .main-svg', { timeout: 30000 });
  // Plotly drew inside the policy: its SVG has content and its inline styles applied.
  assert.ok(await page.$$eval('.chart .main-svg', (els) => els.length > 0));

  const input = await page.$('input[name="year_from"]');
  await input.fill('2004');
  await input.dispatchEvent('change');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('year_from') === '2004');
  await page.click('#lang-switch button[data-lang="fr"]');
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  await page.click('nav a[data-page="about"]');
  await page.waitForSelector('[data-section="ingest-report"]');

  const lines = await interactions(4);
  const kinds = lines.map((l) => `${l.type}:${l.page}:${l.lang}`);
  assert.deepEqual(kinds.slice(0, 4), ['page_view:trends:en', 'filter_change:trends:en', 'language_change:trends:fr',
    'page_view:about:fr']);
  assert.equal(lines[1].params.year_from, '2004');
  assert.equal(lines[2].params.from, 'en');
  assert.match(lines[0].client_id, /^[0-9a-f]{32}$/);
  assert.ok(lines.every((l) => l.client_id === lines[0].client_id && l.env === 'preprod'));
  assert.deepEqual(problems, []);
  await page.close();
});
