// Which analyses and filters a page shows (pure parts of the generic analysis page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isEmptyChart, isWideChart, pageAnalyses, pageFilters } from '../../web/js/pages/analysis_page.js';

const spec = (name, extra = {}) => ({ name, type: 'integer', default: '1', ...extra });
const LIST = [
  { id: 'ratings.trend', page: 'ratings', filters: [spec('year_from'), spec('lang')] },
  { id: 'weekend.volume', page: 'weekend', filters: [spec('days')] },
  { id: 'weekend.ratings', page: 'weekend', filters: [spec('days', { default: '6,7' }), spec('date_basis')] },
  { id: 'ratings.seasonal', page: 'ratings', filters: [spec('year_from', { default: '2001' }), spec('seasons')] },
];

test('a page shows its own analyses in server order, then the borrowed ones', () => {
  assert.deepEqual(pageAnalyses(LIST, 'ratings').map((a) => a.id), ['ratings.trend', 'ratings.seasonal']);
  assert.deepEqual(pageAnalyses(LIST, 'ratings', ['weekend.ratings']).map((a) => a.id),
    ['ratings.trend', 'ratings.seasonal', 'weekend.ratings']);
  assert.deepEqual(pageAnalyses(LIST, 'weekend').map((a) => a.id), ['weekend.volume', 'weekend.ratings']);
});

test('an unknown borrowed id is ignored, not shown as an empty section', () => {
  assert.deepEqual(pageAnalyses(LIST, 'ratings', ['nope.missing']).map((a) => a.id), ['ratings.trend', 'ratings.seasonal']);
  assert.deepEqual(pageAnalyses(LIST, 'about'), []);
});

test('page filters: one control per name, first spec wins, lang never shown, borrowed filters included', () => {
  assert.deepEqual(pageFilters(LIST, 'ratings').map((f) => [f.name, f.default]), [['year_from', '1'], ['seasons', '1']]);
  assert.deepEqual(pageFilters(LIST, 'ratings', ['weekend.ratings']).map((f) => f.name),
    ['year_from', 'seasons', 'days', 'date_basis']);
  assert.deepEqual(pageFilters(LIST, 'weekend').map((f) => [f.name, f.default]), [['days', '1'], ['date_basis', '1']]);
});

test('a chart with no point in any trace is empty; one point anywhere is enough', () => {
  assert.equal(isEmptyChart({ traces: [] }), true);
  assert.equal(isEmptyChart({ traces: [{ type: 'bar', x: [], y: [] }] }), true);
  assert.equal(isEmptyChart({ traces: [{ type: 'bar', x: [], y: [] }, { type: 'pie', labels: ['a'], values: [1] }] }), false);
  assert.equal(isEmptyChart({ traces: [{ type: 'box', name: 'w', q1: [1] }] }), false);
});

test('wide charts: heatmaps, long series and tall layouts', () => {
  const years = Array.from({ length: 20 }, (_, i) => 1999 + i);
  assert.equal(isWideChart({ traces: [{ type: 'bar', x: years, y: years }] }), false);
  assert.equal(isWideChart({ traces: [{ type: 'heatmap', x: ['a'], y: ['b'], z: [[1]] }] }), true);
  assert.equal(isWideChart({ traces: [{ type: 'scatter', x: Array(41).fill(0), y: Array(41).fill(0) }] }), true);
  assert.equal(isWideChart({ traces: [{ type: 'bar', x: [1], y: [1] }], layout: { height: 700 } }), true);
});

test('the ingest report shows the file name only, never where ingest ran', async () => {
  const { fileNameOnly, parametersText } = await import('../../web/js/pages/about.js');
  assert.equal(fileNameOnly('/tmp/mtm-e2e-wAqQ3V/raw/RAW_recipes.csv'), 'RAW_recipes.csv');
  assert.equal(fileNameOnly('C:\\data\\RAW_interactions.csv'), 'RAW_interactions.csv');
  assert.equal(fileNameOnly('RAW_recipes.csv'), 'RAW_recipes.csv');
  const { createTranslator } = await import('../../web/js/lib/i18n.js');
  const { readFileSync } = await import('node:fs');
  const dicts = { en: JSON.parse(readFileSync('i18n/en.json', 'utf8')), fr: JSON.parse(readFileSync('i18n/fr.json', 'utf8')) };
  const en = createTranslator(dicts, 'en');
  const fr = createTranslator(dicts, 'fr');
  assert.equal(parametersText({ file: '/home/me/raw/RAW_recipes.csv', dropped: 'bad rows' }, en, 'en'),
    'file = RAW_recipes.csv, dropped = bad rows');
  assert.equal(parametersText({}, en, 'en'), '—');
  // In French: the parameter names, the words ingest writes and the numbers, the French way.
  assert.equal(parametersText({ dropped: 'wrong field count', max_bad_share: 0.01, lower: 1200 }, fr, 'fr').replace(/\s/g, ' '),
    'écartées = nombre de champs faux, part inutilisable max = 0,010, borne basse = 1 200');
  assert.equal(parametersText({ bad_rows: { recipes: 0, interactions: 3 } }, fr, 'fr'), 'lignes inutilisables = recettes 0, interactions 3');
});
