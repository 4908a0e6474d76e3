// Browser test of the explorer on real Food.com rows (the random1000 fixture) plus two injected
// reviews carrying markup: search as you type (with a typo), a recipe page, the pantry flow, the
// contributor and user pages, and a review containing <script> shown as text. Zero console errors.
// Part of the real-row suite: registered by CMake only when the samples are there (tests/fixtures/README.md).
// Environment: MTM_BINARY (path of mangetamain), MTM_FIXTURES_DIR (the real-row samples, absolute).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary, startServer, stopServer, launchBrowser, openPage as openTab, chartData, parseCsv } from './support.mjs';

const fixtures = process.env.MTM_FIXTURES_DIR || '../shared/data/foodcom_samples';
const outDir = process.env.MTM_E2E_OUT || 'build';
const SCRIPT_REVIEW = '<script>window.pwned = 1</script> &lt;b&gt;bold&lt;/b&gt; it&#039;s great';
const SHOWN_REVIEW = "<script>window.pwned = 1</script> <b>bold</b> it's great";
const REVIEWER = 999000111;
let work;
let server;
let baseUrl;
let browser;
let recipe;  // { id, name, firstIngredient }

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'mtm-explorer-e2e-'));
  const dir = join(fixtures, 'random1000_amaldre');
  const recipes = join(dir, 'RAW_recipes_sample.csv');
  // The first recipe's id: the second field of the first data record (the name may be quoted).
  const firstRecord = readFileSync(recipes, 'utf8').split(/\r?\n/)[1];
  const id = Number(firstRecord.match(/^(?:"(?:[^"]|"")*"|[^,]*),(\d+),/)[1]);
  let interactions = readFileSync(join(dir, 'RAW_interactions_sample.csv'), 'utf8');
  if (!interactions.endsWith('\n')) interactions += '\r\n';
  interactions += `${REVIEWER},${id},2012-05-06,5,"${SCRIPT_REVIEW}"\r\n`;
  interactions += `${REVIEWER},${id},2013-05-06,4,plain second review\r\n`;
  writeFileSync(join(work, 'interactions.csv'), interactions);
  // Only 5 of the 1,000 interactions point at a recipe of the sample: accept any share of such rows.
  execFileSync(binary, ['ingest', '--recipes', recipes, '--interactions', join(work, 'interactions.csv'), '--db', join(work, 'x.duckdb'),
    '--max-bad-rows', '1'], { stdio: 'pipe' });
  server = await startServer(join(work, 'x.duckdb'));
  baseUrl = server.baseUrl;
  const page = await (await fetch(`${baseUrl}/api/v1/recipes/${id}`)).json();
  recipe = { id, name: page.name, firstIngredient: page.ingredients[0] };
  browser = await launchBrowser(join(work, 'profile'));
});

after(async () => {
  if (browser) await browser.close();
  if (server) await stopServer(server);
  if (work) rmSync(work, { recursive: true, force: true });
});

const openPage = (viewport) => openTab(browser, viewport);

const total = (page) => page.$eval('.search-total', (e) => Number(e.dataset.total));

// Every drawn chart has the PNG and CSV buttons of the analysis pages, and the CSV of the first one holds
// exactly its plotted points (series, x, y per point, trace by trace).
async function checkChartDownloads(page, charts) {
  const drawn = await chartData(page);
  assert.equal(drawn.length, charts, `charts: ${drawn.map((c) => c.id)}`);
  assert.equal(await page.$$eval('figure.chart-box button[data-download="png"]', (els) => els.length), charts);
  const buttons = await page.$$('figure.chart-box button[data-download="csv"]');
  assert.equal(buttons.length, charts);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), buttons[0].click()]);
  assert.match(download.suggestedFilename(), /^[a-z0-9_.-]+\.csv$/);
  const [header, ...rows] = parseCsv(readFileSync(await download.path(), 'utf8')).filter((r) => r.length > 1);
  assert.equal(header[0], 'Series');
  assert.equal(header.length >= 3 && !header.slice(1, 3).some((name) => name === ''), true, `named columns: ${header}`);
  // Numbers to the 6 significant digits exports keep.
  const near = (cell, value) => (typeof value === 'number' ? Math.abs(Number(cell) - value) <= 5e-6 * Math.abs(value) : cell === String(value));
  const expected = drawn[0].traces.flatMap((tr) => tr.x.map((x, i) => [tr.name, x, tr.y[i]]));
  assert.equal(rows.length, expected.length);
  rows.forEach((row, i) => {
    assert.equal(row[0], expected[i][0]);
    assert.ok(near(row[1], expected[i][1]) && near(row[2], expected[i][2]), `row ${i}: ${row} vs ${expected[i]}`);
  });
}

test('search as you type, with a typo, facets and a permalink', async () => {
  const { page, problems } = await openPage();
  await page.goto(`${baseUrl}/?page=search`);
  await page.waitForSelector('.search-total');
  const all = await total(page);
  assert.ok(all > 900, `all recipes listed: ${all}`);
  // The longest word of the first recipe's name, typed letter by letter.
  const word = recipe.name.toLowerCase().split(/[^a-z]+/).sort((a, b) => b.length - a.length)[0];
  assert.ok(word.length >= 5, word);
  await page.locator('#search-q').pressSequentially(word, { delay: 30 });
  await page.waitForFunction((w) => new URL(location.href).searchParams.get('q') === w
    && document.querySelector('#page').dataset.ready === 'true', word);
  assert.equal(await page.inputValue('#search-q'), word, 'every key typed is in the box');
  const found = await total(page);
  assert.ok(found >= 1 && found < all, `results for ${word}: ${found}`);
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'search-q', 'caret stays in the box');
  const names = await page.$$eval('.recipe-card .recipe-title a', (els) => els.map((e) => e.textContent));
  assert.ok(names.length > 0);
  // Keys typed while results load stay in the box (the page stays on screen) and are searched in turn.
  let asked;
  const requested = new Promise((resolve) => { asked = resolve; });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/api/v1/search?*', async (route) => {
    asked();
    await held;
    await route.continue();
  });
  await page.locator('#search-q').pressSequentially(' ab', { delay: 30 });
  await requested;
  await page.locator('#search-q').pressSequentially('cd', { delay: 30 });
  release();
  await page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q
    && document.querySelector('#page').dataset.ready === 'true', `${word} abcd`);
  assert.equal(await page.inputValue('#search-q'), `${word} abcd`);
  await page.unroute('**/api/v1/search?*');
  // One letter dropped from the middle: still found, and the page says how the word was read.
  const typo = word.slice(0, 2) + word.slice(3);
  await page.goto(`${baseUrl}/?page=search&q=${encodeURIComponent(typo + ' ')}`);
  await page.waitForSelector('.search-total');
  assert.ok((await total(page)) >= found, `typo ${typo}`);
  assert.match(await page.textContent('.search-words'), new RegExp(word));
  // A tag facet narrows the list and lands in the URL.
  await page.goto(`${baseUrl}/?page=search&q=${encodeURIComponent(word)}`);
  await page.waitForSelector('[data-facet-tag]');
  const tag = await page.getAttribute('[data-facet-tag]', 'data-facet-tag');
  await page.click('[data-facet-tag]');
  await page.waitForFunction((tg) => new URL(location.href).searchParams.get('tags') === tg
    && document.querySelector('#page').dataset.ready === 'true', tag);
  assert.ok((await total(page)) <= found);
  // Sorting by newest and reloading the URL restores the same list.
  await page.selectOption('#search-sort', 'newest');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'newest'
    && document.querySelector('#page').dataset.ready === 'true');
  const before = await page.$$eval('.recipe-card', (els) => els.map((e) => e.dataset.recipe));
  await page.reload();
  await page.waitForSelector('.recipe-card');
  assert.deepEqual(await page.$$eval('.recipe-card', (els) => els.map((e) => e.dataset.recipe)), before);
  // A French word is searched as its English equivalent, and the page says so; matched words are marked.
  await page.goto(`${baseUrl}/?page=search&q=poulet&lang=fr`);
  await page.waitForSelector('[data-translations]');
  assert.match(await page.textContent('[data-translations]'), /Résultats pour chicken \(poulet\)/);
  // The rating facet writes its thresholds the page's way: "≥ 4,5 ★" in French, never "4.5".
  const ratingChips = await page.$$eval('.facet .chip, .chip', (els) => els.map((e) => e.textContent).filter((t) => t.includes('★')));
  assert.ok(ratingChips.some((c) => c.includes('≥ 4,5 ★')), JSON.stringify(ratingChips));
  assert.ok(ratingChips.every((c) => !/\d\.\d/.test(c)), JSON.stringify(ratingChips));
  const marks = await page.$$eval('.recipe-card .recipe-title mark', (els) => els.map((e) => e.textContent.toLowerCase()));
  assert.ok(marks.length > 0 && marks.every((m) => m.startsWith('chicken')), JSON.stringify(marks));
  // Each result shows a snippet of its ingredients (or tags), labelled, with the matched words marked: the
  // API's text and ranges, built as text nodes.
  const snippets = await page.$$eval('.recipe-card .recipe-snippet', (els) => els.map((e) => ({
    source: e.dataset.snippet, text: e.textContent, marks: [...e.querySelectorAll('mark')].map((m) => m.textContent.toLowerCase()) })));
  assert.ok(snippets.length > 0, 'results have snippets');
  const markedSnippets = snippets.filter((s) => s.marks.length > 0);
  assert.ok(markedSnippets.length > 0 && markedSnippets.every((s) => s.marks.every((m) => m.startsWith('chicken'))),
    JSON.stringify(snippets));
  const first = (await (await fetch(`${baseUrl}/api/v1/search?q=poulet`)).json()).results[0];
  assert.equal(snippets[0].source, first.snippet_source);
  assert.equal(snippets[0].text, `${first.snippet_source === 'tags' ? 'Étiquettes :' : 'Ingrédients :'} ${first.snippet}`);
  assert.deepEqual(snippets[0].marks, first.snippet_highlights.map(([a, b]) => first.snippet.slice(a, b).toLowerCase()));
  // Accents do not matter: "CRÈME" finds what "creme" finds.
  await page.goto(`${baseUrl}/?page=search&q=${encodeURIComponent(word.toUpperCase().replace('E', 'É'))}`);
  await page.waitForSelector('.search-total');
  assert.equal(await total(page), found, 'an accented, upper-case word finds the same recipes');
  mkdirSync(outDir, { recursive: true });
  await page.screenshot({ path: join(outDir, 'screenshot-search.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('opening a recipe shows its page; a <script> review is shown as text', async () => {
  const { page, problems } = await openPage();
  await page.goto(`${baseUrl}/?page=search&q=${encodeURIComponent(recipe.name)}`);
  await page.waitForSelector(`.recipe-card[data-recipe="${recipe.id}"] .recipe-title a`);
  await page.click(`.recipe-card[data-recipe="${recipe.id}"] .recipe-title a`);
  await page.waitForSelector('h1[data-recipe-name]');
  assert.equal(new URL(page.url()).searchParams.get('page'), 'recipe');
  assert.equal(new URL(page.url()).searchParams.get('id'), String(recipe.id));
  assert.equal(await page.textContent('h1[data-recipe-name]'), recipe.name);
  assert.ok((await page.$$('.ingredients li')).length > 0);
  assert.ok((await page.$$('.steps li')).length > 0);
  assert.equal((await page.$$('.nutrient')).length, 7);
  const traces = await page.$$eval('.chart', (els) => els.map((e) => (e.data || []).length));
  assert.ok(traces.length === 2 && traces.every((n) => n > 0), `traces per chart: ${traces}`);
  const texts = await page.$$eval('.review-text', (els) => els.map((e) => e.textContent));
  assert.ok(texts.includes(SHOWN_REVIEW), JSON.stringify(texts));
  assert.equal(await page.$$eval('.reviews script, .reviews b', (els) => els.length), 0, 'no markup injected');
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.ok((await page.$$('[data-section="similar"] .recipe-card')).length > 0, 'similar recipes');
  await page.screenshot({ path: join(outDir, 'screenshot-recipe.png'), fullPage: true });
  await checkChartDownloads(page, 2);
  // The contributor link and the reviewer's link open their pages.
  await page.click('.lead a');
  await page.waitForSelector('[data-kpi="recipes"] .value');
  assert.equal(new URL(page.url()).searchParams.get('page'), 'contributor');
  assert.ok(Number(await page.textContent('[data-kpi="recipes"] .value')) >= 1);
  await checkChartDownloads(page, 2);
  await page.goBack();
  await page.waitForSelector('.review-head a');
  await page.click(`.review-head a[href*="id=${REVIEWER}"]`);
  await page.waitForSelector('[data-kpi="strictness"]');
  assert.equal(await page.textContent('[data-kpi="ratings"] .value'), '2');
  assert.equal(await page.textContent('[data-kpi="mean"] .value'), '4.50');
  await checkChartDownloads(page, 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('pantry: autocomplete, add, staples and time, with missing ingredients listed', async () => {
  const { page, problems } = await openPage();
  await page.goto(`${baseUrl}/?page=pantry&lang=fr`);
  await page.waitForSelector('#pantry-input');
  assert.equal(await page.textContent('h1'), 'Que puis-je cuisiner ?');
  await page.locator('#pantry-input').pressSequentially(recipe.firstIngredient.slice(0, 4), { delay: 30 });
  await page.waitForFunction(() => document.querySelectorAll('#pantry-suggestions option').length > 0);
  const options = await page.$$eval('#pantry-suggestions option', (els) => els.map((e) => e.value));
  assert.ok(options.every((o) => o.includes(recipe.firstIngredient.slice(0, 4))), JSON.stringify(options));
  await page.fill('#pantry-input', recipe.firstIngredient);
  await page.click('[data-action="add"]');
  await page.waitForSelector('.search-total');
  assert.equal(new URL(page.url()).searchParams.get('have'), recipe.firstIngredient);
  const count = Number(await page.getAttribute('.search-total', 'data-total'));
  assert.ok(count >= 1, `recipes using ${recipe.firstIngredient}: ${count}`);
  assert.ok((await page.$$('.recipe-card .coverage')).length > 0);
  assert.match(await page.textContent('.recipe-card .missing'), /Manque|Rien ne manque/);
  assert.equal(await page.textContent('.recipe-card .uses'), `Utilise vos : ${recipe.firstIngredient}`);
  assert.ok((await page.textContent('fieldset[name="staples"]')).includes('sel'), 'staples in French');
  // Unticking a staple puts the remaining ones in the URL; no staples at all is "-".
  await page.click('fieldset[name="staples"] input[value="salt"]');
  await page.waitForFunction(() => (new URL(location.href).searchParams.get('staples') || '').startsWith('water,'));
  await page.waitForSelector('.search-total');
  assert.equal(await page.$$eval('fieldset[name="staples"] input:checked', (els) => els.length), 10);
  await page.goto(`${page.url()}`.replace(/staples=[^&]*/, 'staples=-'));
  await page.waitForSelector('.search-total');
  assert.equal(await page.$$eval('fieldset[name="staples"] input:checked', (els) => els.length), 0);
  await page.fill('#pantry-minutes', '1');
  await page.dispatchEvent('#pantry-minutes', 'change');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('max_minutes') === '1');
  await page.waitForSelector('.search-total');
  assert.ok(Number(await page.getAttribute('.search-total', 'data-total')) <= count);
  await page.screenshot({ path: join(outDir, 'screenshot-pantry.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the overview leads into the explorer: a search box and links to search and pantry', async () => {
  const { page, problems } = await openPage();
  await page.goto(`${baseUrl}/?page=overview&lang=fr`);
  await page.waitForSelector('[data-section="explore"]');
  assert.equal(await page.getAttribute('[data-explore="pantry"]', 'href'), '?page=pantry&lang=fr');
  assert.equal(await page.getAttribute('[data-explore="search"]', 'href'), '?page=search&lang=fr');
  await page.fill('#overview-q', recipe.name);
  await page.press('#overview-q', 'Enter');
  await page.waitForSelector(`.recipe-card[data-recipe="${recipe.id}"]`);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('page'), 'search');
  assert.equal(url.searchParams.get('q'), recipe.name.trim());
  await page.goto(`${baseUrl}/?page=overview`);
  await page.click('[data-explore="pantry"]');
  await page.waitForSelector('#pantry-input');
  assert.deepEqual(problems, []);
  await page.close();
});
