// Pure chart helpers: theme merge, CSV of exactly the plotted data, API URLs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEPARATORS, plotlyLocale, BASE_LAYOUT, chartTable, deepMerge, escapedForPlotly, fileName, fittedHeight, plotlyText, tableToCsv, themedLayout, touchFriendly, SEASON_COLORS } from '../../web/js/lib/charts.js';
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

test('chartTable: one row per plotted point of every trace, fitted lines included', () => {
  const chart = { data: { columns: ['year', 'n'], rows: [[2000, 1]] }, traces: [
    { name: 'mean', type: 'scatter', x: [2000, 2001], y: [10, 12] },
    { name: 'fit', type: 'scatter', mode: 'lines', x: [2000, 2001], y: [10.5, 11.5] },
    { type: 'bar', x: ['a'], y: [3], error_y: { type: 'data', array: [0.25] } }] };
  assert.deepEqual(chartTable(chart), { columns: ['series', 'x', 'y', 'error'], rows: [
    ['mean', 2000, 10, ''], ['mean', 2001, 12, ''], ['fit', 2000, 10.5, ''], ['fit', 2001, 11.5, ''], ['trace 3', 'a', 3, 0.25]] });
});

test('chartTable reads pies, heatmaps and precomputed boxes', () => {
  assert.deepEqual(chartTable({ traces: [{ type: 'pie', labels: ['winter', 'spring'], values: [3, 4] }] }),
    { columns: ['series', 'x', 'y'], rows: [['trace 1', 'winter', 3], ['trace 1', 'spring', 4]] });
  assert.deepEqual(chartTable({ traces: [{ type: 'heatmap', name: 'h', x: ['w', 's'], y: ['salt'], z: [[1, 2]] }] }),
    { columns: ['series', 'x', 'y', 'z'], rows: [['h', 'w', 'salt', 1], ['h', 's', 'salt', 2]] });
  const box = { type: 'box', name: 'Winter', x: ['Winter'], q1: [10], median: [20], q3: [30], lowerfence: [1], upperfence: [60], mean: [22] };
  assert.deepEqual(chartTable({ traces: [box] }), { columns: ['series', 'x', 'q1', 'median', 'q3', 'lowerfence', 'upperfence', 'mean'],
    rows: [['Winter', 'Winter', 10, 20, 30, 1, 60, 22]] });
});

test('fileName and apiUrl are stable', () => {
  assert.equal(fileName('trends.volume', 'Per Year!'), 'trends-volume_per-year-');
  assert.equal(apiUrl('analyses/trends.volume', { year_to: 2010, year_from: 2000, top_n: '' }, 'fr'),
    '/api/v1/analyses/trends.volume?year_from=2000&year_to=2010&lang=fr');
});

test('fittedHeight sizes heatmaps and horizontal bars from their rows', () => {
  const heatmap = (rows) => ({ traces: [{ type: 'heatmap', x: ['a', 'b'], y: Array.from({ length: rows }, (_, i) => `r${i}`),
    z: Array.from({ length: rows }, () => [1, 2]) }] });
  // One row: the floor, not the 360 px card; twenty rows: 110 px of chrome + 30 px per row.
  assert.equal(fittedHeight(heatmap(1)), 170);
  assert.equal(fittedHeight(heatmap(20)), 110 + 20 * 30);
  assert.equal(fittedHeight({ traces: [{ type: 'bar', orientation: 'h', x: [1], y: ['only'] }] }), 170);
  assert.equal(fittedHeight({ traces: [{ type: 'bar', orientation: 'h', x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    y: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] }] }), 110 + 10 * 26);
  // Two grouped traces: two bars per row.
  assert.equal(fittedHeight({ traces: [{ type: 'bar', orientation: 'h', x: [1, 2, 3, 4, 5], y: ['a', 'b', 'c', 'd', 'e'] },
    { type: 'bar', orientation: 'h', x: [1, 2, 3, 4, 5], y: ['a', 'b', 'c', 'd', 'e'] }] }), 110 + 5 * 26 * 2);
  assert.equal(fittedHeight({ traces: [{ type: 'bar', x: ['a'], y: [1] }] }), null);
  assert.equal(fittedHeight({ traces: [{ type: 'scatter', x: [1], y: [1] }] }), null);
  assert.equal(fittedHeight({ traces: [{ type: 'heatmap', z: [[1]] }], layout: { height: 500 } }), null);
  assert.equal(fittedHeight({ traces: [] }), null);
});


test('plotlyText escapes the markup Plotly would read in a data value', () => {
  assert.equal(plotlyText('<a href="https://evil.example/">'), '&lt;a href="https://evil.example/"&gt;');
  assert.equal(plotlyText('salt & pepper'), 'salt &amp; pepper');
  assert.equal(plotlyText('&lt;'), '&amp;lt;');
  assert.equal(plotlyText('butter'), 'butter');
  assert.equal(plotlyText(3), 3);
  assert.equal(plotlyText(null), null);
});

test('escapedForPlotly escapes every data string of traces and axes, and leaves the chart and templates alone', () => {
  const evil = '<b>x</b>';
  const traces = [{ type: 'bar', x: [evil, 'ok'], y: [1, 2], text: [evil], name: evil, customdata: [[evil, 1]],
    hovertemplate: '%{x}<br>%{y}<extra></extra>' }];
  const layout = { xaxis: { ticktext: [evil], tickvals: [0], title: { text: 'Ingredient' } }, polar: { angularaxis: { categoryarray: [evil] } }, height: 300 };
  const safe = escapedForPlotly(traces, layout);
  const escaped = '&lt;b&gt;x&lt;/b&gt;';
  assert.deepEqual(safe.traces[0].x, [escaped, 'ok']);
  assert.deepEqual(safe.traces[0].y, [1, 2]);
  assert.deepEqual(safe.traces[0].text, [escaped]);
  assert.equal(safe.traces[0].name, escaped);
  assert.deepEqual(safe.traces[0].customdata, [[escaped, 1]]);
  assert.equal(safe.traces[0].hovertemplate, '%{x}<br>%{y}<extra></extra>');
  assert.deepEqual(safe.layout.xaxis.ticktext, [escaped]);
  assert.deepEqual(safe.layout.xaxis.tickvals, [0]);
  assert.deepEqual(safe.layout.polar.angularaxis.categoryarray, [escaped]);
  assert.equal(safe.layout.height, 300);
  // The originals (CSV downloads) keep the raw text.
  assert.equal(traces[0].x[0], evil);
  assert.deepEqual(layout.xaxis.ticktext, [evil]);
});

test('touch screens: charts neither drag nor zoom, and show no toolbar', () => {
  const layout = { xaxis: { title: 'year' }, yaxis: {}, yaxis2: { type: 'log' }, legend: {} };
  const config = { responsive: true };
  touchFriendly(layout, config);
  assert.equal(layout.dragmode, false);
  for (const axis of ['xaxis', 'yaxis', 'yaxis2']) assert.equal(layout[axis].fixedrange, true, axis);
  assert.equal(layout.xaxis.title, 'year');
  assert.equal(layout.legend.fixedrange, undefined);
  assert.deepEqual(config, { responsive: true, displayModeBar: false, doubleClick: false, scrollZoom: false });
});

test('log axes label their decades only, unless the analysis chose its ticks', () => {
  const layout = themedLayout({ yaxis: { type: 'log' }, xaxis2: { type: 'log', dtick: 'D2' }, xaxis: {} });
  assert.equal(layout.yaxis.dtick, 1);
  assert.equal(layout.xaxis2.dtick, 'D2');
  assert.equal(layout.xaxis.dtick, undefined);
});

test('charts write numbers the reader\'s way: Plotly separators per language', () => {
  assert.equal(themedLayout({}, 'fr').separators, ',\u202f');
  assert.equal(themedLayout({}, 'en').separators, '.,');
  assert.equal(themedLayout({}).separators, SEPARATORS.en);
});

test('Plotly speaks the page\'s language: its tips from the catalog, month and day names from Intl', async () => {
  const { createTranslator } = await import('../../web/js/lib/i18n.js');
  const { readFileSync } = await import('node:fs');
  const dicts = { en: JSON.parse(readFileSync('i18n/en.json', 'utf8')), fr: JSON.parse(readFileSync('i18n/fr.json', 'utf8')) };
  const fr = plotlyLocale('fr', createTranslator(dicts, 'fr'));
  assert.equal(fr.name, 'fr');
  assert.equal(fr.dictionary['Reset axes'], 'Réinitialiser les axes');
  assert.equal(fr.dictionary['Double-click to zoom back out'], 'Double-cliquez pour revenir au zoom initial');
  assert.equal(fr.format.months[0], 'janvier');
  assert.equal(fr.format.days[0], 'dimanche');
  assert.equal(fr.format.decimal, ',');
  const en = plotlyLocale('en', createTranslator(dicts, 'en'));
  assert.equal(en.format.shortMonths[11], 'Dec');
  assert.equal(en.dictionary['Zoom in'], 'Zoom in');
  for (const text of Object.values(fr.dictionary)) assert.notEqual(text, '—', 'every Plotly text has its catalog entry');
});
