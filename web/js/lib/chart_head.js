// The title bar of every chart: its title, the PNG / CSV downloads of exactly the data it draws, and a "Data" button
// that shows the same rows as a table under the chart. The plot itself is one image for a screen reader, named by
// its title and a summary of what it draws (the table holds the numbers).
import { h } from './dom.js';
import { chartTable, downloadPng, downloadText, tableToCsv } from './charts.js';

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
      h('thead', {}, h('tr', {}, table.columns.map((c) => h('th', { scope: 'col' }, t.has(`chart.column.${c}`) ? t(`chart.column.${c}`) : c)))),
      h('tbody', {}, table.rows.map((row) => h('tr', {}, row.map((cell) => h('td', {
        class: typeof cell === 'number' ? 'num' : undefined, 'data-value': String(cell ?? '') }, cellText(cell, lang))))))));
}

export function chartHead(title, plot, chart, base, t, lang = document.documentElement.lang) {
  const id = `chart-data-${(tables += 1)}`;
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
      const view = dataTable(title, chartTable(chart), t, lang);
      view.id = id;
      box.appendChild(view);
      toggle.setAttribute('aria-expanded', 'true');
    } }, t('chart.data'));
  return h('div', { class: 'chart-head' },
    h('h3', {}, title),
    summary,
    h('div', { class: 'chart-tools' },
      toggle,
      h('button', { type: 'button', class: 'button small secondary', 'data-download': 'png', onclick: () => downloadPng(plot, base) }, t('chart.png')),
      h('button', { type: 'button', class: 'button small secondary', 'data-download': 'csv', onclick: () => {
        const table = chartTable(chart);
        downloadText(`${base}.csv`, tableToCsv(table.columns, table.rows));
      } }, t('chart.csv'))));
}
