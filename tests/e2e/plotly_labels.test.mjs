// Data is text, never markup, in charts: Plotly reads a subset of HTML in labels, so an ingredient named
// <a href="https://evil.example/">evil</a> (added to the generated recipes before ingest) must show as typed
// in the tick labels of the trends page's ingredient chart, and no link may appear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary, launchBrowser, openPage, startServer, stopServer, waitReady } from './support.mjs';

const EVIL = '<a href="https://evil.example/">evil</a>';

/** Append EVIL to every ingredient list of RAW_recipes.csv (the last quoted field before n_ingredients). */
function addEvilIngredient(file) {
  const csvEvil = EVIL.replace(/"/g, '""');
  let changed = 0;
  const lines = readFileSync(file, 'utf8').split('\n').map((line) => line.replace(/'\]",(\d+)(\r?)$/, (_, n, cr) => {
    changed += 1;
    return `', '${csvEvil}']",${Number(n) + 1}${cr}`;
  }));
  writeFileSync(file, lines.join('\n'));
  return changed;
}

test('markup in a data value shows as text in Plotly labels and makes no link', async () => {
  const work = mkdtempSync(join(tmpdir(), 'mtm-e2e-labels-'));
  let server = null;
  let browser = null;
  try {
    const raw = join(work, 'raw');
    execFileSync(binary, ['generate', '--out', raw, '--scale', '0.01'], { stdio: 'pipe' });
    assert.ok(addEvilIngredient(join(raw, 'RAW_recipes.csv')) > 100, 'the ingredient lists were found');
    const db = join(work, 'e2e.duckdb');
    execFileSync(binary, ['ingest', '--raw-dir', raw, '--db', db], { stdio: 'pipe' });
    server = await startServer(db);
    browser = await launchBrowser(join(work, 'profile'));
    const { page, problems } = await openPage(browser);
    const evilRequests = [];
    page.on('request', (req) => { if (req.url().includes('evil.example')) evilRequests.push(req.url()); });
    await page.goto(`${server.baseUrl}/?page=trends`);
    await waitReady(page);

    const section = 'section.analysis[data-analysis="trends.ingredients"]';
    const ticks = await page.$$eval(`${section} .ytick text, ${section} .xtick text`, (els) => els.map((e) => e.textContent));
    assert.ok(ticks.includes(EVIL), `the name shows as typed among the tick labels: ${JSON.stringify(ticks.slice(0, 12))}`);
    const links = await page.$$eval('.chart a', (els) => els
      .map((a) => a.getAttribute('href') || a.getAttribute('xlink:href') || '')
      .filter((href) => href.includes('evil.example')));
    assert.deepEqual(links, [], 'no link made from data');
    // What Plotly was given is the escaped text; the chart's own data (CSV downloads) keeps the raw name.
    const given = await page.$$eval(`${section} .chart`, (els) => els.flatMap((el) => (el.data || []).flatMap((t) => Array.from(t.y || []))));
    assert.ok(given.includes('&lt;a href="https://evil.example/"&gt;evil&lt;/a&gt;'), 'escaped in the plotted data');
    assert.deepEqual(evilRequests, []);
    assert.deepEqual(problems, []);
  } finally {
    if (browser) await browser.close();
    if (server) await stopServer(server);
    rmSync(work, { recursive: true, force: true });
  }
});
