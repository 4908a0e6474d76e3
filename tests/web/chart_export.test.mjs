import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartAnchor, chartLinks, columnLabels, embedSnippet, exportFileName, exportFootnote, exportLayout, exportNumber, exportTable } from '../../web/js/lib/chart_export.js';
import { createTranslator } from '../../web/js/lib/i18n.js';
import { readFileSync } from 'node:fs';

const dicts = { en: JSON.parse(readFileSync('i18n/en.json', 'utf8')), fr: JSON.parse(readFileSync('i18n/fr.json', 'utf8')) };
const en = createTranslator(dicts, 'en');
const fr = createTranslator(dicts, 'fr');

test('exported numbers keep 6 significant digits; integers, text and gaps are unchanged', () => {
  assert.equal(exportNumber(0.45812345678912), 0.458123);
  assert.equal(exportNumber(42.741612345), 42.7416);
  assert.equal(exportNumber(-0.000123456789), -0.000123457);
  assert.equal(exportNumber(1.49e-14), 1.49e-14);
  assert.equal(exportNumber(2008), 2008);
  assert.equal(exportNumber(1234567), 1234567);
  assert.equal(exportNumber('Mon'), 'Mon');
  assert.equal(exportNumber(''), '');
  assert.equal(exportNumber(null), null);
});

test('columns are named by the chart\'s axes, then by the dictionary, never twice the same', () => {
  const line = { traces: [{ x: [1], y: [2] }], layout: { xaxis: { title: { text: 'Year' } }, yaxis: { title: 'Share' } } };
  assert.deepEqual(columnLabels(line, ['series', 'x', 'y'], en), ['Series', 'Year', 'Share']);
  assert.deepEqual(columnLabels({ traces: [{ type: 'pie' }] }, ['series', 'x', 'y'], fr), ['Série', 'Catégorie', 'Valeur']);
  const heat = { traces: [{ type: 'heatmap', colorbar: { title: { text: 'Volume' } } }], layout: {} };
  assert.deepEqual(columnLabels(heat, ['series', 'x', 'y', 'z'], en), ['Series', 'x', 'y', 'Volume']);
  const same = { traces: [{}], layout: { xaxis: { title: { text: 'Rating' } }, yaxis: { title: { text: 'Rating' } } } };
  assert.deepEqual(columnLabels(same, ['x', 'y'], en), ['Rating', 'Rating (y)']);
  assert.deepEqual(columnLabels({ traces: [{ type: 'box' }] }, ['x', 'q1', 'median'], fr), ['x', 'Premier quartile', 'Médiane']);
  const table = exportTable({ columns: ['series', 'x', 'y'], rows: [['a', 2001, 0.123456789]] }, line, en);
  assert.deepEqual(table, { columns: ['Series', 'Year', 'Share'], rows: [['a', 2001, 0.123457]] });
});

test('file names carry the analysis, the chart and every filter in force, sorted', () => {
  assert.equal(exportFileName('trends.ingredients', 'movers_by_year', { year_to: '2015', year_from: '2003', top_n: '' }),
    'trends-ingredients_movers_by_year_year_from-2003_year_to-2015');
  assert.equal(exportFileName('weekend.volume', 'by_day', { seasons: 'winter,summer' }), 'weekend-volume_by_day_seasons-winter-summer');
  assert.equal(exportFileName('ratings.trend', 'monthly', {}), 'ratings-trend_monthly');
});

test('the PNG\'s layout adds the title and the footnote, escaped, with room for them', () => {
  const footnote = exportFootnote({ filters: ['From year: 2003'], dataDate: '2026-12-06', exported: '2026-12-07', synthetic: true }, en);
  assert.deepEqual(footnote, ['Filters: From year: 2003',
    'Source: Food.com recipes and interactions (Majumder et al., 2019) · Mangetamain Analytics · data of 2026-12-06 · exported 2026-12-07',
    'Synthetic demo data: the figures illustrate the tool, not Food.com.']);
  assert.equal(exportFootnote({ filters: [], dataDate: '2026-12-06', exported: 'x', synthetic: false }, fr)[0], 'Filtres : aucun (toutes les données)');
  assert.equal(exportFootnote({ filters: [], exported: 'x', synthetic: false }, en).length, 2);
  const layout = exportLayout({ margin: { t: 10, b: 40 }, annotations: [{ text: 'kept' }] }, 'Sugar <b>& spice</b>', footnote);
  assert.equal(layout.title.text, 'Sugar &lt;b&gt;&amp; spice&lt;/b&gt;');
  assert.equal(layout.annotations.length, 2);
  assert.equal(layout.annotations[1].text.split('<br>').length, 3);
  assert.ok(layout.margin.t >= 70 && layout.margin.b >= 70 + 3 * 20);
});

test('a chart\'s links: its anchor on the page, its embed view, its analysis in the API', () => {
  const links = chartLinks('http://h', { page: 'trends', lang: 'fr', filters: { year_from: '2003' }, analysisId: 'trends.ingredients', chartId: 'movers_by_year' });
  assert.deepEqual(links, {
    page: 'http://h/?page=trends&lang=fr&year_from=2003#chart-trends-ingredients-movers_by_year',
    embed: 'http://h/?page=trends&lang=fr&year_from=2003&embed=1&chart=trends.ingredients%2Fmovers_by_year',
    api: 'http://h/api/v1/analyses/trends.ingredients?year_from=2003&lang=fr',
    openapi: 'http://h/api/v1/openapi.json',
  });
  assert.equal(chartAnchor('ratings.seasonal_variations', 'mean_dots'), 'chart-ratings-seasonal_variations-mean_dots');
  assert.equal(embedSnippet('http://h/?a=1&b="2"', 'Say <hi>'),
    '<iframe src="http://h/?a=1&amp;b=&quot;2&quot;" title="Say &lt;hi>" width="100%" height="520" style="border:0" loading="lazy"></iframe>');
});
