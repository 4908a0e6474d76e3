// The title bar of every chart: its title and the PNG / CSV downloads of exactly the data it draws.
import { h } from './dom.js';
import { chartTable, downloadPng, downloadText, tableToCsv } from './charts.js';

export function chartHead(title, plot, chart, base, t) {
  return h('div', { class: 'chart-head' },
    h('h3', {}, title),
    h('div', { class: 'chart-tools' },
      h('button', { type: 'button', class: 'button small secondary', 'data-download': 'png', onclick: () => downloadPng(plot, base) }, t('chart.png')),
      h('button', { type: 'button', class: 'button small secondary', 'data-download': 'csv', onclick: () => {
        const table = chartTable(chart);
        downloadText(`${base}.csv`, tableToCsv(table.columns, table.rows));
      } }, t('chart.csv'))));
}
