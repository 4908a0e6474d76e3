// Pure chart helpers: theme merge, CSV of exactly the plotted data, API URLs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_LAYOUT, chartTable, deepMerge, fileName, tableToCsv, themedLayout, SEASON_COLORS } from '../../web/js/lib/charts.js';
import { apiUrl } from '../../web/js/lib/api.js';

test('deepMerge merges objects without touching its inputs', () => {
  const base = { a: { b: 1, c: 2 }, d: [1] };
  const merged = deepMerge(base, { a: { c: 3 }, d: [2] });
  assert.deepEqual(merged, { a: { b: 1, c: 3 }, d: [2] });
  assert.deepEqual(base, { a: { b: 1, c: 2 }, d: [1] });
});

test('themedLayout keeps the dark theme, themes extra axes and drops the inner title', () => {
  const layout = themedLayout({ title: { text: 'x' }, xaxis2: { title: { text: 'Year' } }, height: 500 });
  assert.equal(layout.paper_bgcolor, '#1E1E1E');
  assert.equal(layout.font.family, 'Inter, sans-serif');
  assert.equal(layout.height, 500);
  assert.equal(layout.xaxis2.gridcolor, '#444444');
  assert.equal(layout.xaxis2.title.text, 'Year');
  assert.equal(layout.title, undefined);
  assert.deepEqual(BASE_LAYOUT.colorway.slice(0, 3), ['#FF8C00', '#FFD700', '#E24E1B']);
});

test('four distinct season colours', () => {
  assert.equal(new Set(Object.values(SEASON_COLORS)).size, 4);
});

test('tableToCsv quotes per RFC 4180', () => {
  assert.equal(tableToCsv(['a', 'b'], [[1, 'x,y'], ['say "hi"', null]]), 'a,b\r\n1,"x,y"\r\n"say ""hi""",\r\n');
  assert.equal(tableToCsv(['year', 'n'], [{ year: 2000, n: 5 }]), 'year,n\r\n2000,5\r\n');
});

test('chartTable prefers the data block and otherwise flattens traces', () => {
  const withData = { data: { columns: ['season', 'n'], rows: [['winter', 3]] }, traces: [{ x: [1], y: [2] }] };
  assert.deepEqual(chartTable(withData), { columns: ['season', 'n'], rows: [['winter', 3]] });
  const traces = { traces: [{ name: 'mean', x: [2000, 2001], y: [10, 12] }, { name: 'median', x: [2000], y: [9] }] };
  assert.deepEqual(chartTable(traces), { columns: ['series', 'x', 'y'], rows: [['mean', 2000, 10], ['mean', 2001, 12], ['median', 2000, 9]] });
});

test('fileName and apiUrl are stable', () => {
  assert.equal(fileName('trends.volume', 'Per Year!'), 'trends-volume_per-year-');
  assert.equal(apiUrl('analyses/trends.volume', { year_to: 2010, year_from: 2000, top_n: '' }, 'fr'),
    '/api/v1/analyses/trends.volume?year_from=2000&year_to=2010&lang=fr');
});
