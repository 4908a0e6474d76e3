// The Overview answers its questions (issue #18): the key findings of the data in service, computed from the page
// analyses, ranked by effect size with their significance, each linking to its chart.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, startApp, waitReady } from './support.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

async function apiJson(path) {
  const response = await fetch(`${app.baseUrl}${path}`);
  assert.equal(response.status, 200, path);
  return response.json();
}

const LARGE = { w: 0.5, r: 0.5, d: 0.8, h: 0.8 };

test('the findings are the analyses\' own effects, established first and strongest first', async () => {
  const { findings } = await apiJson('/api/v1/findings');
  const ids = findings.map((f) => f.id);
  for (const id of ['peak_year', 'weekday_swing', 'seasonal_swing', 'biggest_rise', 'biggest_fall', 'rating_drift', 'weekend_ratings']) {
    assert.ok(ids.includes(id), `${id} in ${ids}`);
  }
  const significant = findings.map((f) => f.significant);
  assert.deepEqual(significant, [...significant].sort((a, b) => Number(b) - Number(a)), 'established effects first');
  for (const group of [true, false]) {
    const sizes = findings.filter((f) => f.significant === group).map((f) => f.magnitude);
    assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a), 'strongest first');
  }
  for (const f of findings) {
    assert.ok(Math.abs(f.magnitude - Math.abs(f.effect) / LARGE[f.effect_name]) < 1e-12, f.id);
    assert.equal(f.significant, f.p < 0.05, f.id);
  }
  const byId = Object.fromEntries(findings.map((f) => [f.id, f]));
  // Read from the analyses: the weekday χ²'s w, the seasons' χ² as w = √(χ²/n), the drift's signed √R²w.
  const weekend = await apiJson('/api/v1/analyses/weekend.volume');
  const days = weekend.tests.find((t) => t.id === 'chi_square_days');
  assert.equal(byId.weekday_swing.effect, days.effect);
  assert.equal(byId.weekday_swing.p, days.p);
  const seasons = await apiJson('/api/v1/analyses/seasonality.volume');
  const uniform = seasons.tests.find((t) => t.id === 'chi_square_uniform');
  const total = seasons.metrics.find((m) => m.id === 'total').value;
  assert.ok(Math.abs(byId.seasonal_swing.effect - Math.sqrt(uniform.statistic / total)) < 1e-12);
  const trend = await apiJson('/api/v1/analyses/ratings.trend');
  const wls = trend.tests.find((t) => t.id === 'wls_slope');
  assert.ok(Math.abs(Math.abs(byId.rating_drift.effect) - Math.sqrt(wls.effect)) < 1e-12);
  assert.equal(byId.rating_drift.p, wls.p);
  // The peak year is the busiest full year of the trends page's chart.
  const volume = await apiJson('/api/v1/analyses/trends.volume');
  const full = volume.charts.find((c) => c.id === 'volume_by_year').data.rows.filter((r) => !r[2]);
  const peak = full.reduce((best, r) => (r[1] > best[1] ? r : best));
  assert.match(byId.peak_year.text.text, new RegExp(`^Posting peaked in ${peak[0]} with `));
  // The biggest rise is the first bar of the rises chart.
  const items = await apiJson('/api/v1/analyses/trends.ingredients');
  const rise = items.charts.find((c) => c.id === 'rises').data.rows[0][0];
  assert.ok(byId.biggest_rise.text.text.startsWith(`“${rise}” rose the most`), byId.biggest_rise.text.text);
  assert.equal(byId.biggest_rise.text.id, 'finding.biggest_mover');
  assert.equal(byId.biggest_rise.text.params.item, rise);
});

test('the Overview lists them in its language, and each opens its chart', async () => {
  const { findings } = await apiJson('/api/v1/findings?lang=fr');
  const { page, problems } = await openPage(app.browser, { width: 375, height: 800 });
  await page.goto(`${app.baseUrl}/?page=overview&lang=fr`);
  await waitReady(page);
  const shown = await page.$$eval('[data-finding]', (els) => els.map((el) => ({ id: el.dataset.finding, text: el.querySelector('p').textContent,
    effect: el.querySelector('.finding-effect').textContent })));
  assert.deepEqual(shown.map((s) => s.id), findings.map((f) => f.id));
  assert.deepEqual(shown.map((s) => s.text), findings.map((f) => f.text.text));
  for (const [i, s] of shown.entries()) {
    assert.match(s.effect, /^Effet (négligeable|faible|moyen|fort) \(((w|h|d) de Cohen|r) = -?\d/, s.effect);
    assert.equal(s.effect.includes('non significatif'), !findings[i].significant, s.effect);
  }
  const first = findings[0];
  await page.locator(`[data-finding="${first.id}"] a`).click();
  await waitReady(page);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('page'), first.page);
  assert.equal(url.hash, `#chart-${first.analysis.replace('.', '-')}-${first.chart}`);
  await page.waitForFunction((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return r.top >= -5 && r.top < window.innerHeight / 2;
  }, url.hash.slice(1));
  assert.deepEqual(problems, []);
  await page.close();
});
