// The generic analysis page: every analysis the server lists for a page, each rendered from its result
// JSON (narrative, metric cards, charts, tests, tables), under one filter bar generated from the
// analyses' filter specs. A page needs no code of its own: makeAnalysisPage('trends').
import { h } from '../lib/dom.js';
import { pick, formatNumber, formatP } from '../lib/i18n.js';
import { drawCharts } from '../lib/charts.js';
import { chartHead } from '../lib/chart_head.js';
import { chartAnchor, chartLinks, exportFootnote } from '../lib/chart_export.js';
import { filtersFor } from '../lib/url_state.js';

const DAY_KEYS = ['day.mon', 'day.tue', 'day.wed', 'day.thu', 'day.fri', 'day.sat', 'day.sun'];

/** The analyses a page shows: those the server assigns to it, then the extra ids it borrows. */
export function pageAnalyses(list, page, extra = []) {
  return [...list.filter((a) => a.page === page), ...extra.map((id) => list.find((a) => a.id === id)).filter(Boolean)];
}

/** Filter specs shared by a page's analyses (first occurrence wins), lang excluded. */
export function pageFilters(list, page, extra = []) {
  const specs = new Map();
  for (const a of pageAnalyses(list, page, extra)) {
    for (const spec of a.filters || []) {
      if (spec.name !== 'lang' && !specs.has(spec.name)) specs.set(spec.name, spec);
    }
  }
  return [...specs.values()];
}

function currentValue(spec, filters) {
  return filters[spec.name] !== undefined ? filters[spec.name] : spec.default ?? '';
}

function listValues(value) {
  return String(value || '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** The message shown at a field the API refused: built from the limits the API publishes for it, in the page's
 * language (the API's own detail is English). */
export function invalidMessage(spec, value, t, lang) {
  const number = Number(value);
  const hasRange = spec.minimum !== undefined && spec.minimum !== null && spec.maximum !== undefined && spec.maximum !== null;
  if (hasRange && (!Number.isFinite(number) || number < spec.minimum || number > spec.maximum)) {
    const decimals = spec.type === 'integer' ? 0 : 3;
    return t('filter.invalid_range', { min: formatNumber(spec.minimum, lang, decimals), max: formatNumber(spec.maximum, lang, decimals) });
  }
  if (spec.name === 'year_from' || spec.name === 'year_to') {
    return t('filter.invalid_order', { from: t('filter.year_from'), to: t('filter.year_to') });
  }
  return t('filter.invalid');
}

/** The control as the API marked it: aria-invalid, and the message tied to it by aria-describedby. */
function markInvalid(control, field, message) {
  const errorId = `${control.id || control.getAttribute('name')}-error`;
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-describedby', errorId);
  field.appendChild(h('span', { class: 'field-error', id: errorId }, message));
}

function filterControl(spec, state, t, onChange, invalid) {
  const field = filterField(spec, state, t, onChange);
  if (invalid && invalid.parameter === spec.name) {
    const control = field.querySelector('input, select, fieldset');
    if (control) markInvalid(control, field, invalidMessage(spec, currentValue(spec, state.filters), t, state.lang));
  }
  return field;
}

function filterField(spec, state, t, onChange) {
  const value = currentValue(spec, state.filters);
  const label = t(`filter.${spec.name}`);
  const id = `filter-${spec.name}`;
  if (spec.type === 'boolean') {
    return h('label', { class: 'filter', for: id },
      h('span', {}, label),
      h('input', { id, type: 'checkbox', name: spec.name, checked: String(value) === 'true',
        onchange: (e) => onChange(spec.name, e.target.checked ? 'true' : 'false') }));
  }
  if (spec.type === 'enum') {
    return h('label', { class: 'filter', for: id },
      h('span', {}, label),
      h('select', { id, name: spec.name, onchange: (e) => onChange(spec.name, e.target.value) },
        (spec.allowed || []).map((option) =>
          h('option', { value: option, selected: option === value }, t(`option.${spec.name}.${option}`)))));
  }
  if (spec.type === 'enum_list' || spec.type === 'integer_list') {
    const options = spec.type === 'enum_list'
      ? (spec.allowed || []).map((v) => [v, t(`season.${v}`)])
      : [1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), t(DAY_KEYS[d - 1])]);
    const chosen = listValues(value);
    const all = chosen.length === 0;
    const box = h('fieldset', { class: 'filter-list', name: spec.name }, h('legend', {}, label));
    for (const [optionValue, optionLabel] of options) {
      box.appendChild(h('label', {},
        h('input', { type: 'checkbox', value: optionValue, checked: all || chosen.includes(optionValue),
          onchange: () => {
            const picked = [...box.querySelectorAll('input:checked')].map((i) => i.value);
            // All or none selected both mean "no restriction".
            onChange(spec.name, picked.length === 0 || picked.length === options.length ? '' : picked.join(','));
          } }),
        optionLabel));
    }
    return h('div', { class: 'filter' }, box);
  }
  const step = spec.type === 'integer' ? '1' : '0.001';
  return h('label', { class: 'filter', for: id },
    h('span', {}, label),
    h('input', { id, type: 'number', name: spec.name, value: String(value), step,
      min: spec.minimum ?? undefined, max: spec.maximum ?? undefined,
      onchange: (e) => onChange(spec.name, e.target.value) }));
}

/** A metric's unit in the page's language ("pts/year" → "pts/an"); a unit the catalog does not know is shown as sent. */
function unitText(unit, t) {
  return t.has(`unit.${unit}`) ? t(`unit.${unit}`) : unit;
}

function metricCard(metric, lang, t) {
  const decimals = Number.isInteger(metric.decimals) ? metric.decimals : 2;
  return h('div', { class: 'card metric', title: pick(metric.help, lang) || undefined, 'data-metric': metric.id || undefined },
    h('div', { class: 'label' }, pick(metric.label, lang)),
    h('div', { class: 'value' }, formatNumber(metric.value, lang, decimals),
      metric.unit ? h('span', { class: 'unit' }, ` ${unitText(metric.unit, t)}`) : null));
}

/** Charts that need the full width: heatmaps, long series and tall layouts; the rest go two abreast. */
export function isWideChart(chart) {
  const traces = chart.traces || [];
  const points = Math.max(0, ...traces.map((t) => Math.max((t.x || []).length, (t.y || []).length, (t.r || []).length)));
  return traces.some((t) => t.type === 'heatmap') || points > 40 || Number(chart.layout?.height) > 520;
}

/** True when no trace of the chart has a point to draw (e.g. no item passes the thresholds). */
export function isEmptyChart(chart) {
  const size = (v) => (Array.isArray(v) ? v.length : 0);
  return !(chart.traces || []).some((t) => Math.max(size(t.x), size(t.y), size(t.z), size(t.values), size(t.r), size(t.q1)) > 0);
}

/** Where a chart comes from, for its downloads and links: the page, language and filters that made it, and the
 * dataset (synthetic or not, its date). */
function chartSource(analysis, chart, state, meta, filterText) {
  const accepted = (analysis.filters || []).map((f) => f.name);
  return { page: state.page, lang: state.lang, filters: filtersFor(state.filters, accepted), filterText,
    analysisId: analysis.id, chartId: chart.id, synthetic: Boolean(meta && meta.is_synthetic), dataDate: meta && meta.data_date };
}

function chartBox(source, chart, lang, t) {
  const title = pick(chart.title, lang);
  if (isEmptyChart(chart)) {
    // An empty Plotly frame looks broken; say why there is nothing to draw instead.
    return { box: h('figure', { class: 'chart-box', 'data-empty-chart': chart.id || '' },
      h('div', { class: 'chart-head' }, h('h3', {}, title)),
      h('p', { class: 'chart-empty' }, t('chart.empty'))), plot: null };
  }
  const plot = h('div', { class: 'chart', 'data-chart': chart.id || '' });
  const box = h('figure', { class: isWideChart(chart) ? 'chart-box wide' : 'chart-box', id: chartAnchor(source.analysisId, chart.id) },
    chartHead(title, plot, chart, source, t),
    plot);
  return { box, plot };
}

function testsTable(tests, lang, t) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('test.heading') }, h('table', { class: 'data tests' },
    h('thead', {}, h('tr', {},
      ['test.name', 'test.statistic', 'test.p', 'test.p_adjusted', 'test.effect', 'test.n'].map((k) => h('th', {}, t(k))))),
    h('tbody', {}, tests.map((row) => h('tr', {},
      h('td', {}, pick(row.name, lang)),
      h('td', { class: 'num' }, `${row.statistic_name ? columnLabel(row.statistic_name, t) : ''} = ${formatNumber(row.statistic, lang, 3)}`),
      h('td', { class: 'num' }, formatP(row.p, lang)),
      h('td', { class: 'num' }, row.p_adjusted === undefined ? '—' : formatP(row.p_adjusted, lang)),
      h('td', { class: 'num' }, row.effect_name ? `${columnLabel(row.effect_name, t)} = ${formatNumber(row.effect, lang, 3)}` : '—'),
      h('td', { class: 'num' }, formatNumber(row.n, lang, 0)))))));
}

/** Header of a data-table column: the dictionary's label when it has one, else the name made readable. */
function columnLabel(name, t) {
  const key = `column.${name}`;
  return t.has(key) ? t(key) : name.replace(/_/g, ' ');
}

const P_COLUMN = /(^|_)p(_adjusted)?$/;

function tableCell(column, cell, lang, t) {
  if (typeof cell === 'boolean') return h('td', { class: 'short' }, t(cell ? 'about.yes' : 'about.no'));
  if (typeof cell !== 'number') {
    const text = cell === null || cell === undefined ? '' : String(cell);
    // Short codes and units ("% DV", "Sat") read badly when broken; long names may wrap.
    return h('td', { class: text.length <= 12 ? 'short' : undefined }, text);
  }
  const text = P_COLUMN.test(column) ? formatP(cell, lang) : formatNumber(cell, lang, Number.isInteger(cell) ? 0 : 3);
  return h('td', { class: 'num' }, text);
}

function dataTable(table, lang, t) {
  const rows = table.rows || [];
  const columns = table.columns || [];
  // A table wider than a phone scrolls inside its box: focusable, so a keyboard can scroll it too.
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': pick(table.title, lang) },
    h('h3', {}, pick(table.title, lang)),
    h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, columnLabel(c, t))))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c, i) =>
        tableCell(c, Array.isArray(row) ? row[i] : row[c], lang, t)))))));
}

function analysisSection(entry, lang, t, plots, ctx, view) {
  const { analysis, result, error } = entry;
  const section = h('section', { class: 'analysis', id: sectionId(analysis.id), 'data-analysis': analysis.id },
    h('h2', {}, pick(analysis.title, lang)));
  if (error) {
    section.appendChild(h('div', { class: 'error-panel', role: 'alert' },
      h('p', {}, t('error.analysis')), h('p', { class: 'detail' }, error.message || ''),
      h('button', { type: 'button', class: 'button', onclick: ctx.retry }, t('error.retry'))));
    return section;
  }
  const sentences = Array.isArray(result.narrative) ? result.narrative.map((s) => pick(s, lang)) : [];
  if (sentences.length) section.appendChild(h('ul', { class: 'narrative' }, sentences.map((s) => h('li', {}, s))));
  if ((result.metrics || []).length) section.appendChild(h('div', { class: 'cards' }, result.metrics.map((m) => metricCard(m, lang, t))));
  const grid = h('div', { class: 'charts' });
  for (const chart of result.charts || []) {
    const { box, plot } = chartBox(chartSource(analysis, chart, view.state, view.meta, view.filterText), chart, lang, t);
    grid.appendChild(box);
    if (plot) plots.push({ plot, chart });
  }
  if (grid.childNodes.length) section.appendChild(grid);
  if ((result.tests || []).length) {
    section.appendChild(h('h3', {}, t('test.heading')));
    section.appendChild(testsTable(result.tests, lang, t));
  }
  for (const table of result.tables || []) section.appendChild(dataTable(table, lang, t));
  return section;
}

/** Every analysis of the page for some filters; a 400 (a filter the API refuses) is thrown, other failures stay
 * with their analysis. */
async function loadEntries(api, analyses, filters, lang) {
  const accepted = (a) => (a.filters || []).map((f) => f.name);
  return Promise.all(analyses.map(async (analysis) => {
    try {
      return { analysis, result: await api.analysis(analysis.id, filtersFor(filters, accepted(analysis)), lang) };
    } catch (error) {
      if (error && error.status === 400) throw error;
      return { analysis, error };
    }
  }));
}

/** The anchor of an analysis' section ("trends.volume" -> "trends-volume"): a link to it keeps the filters. */
export function sectionId(analysisId) {
  return analysisId.replace(/[^a-z0-9_-]+/gi, '-');
}

/** The filters in force, as "label: value" pieces, for the summary that stays on screen while scrolling. */
export function activeFilterText(filters, specs, t) {
  const shown = (spec, value) => (t.has(`option.${spec.name}.${value}`) ? t(`option.${spec.name}.${value}`) : value);
  return specs.filter((spec) => filters[spec.name] !== undefined && filters[spec.name] !== '')
    .map((spec) => `${t(`filter.${spec.name}`)}${t('filter.separator')}${shown(spec, filters[spec.name])}`);
}

/** A menu of the page's sections (long pages: ~10,000 px on a laptop) and, stuck to the top, the filters in force. */
function pageGuide(entries, filterSpecs, state, t, lang) {
  const active = activeFilterText(state.filters, filterSpecs, t);
  const summary = h('p', { class: 'filter-summary', 'data-filter-summary': '' },
    h('strong', {}, t('filter.in_force')), ' ', active.length ? active.join(' · ') : t('filter.none'));
  const links = entries.map(({ analysis }) => h('li', {}, h('a', { href: `#${sectionId(analysis.id)}`,
    onclick: (e) => {
      e.preventDefault();
      const target = document.getElementById(sectionId(analysis.id));
      history.replaceState(history.state, '', `${location.search}#${sectionId(analysis.id)}`);
      target.scrollIntoView({ block: 'start' });
      target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
    } }, pick(analysis.title, lang))));
  return [h('nav', { class: 'section-menu', 'aria-label': t('page.sections') }, h('ul', {}, links)), summary];
}

/** The chart-only view of ?embed=1&chart=analysis/chart, for an iframe: the chart, what it shows and where it
 * comes from, and a link to the whole page. */
function renderEmbed(el, data, state, t) {
  const [analysisId, chartId] = state.embed.split('/');
  const entry = data.entries.find((e) => e.analysis.id === analysisId);
  const chart = entry && entry.result && (entry.result.charts || []).find((c) => c.id === chartId);
  if (!chart) {
    el.appendChild(h('h1', {}, t('embed.not_found_title')));
    el.appendChild(h('p', { class: 'lead' }, t('embed.not_found')));
    return null;
  }
  const filterText = activeFilterText(state.filters, data.filters, t);
  const source = chartSource(entry.analysis, chart, state, data.meta, filterText);
  const { box, plot } = chartBox(source, chart, state.lang, t);
  el.appendChild(box);
  const footnote = exportFootnote({ filters: filterText, dataDate: source.dataDate, synthetic: source.synthetic,
    exported: new Date().toISOString().slice(0, 10) }, t);
  el.appendChild(h('p', { class: 'embed-note', 'data-embed-note': '' }, footnote.join(' — '), ' ',
    h('a', { href: chartLinks(location.origin, source).page, target: '_blank', rel: 'noopener' }, t('embed.open'))));
  return plot ? drawCharts(el, [{ plot, chart }]) : null;
}

export function makeAnalysisPage(id, { extra = [] } = {}) {
  // The results of the last filters the API accepted, by language: a refused value keeps them on screen.
  const lastGood = new Map();
  return {
    id,
    titleKey: `page.${id}.title`,
    keepDrawn: true,
    filters: [],
    async load(api, state) {
      const [listed, meta] = await Promise.all([api.analyses(state.lang), api.meta(state.lang).catch(() => ({}))]);
      const list = listed.analyses || [];
      const all = pageAnalyses(list, id, extra);
      // An embedded chart needs its own analysis only.
      const mine = state.embed ? all.filter((a) => a.id === state.embed.split('/')[0]) : all;
      const filters = pageFilters(list, id, extra);
      try {
        // One failing analysis shows its own error; the rest of the page still renders.
        const entries = await loadEntries(api, mine, state.filters, state.lang);
        lastGood.set(state.lang, entries);
        return { filters, entries, meta };
      } catch (error) {
        const parameter = error && error.status === 400 && error.problem && error.problem.parameter;
        if (!parameter || !filters.some((f) => f.name === parameter)) throw error;
        const invalid = { parameter, detail: error.problem.detail };
        // The field is marked and the last accepted results stay; on a first visit, those without the value.
        const kept = lastGood.get(state.lang);
        if (kept) return { filters, entries: kept, invalid, meta };
        const without = { ...state.filters };
        delete without[parameter];
        return { filters, entries: await loadEntries(api, mine, without, state.lang), invalid, meta };
      }
    },
    render(el, data, state, t, ctx) {
      const lang = state.lang;
      if (state.embed) return renderEmbed(el, data, state, t);
      el.appendChild(h('h1', {}, t(`page.${id}.title`)));
      el.appendChild(h('p', { class: 'lead' }, t(`page.${id}.lead`)));
      if (data.filters.length) {
        const bar = h('form', { class: 'filter-bar', 'aria-label': t('filter.bar'), onsubmit: (e) => e.preventDefault() },
          data.filters.map((spec) => filterControl(spec, state, t, (name, value) => ctx.setFilters({ [name]: value }), data.invalid)));
        if (Object.keys(state.filters).length) {
          bar.appendChild(h('button', { type: 'button', class: 'button secondary', onclick: () => ctx.resetFilters() }, t('filter.reset')));
        }
        el.appendChild(bar);
        if (data.invalid) el.appendChild(h('p', { class: 'note', role: 'status', 'data-invalid-note': data.invalid.parameter }, t('filter.invalid_kept')));
      }
      if (!data.entries.length) el.appendChild(h('p', { class: 'lead' }, t('page.empty')));
      if (data.entries.length > 1) for (const node of pageGuide(data.entries, data.filters, state, t, lang)) el.appendChild(node);
      const plots = [];
      const view = { state, meta: data.meta, filterText: activeFilterText(state.filters, data.filters, t) };
      for (const entry of data.entries) el.appendChild(analysisSection(entry, lang, t, plots, ctx, view));
      return drawCharts(el, plots);
    },
  };
}
