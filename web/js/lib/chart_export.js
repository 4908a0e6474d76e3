// What a chart carries when it leaves the page: CSV columns named as the chart names them, numbers rounded to
// what the chart can show, file names that say which filters made them, a PNG that stands alone (title, filters,
// source and date, the synthetic label), and the links to share, embed or fetch it from the API. Pure functions
// (no DOM), tested with node --test.
import { plotlyText } from './charts.js';

const SIGNIFICANT_DIGITS = 6;

/** A number as exported: integers as they are, others to 6 significant digits (the API's 15-17 digits are
 * noise to a reader and no chart or table shows them); anything else unchanged. */
export function exportNumber(value) {
  if (typeof value !== 'number' || !Number.isFinite(value) || Number.isInteger(value)) return value;
  return Number(value.toPrecision(SIGNIFICANT_DIGITS));
}

function axisTitle(axis) {
  const title = axis && axis.title;
  return typeof title === 'string' ? title : (title && title.text) || '';
}

/** The header of each column role of a chart's table (series, x, y, z, error, box statistics): the chart's own
 * axis titles where it has them, else the dictionary's words; never two equal headers. */
export function columnLabels(chart, roles, t) {
  const traces = chart.traces || [];
  const pie = traces.some((trace) => trace.type === 'pie');
  const colorbar = traces.map((trace) => axisTitle(trace.colorbar)).find(Boolean);
  const named = {
    x: axisTitle(chart.layout && chart.layout.xaxis) || t(pie ? 'chart.column.category' : 'chart.column.x'),
    y: axisTitle(chart.layout && chart.layout.yaxis) || t(pie ? 'chart.column.value' : 'chart.column.y'),
    z: colorbar || t('chart.column.z'),
  };
  const seen = new Set();
  return roles.map((role) => {
    let label = named[role] || (t.has(`chart.column.${role}`) ? t(`chart.column.${role}`) : role);
    if (seen.has(label)) label = `${label} (${role})`;
    seen.add(label);
    return label;
  });
}

/** The file name of a chart's download: analysis, chart and every filter in force, e.g.
 * trends-ingredients_movers_by_year_year_from-2005_year_to-2010 (lowercase, [a-z0-9_-] only). */
export function exportFileName(analysisId, chartId, filters = {}) {
  const parts = [analysisId, chartId, ...Object.keys(filters).sort().filter((name) => filters[name] !== '' && filters[name] !== undefined)
    .map((name) => `${name}-${filters[name]}`)];
  return parts.filter(Boolean).join('_').toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/-+/g, '-');
}

/** The lines printed under an exported PNG: the filters, the data's source and dates, the synthetic label. */
export function exportFootnote(info, t) {
  const lines = [`${t('filter.in_force')} ${info.filters.length ? info.filters.join(' · ') : t('filter.none')}`,
    t('export.source', { data_date: info.dataDate || '—', exported: info.exported })];
  if (info.synthetic) lines.push(t('export.synthetic'));
  return lines;
}

/** The layout of the PNG of a chart: the drawn layout plus its title on top and the footnote under the plot
 * (every text escaped for Plotly, as on screen), with the margins to hold them. */
export function exportLayout(layout, title, footnote) {
  const margin = { ...(layout.margin || {}) };
  margin.t = Math.max(margin.t || 0, 70);
  margin.b = Math.max(margin.b || 0, 70) + 20 * footnote.length;
  // Under the x axis' ticks and title, left-aligned with the plot.
  const note = { text: footnote.map(plotlyText).join('<br>'), showarrow: false, xref: 'paper', yref: 'paper', x: 0, y: 0,
    xanchor: 'left', yanchor: 'top', yshift: -62, align: 'left', font: { size: 12, color: '#C8C8C8' } };
  return {
    ...layout,
    title: { text: plotlyText(title), x: 0.02, xanchor: 'left', font: { size: 20 } },
    margin,
    annotations: [...(layout.annotations || []), note],
  };
}

/** A chart's table as exported and shown under "Data": named columns, rounded numbers (chartTable's rows). */
export function exportTable(table, chart, t) {
  return { columns: columnLabels(chart, table.columns, t), rows: table.rows.map((row) => row.map(exportNumber)) };
}

/** Where a chart can be reached from outside the page: its link on the page, its chart-only view for an
 * iframe, its analysis in the JSON API and the API's OpenAPI document. */
export function chartLinks(origin, { page, lang, filters, analysisId, chartId }) {
  const query = new URLSearchParams({ page });
  if (lang && lang !== 'en') query.set('lang', lang);
  for (const name of Object.keys(filters || {}).sort()) query.set(name, filters[name]);
  const anchor = chartAnchor(analysisId, chartId);
  const embed = new URLSearchParams(query);
  embed.set('embed', '1');
  embed.set('chart', `${analysisId}/${chartId}`);
  const api = new URLSearchParams({ ...(filters || {}), lang: lang || 'en' });
  return {
    page: `${origin}/?${query}#${anchor}`,
    embed: `${origin}/?${embed}`,
    api: `${origin}/api/v1/analyses/${encodeURIComponent(analysisId)}?${api}`,
    openapi: `${origin}/api/v1/openapi.json`,
  };
}

/** The id of a chart's box on its page (the #anchor of its link). */
export function chartAnchor(analysisId, chartId) {
  return `chart-${analysisId}-${chartId}`.replace(/[^a-z0-9_-]+/gi, '-');
}

/** The HTML a blog pastes to embed a chart (the title is the iframe's accessible name). */
export function embedSnippet(url, title) {
  const attr = (text) => String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${attr(url)}" title="${attr(title)}" width="100%" height="520" style="border:0" loading="lazy"></iframe>`;
}
