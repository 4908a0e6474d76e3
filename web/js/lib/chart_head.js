// The title bar of every chart: its title, the PNG / CSV downloads of exactly the data it draws, and a "Data" button
// that shows the same rows as a table under the chart. The plot itself is one image for a screen reader, named by
// its title and a summary of what it draws (the table holds the numbers).
import { h } from './dom.js';
import { chartTable, downloadText, drawNow, saveUrl, tableToCsv } from './charts.js';
import { chartLinks, embedSnippet, exportFileName, exportFootnote, exportLayout, exportTable } from './chart_export.js';
import { track } from './telemetry.js';

let tables = 0;

/** The words a screen reader says for a chart: its title, how many series and values, where the numbers are. */
export function chartSummary(title, table, t) {
  const series = new Set(table.rows.map((row) => row[0])).size;
  return t('chart.summary', { title, series: String(series), points: String(table.rows.length) });
}

function cellText(value, lang) {
  if (typeof value !== 'number') return String(value ?? '');
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: 6 }).format(value);
}

/** The chart's rows as a table (the CSV's rows; each cell keeps the CSV's text in data-value). */
export function dataTable(title, table, t, lang) {
  // Focusable, so that a keyboard can scroll a long table (axe: scrollable-region-focusable).
  return h('div', { class: 'table-wrap chart-data', tabindex: '0', role: 'region', 'aria-label': title },
    h('table', { class: 'data' },
      h('caption', {}, title),
      h('thead', {}, h('tr', {}, table.columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, table.rows.map((row) => h('tr', {}, row.map((cell) => h('td', {
        class: typeof cell === 'number' ? 'num' : undefined, 'data-value': String(cell ?? '') }, cellText(cell, lang))))))));
}

/** PNG of a drawn chart that stands alone: the drawn figure with its title on top and the footnote (filters,
 * source and dates, synthetic label) under it; the theme paints an opaque dark background. */
async function downloadPng(el, name, title, footnote) {
  track('download', { format: 'png', file: name });
  await drawNow(el);
  const Plotly = globalThis.Plotly;
  const layout = exportLayout(el.layout || {}, title, footnote);
  saveUrl(`${name}.png`, await Plotly.toImage({ data: el.data, layout }, { format: 'png', width: 1200, height: 760 }));
}

/** The chart's links to share it, embed it and fetch its numbers from the API, behind one disclosure. */
function shareBox(title, source, t) {
  const links = chartLinks(location.origin, source);
  const code = h('textarea', { class: 'embed-code', readonly: true, rows: '3', 'aria-label': t('chart.embed_code') },
    embedSnippet(links.embed, title));
  return h('details', { class: 'chart-share' },
    h('summary', { class: 'button small secondary' }, t('chart.share')),
    h('ul', {},
      h('li', {}, h('a', { href: links.page, 'data-link': 'page' }, t('chart.link'))),
      h('li', {}, h('a', { href: links.embed, 'data-link': 'embed', target: '_blank', rel: 'noopener' }, t('chart.embed_view'))),
      h('li', {}, h('a', { href: links.api, 'data-link': 'api', type: 'application/json' }, t('chart.api'))),
      h('li', {}, h('a', { href: links.openapi, 'data-link': 'openapi', type: 'application/json' }, t('chart.openapi')))),
    h('label', {}, h('span', {}, t('chart.embed_code')), code));
}

/** The title bar of a chart. source: {page, lang, filters, filterText, analysisId, chartId, synthetic, dataDate} for
 * an analysis' chart, {base, filterText, synthetic, dataDate} for another. */
export function chartHead(title, plot, chart, source, t, lang = document.documentElement.lang) {
  const id = `chart-data-${(tables += 1)}`;
  // An analysis' chart is named by its analysis and filters; another (a recipe's, say) brings its own name.
  const base = source.base || exportFileName(source.analysisId, source.chartId, source.filters);
  const table = () => exportTable(chartTable(chart), chart, t);
  const footnote = () => exportFootnote({ filters: source.filterText || [], dataDate: source.dataDate,
    synthetic: source.synthetic, exported: new Date().toISOString().slice(0, 10) }, t);
  // Plotly's drawing is hidden from screen readers (ticks and toolbar icons read as noise; its toolbar is out of
  // the tab order): they hear the title, this summary, then the buttons, and "Data" gives the numbers.
  plot.setAttribute('aria-hidden', 'true');
  const summary = h('p', { class: 'sr-only', 'data-chart-summary': '' }, chartSummary(title, chartTable(chart), t));
  const toggle = h('button', { type: 'button', class: 'button small secondary', 'data-show-data': '', 'aria-expanded': 'false',
    'aria-controls': id, onclick: () => {
      const box = plot.closest('figure');
      const shown = box.querySelector(`#${id}`);
      if (shown) {
        shown.remove();
        toggle.setAttribute('aria-expanded', 'false');
        return;
      }
      const view = dataTable(title, table(), t, lang);
      view.id = id;
      box.appendChild(view);
      toggle.setAttribute('aria-expanded', 'true');
    } }, t('chart.data'));
  return h('div', { class: 'chart-head' },
    h('h3', {}, title),
    summary,
    h('div', { class: 'chart-tools' },
      toggle,
      h('button', { type: 'button', class: 'button small secondary', 'data-download': 'png',
        onclick: () => downloadPng(plot, base, title, footnote()) }, t('chart.png')),
      h('button', { type: 'button', class: 'button small secondary', 'data-download': 'csv', onclick: () => {
        const rows = table();
        downloadText(`${base}.csv`, tableToCsv(rows.columns, rows.rows));
      } }, t('chart.csv')),
      source.analysisId ? shareBox(title, source, t) : null));
}
