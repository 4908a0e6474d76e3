// The table browser: every table and view of the data model with its rows and typed, described columns; one
// table's rows a page at a time, sorted by any column, filtered per column (equals, at least, at most, contains),
// with counts per value of its low-cardinality columns. The whole view is in the URL (?page=data&table=recipes&
// sort=minutes&order=desc&eq_season=winter&p=2), and the view's rows can be downloaded as JSON, CSV or Parquet.
import { h } from '../lib/dom.js';
import { cellText, formatNumber, isIdentifierColumn } from '../lib/i18n.js';

export const OPS = ['eq', 'min', 'max', 'has'];
const PER_PAGE = 50;
// Tables with a whole-table export (GET /api/v1/exports).
const EXPORTED = ['recipes', 'interactions', 'recipe_ingredients', 'recipe_tags'];

/** The view's filters from the URL state: eq_rating=5 → {op: 'eq', column: 'rating', value: '5'}. */
export function viewFilters(filters) {
  const out = [];
  for (const [name, value] of Object.entries(filters)) {
    const cut = name.indexOf('_');
    const op = name.slice(0, cut);
    if (cut > 0 && OPS.includes(op)) out.push({ op, column: name.slice(cut + 1), value });
  }
  return out;
}

/** The API parameters of the view in the URL state (page numbers, sort, filters as eq.COLUMN…). */
export function apiParams(filters) {
  const params = { table: filters.table, per_page: PER_PAGE };
  if (filters.p) params.page = filters.p;
  if (filters.sort) params.sort = filters.sort;
  if (filters.order) params.order = filters.order;
  for (const f of viewFilters(filters)) params[`${f.op}.${f.column}`] = f.value;
  return params;
}

/** /api/v1/data/rows?… for the view, in a format; all: every row of the view (all its pages), not this page's. */
export function rowsUrl(filters, format, { all = false } = {}) {
  const query = new URLSearchParams();
  const params = apiParams(filters);
  if (all) {
    delete params.page;
    delete params.per_page;
  }
  for (const name of Object.keys(params).sort()) query.set(name, String(params[name]));
  if (format !== 'json') query.set('format', format);
  if (all) query.set('all', '1');
  return `/api/v1/data/rows?${query.toString()}`;
}

function describe(t, table, column) {
  const text = t(`data.col.${table}.${column}`);
  return text === '—' ? '' : text;
}

function tableList(tables, current, lang, t, ctx) {
  return h('ul', { class: 'data-tables' }, tables.map((table) => h('li', {},
    h('a', {
      href: `?page=data&table=${encodeURIComponent(table.name)}${lang === 'en' ? '' : `&lang=${lang}`}`,
      'aria-current': table.name === current ? 'page' : undefined,
      'data-table': table.name,
      onclick: (e) => { e.preventDefault(); ctx.navigate({ filters: { table: table.name }, reset: true }); },
    }, table.name),
    ' ', h('span', { class: 'muted' }, t('data.rows_count', { n: formatNumber(table.rows, lang, 0) })))));
}

function filterForm(table, filters, t, ctx) {
  const column = h('select', { id: 'data-filter-column', 'aria-label': t('data.filter_column') },
    table.columns.map((c) => h('option', { value: c.name }, c.name)));
  const op = h('select', { id: 'data-filter-op', 'aria-label': t('data.filter_op') },
    OPS.map((o) => h('option', { value: o }, t(`data.op.${o}`))));
  const value = h('input', { id: 'data-filter-value', type: 'text', 'aria-label': t('data.filter_value') });
  const active = viewFilters(filters);
  return h('div', { class: 'section', 'data-section': 'data-filters' },
    h('form', {
      class: 'controls',
      onsubmit: (e) => {
        e.preventDefault();
        if (value.value === '') return;
        ctx.setFilters({ [`${op.value}_${column.value}`]: value.value, p: '' });
      },
    }, column, ' ', op, ' ', value, ' ', h('button', { type: 'submit', id: 'data-filter-add' }, t('data.filter_add'))),
    active.length ? h('ul', { class: 'chips' }, active.map((f) => h('li', {},
      `${f.column} ${t(`data.op.${f.op}`)} ${f.value} `,
      h('button', {
        type: 'button',
        'aria-label': t('data.filter_remove', { filter: `${f.column} ${t(`data.op.${f.op}`)} ${f.value}` }),
        onclick: () => ctx.setFilters({ [`${f.op}_${f.column}`]: '', p: '' }),
      }, '×')))) : null);
}

function facetsSection(facets, filters, lang, t, ctx) {
  const names = Object.keys(facets || {}).filter((name) => facets[name].length > 1);
  if (!names.length) return null;
  return h('section', { class: 'section', 'data-section': 'data-facets' }, h('h2', {}, t('data.facets')),
    h('div', { class: 'facets' }, names.map((name) => h('div', { class: 'facet', 'data-facet': name },
      h('h3', {}, name),
      h('ul', {}, facets[name].map(([value, count]) => h('li', {},
        value === null ? h('span', {}, t('data.null')) : h('button', {
          type: 'button',
          onclick: () => ctx.setFilters({ [`eq_${name}`]: String(value), p: '' }),
        }, cellText(value, lang, t, { numeric: false })),
        ' ', h('span', { class: 'muted' }, formatNumber(count, lang, 0)))))))));
}

function rowsTable(table, data, filters, lang, t, ctx) {
  const sortBy = (column) => {
    const order = filters.sort === column && filters.order !== 'desc' ? 'desc' : 'asc';
    ctx.setFilters({ sort: column, order, p: '' });
  };
  // Quantities in the locale's format; identifiers and years as they are.
  const numeric = data.columns.map((c) => !isIdentifierColumn(c.name));
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': table.name },
    h('table', { class: 'data', id: 'data-rows' },
      h('thead', {}, h('tr', {}, data.columns.map((c) => h('th', {
        scope: 'col',
        'aria-sort': filters.sort === c.name ? (filters.order === 'desc' ? 'descending' : 'ascending') : undefined,
      }, h('button', { type: 'button', class: 'sort', 'data-sort': c.name, title: c.type, onclick: () => sortBy(c.name) },
        c.name))))),
      h('tbody', {}, data.rows.map((row) => h('tr', {}, row.map((value, i) =>
        h('td', { class: typeof value === 'number' ? 'num' : undefined }, cellText(value, lang, t, { numeric: numeric[i] }))))))));
}

export default {
  id: 'data',
  titleKey: 'page.data.title',
  filters: [],
  async load(api, state) {
    const catalog = await api.fetch('data/tables', {}, state.lang);
    if (!state.filters.table) return { catalog, rows: null };
    return { catalog, rows: await api.fetch('data/rows', apiParams(state.filters), state.lang) };
  },
  render(el, data, state, t, ctx) {
    const lang = state.lang;
    const filters = state.filters;
    el.appendChild(h('h1', {}, t('page.data.title')));
    el.appendChild(h('p', { class: 'lead' }, t('page.data.lead')));
    el.appendChild(h('nav', { 'aria-label': t('data.tables') }, h('h2', {}, t('data.tables')),
      tableList(data.catalog.tables, filters.table, lang, t, ctx)));
    const table = data.catalog.tables.find((x) => x.name === filters.table);
    if (!table || !data.rows) return;
    const rows = data.rows;
    el.appendChild(h('section', { class: 'section', 'data-section': 'data-columns' },
      h('h2', {}, t('data.columns_of', { table: table.name })),
      h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('data.columns_of', { table: table.name }) },
        h('table', { class: 'data' },
          h('thead', {}, h('tr', {}, ['data.col_name', 'data.col_type', 'data.col_description'].map((k) => h('th', {}, t(k))))),
          h('tbody', {}, table.columns.map((c) => h('tr', {},
            h('td', {}, h('code', {}, c.name)), h('td', {}, c.type), h('td', {}, describe(t, table.name, c.name)))))))));
    el.appendChild(filterForm(table, filters, t, ctx));
    el.appendChild(facetsSection(rows.facets, filters, lang, t, ctx) || h('div'));
    const page = Number(filters.p || 1);
    const pages = Math.max(1, Math.ceil(rows.total / PER_PAGE));
    el.appendChild(h('section', { class: 'section', 'data-section': 'data-rows' },
      h('h2', {}, t('data.rows')),
      h('p', { id: 'data-summary' }, t('data.showing', {
        n: formatNumber(rows.row_count, lang, 0), total: formatNumber(rows.total, lang, 0),
        page: formatNumber(page, lang, 0), pages: formatNumber(pages, lang, 0),
      })),
      h('p', { class: 'downloads' },
        h('a', { href: rowsUrl(filters, 'json'), id: 'data-json' }, t('data.download_json')), ' · ',
        h('a', { href: rowsUrl(filters, 'csv'), download: `${table.name}.csv`, id: 'data-csv' }, t('data.download_csv')), ' · ',
        h('a', { href: rowsUrl(filters, 'parquet'), download: `${table.name}.parquet`, id: 'data-parquet' }, t('data.download_parquet')),
        ' · ',
        h('a', { href: rowsUrl(filters, 'csv', { all: true }), download: `${table.name}-all.csv`, id: 'data-view-csv' },
          t('data.download_view_csv', { total: formatNumber(rows.total, lang, 0) })), ' · ',
        h('a', { href: rowsUrl(filters, 'parquet', { all: true }), download: `${table.name}-all.parquet`, id: 'data-view-parquet' },
          t('data.download_view_parquet', { total: formatNumber(rows.total, lang, 0) })),
        EXPORTED.includes(table.name) ? [' · ',
          h('a', { href: `/api/v1/exports/${table.name}.parquet`, id: 'data-all-parquet' }, t('data.download_all_parquet')), ' · ',
          h('a', { href: `/api/v1/exports/${table.name}.csv`, id: 'data-all-csv' }, t('data.download_all_csv'))] : null),
      rowsTable(table, rows, filters, lang, t, ctx),
      h('nav', { class: 'pager', 'aria-label': t('data.pages') },
        h('button', { type: 'button', 'data-pager': 'prev', disabled: page <= 1, onclick: () => ctx.setFilters({ p: page - 1 > 1 ? page - 1 : '' }) }, t('data.previous')),
        ' ',
        h('button', { type: 'button', 'data-pager': 'next', disabled: page >= pages, onclick: () => ctx.setFilters({ p: page + 1 }) }, t('data.next')))));
  },
};
