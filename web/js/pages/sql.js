// The SQL workbench: one read-only query over the data model, typed by the reader or picked among examples that
// answer real questions; the schema beside the editor, the result as a table and as a chart of any two columns,
// and the result's CSV, JSON and Parquet. The query lives in the URL (?page=sql&q=…), so a result is a permalink.
import { h } from '../lib/dom.js';
import { cellText, formatNumber, isIdentifierColumn } from '../lib/i18n.js';
import { escapedForPlotly, loadPlotly, plotlyText, themedLayout } from '../lib/charts.js';

/** Example queries, each answering a question a reader asks of this dataset. */
export const EXAMPLES = [
  {
    key: 'sql.example.top_ingredients',
    sql: `WITH counts AS (
  SELECT r.year // 10 * 10 AS decade, i.ingredient, count(*) AS recipes
  FROM recipe_ingredients i JOIN recipes r ON r.id = i.recipe_id
  WHERE r.is_clean
  GROUP BY 1, 2)
SELECT decade, ingredient, recipes FROM counts
QUALIFY row_number() OVER (PARTITION BY decade ORDER BY recipes DESC, ingredient) <= 5
ORDER BY decade, recipes DESC`,
  },
  {
    key: 'sql.example.ratings_by_weekday',
    sql: `SELECT weekday, round(avg(rating), 3) AS mean_rating, count(*) AS ratings
FROM interactions
WHERE is_clean
GROUP BY weekday
ORDER BY weekday`,
  },
  {
    key: 'sql.example.reviews_per_year',
    sql: `SELECT year, count(*) AS reviews, round(avg(rating), 3) AS mean_rating
FROM interactions
WHERE is_clean
GROUP BY year
ORDER BY year`,
  },
  {
    key: 'sql.example.quick_and_loved',
    sql: `SELECT r.name, r.minutes, round(avg(i.rating), 2) AS mean_rating, count(*) AS ratings
FROM recipes r JOIN interactions i ON i.recipe_id = r.id
WHERE r.is_clean AND i.is_clean
GROUP BY r.id, r.name, r.minutes
HAVING count(*) >= 20
ORDER BY mean_rating DESC, r.minutes
LIMIT 20`,
  },
  {
    key: 'sql.example.top_tags',
    sql: `SELECT tag, count(*) AS recipes
FROM recipe_tags
GROUP BY tag
ORDER BY recipes DESC
LIMIT 20`,
  },
];

const SCHEMA_SQL = `SELECT table_name, column_name, data_type FROM information_schema.columns
WHERE table_schema = 'main' ORDER BY table_name, ordinal_position`;
// Rows drawn in the page's table; the downloads hold the whole result.
const SHOWN_ROWS = 500;
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/;

let schemaPromise = null;

/** The URL of the query's answer in a format (json or csv), for the download links. */
export function resultUrl(sql, format) {
  const params = new URLSearchParams({ q: sql });
  if (format !== 'json') params.set('format', format);
  return `/api/v1/sql?${params.toString()}`;
}

/** Tables → their columns, from information_schema rows. */
export function groupSchema(rows) {
  const tables = new Map();
  for (const [table, column, type] of rows) {
    if (!tables.has(table)) tables.set(table, []);
    tables.get(table).push({ column, type });
  }
  return tables;
}

/** The columns charted by default: the first as x, the first numeric one after it as y. */
export function defaultAxes(columns) {
  const y = columns.findIndex((c, i) => i > 0 && NUMERIC.test(c.type));
  return { x: 0, y: y === -1 ? Math.min(1, columns.length - 1) : y };
}

function schemaAside(schema, t) {
  const aside = h('aside', { class: 'sql-schema', 'aria-label': t('sql.schema') }, h('h2', {}, t('sql.schema')));
  if (!schema) {
    aside.appendChild(h('p', {}, t('sql.schema_unavailable')));
    return aside;
  }
  for (const [table, columns] of groupSchema(schema.rows)) {
    aside.appendChild(h('details', { 'data-table': table },
      h('summary', {}, table),
      h('ul', {}, columns.map(({ column, type }) => h('li', {}, h('code', {}, column), ' ', h('span', { class: 'muted' }, type))))));
  }
  return aside;
}

function resultTable(result, lang, t) {
  const rows = result.rows.slice(0, SHOWN_ROWS);
  // Quantities in the locale's format; identifiers and years as they are.
  const numeric = result.columns.map((c) => NUMERIC.test(c.type) && !isIdentifierColumn(c.name));
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('sql.result') },
    h('table', { class: 'data', id: 'sql-result' },
      h('thead', {}, h('tr', {}, result.columns.map((c) => h('th', { scope: 'col', title: c.type }, c.name)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, row.map((value, i) =>
        h('td', { class: typeof value === 'number' ? 'num' : undefined }, cellText(value, lang, t, { numeric: numeric[i] }))))))));
}

async function drawChart(plot, result, axes) {
  const x = result.rows.map((row) => row[axes.x]);
  const y = result.rows.map((row) => row[axes.y]);
  const categorical = !NUMERIC.test(result.columns[axes.x].type);
  const trace = categorical
    ? { type: 'bar', x, y }
    : { type: 'scatter', mode: result.rows.length > 60 ? 'markers' : 'lines+markers', x, y };
  const layout = themedLayout({
    xaxis: { title: { text: plotlyText(result.columns[axes.x].name) }, type: categorical ? 'category' : undefined },
    yaxis: { title: { text: plotlyText(result.columns[axes.y].name) } },
    margin: { l: 60, r: 20, t: 20, b: 60 },
  });
  const safe = escapedForPlotly([trace], layout);
  const Plotly = await loadPlotly();
  await Plotly.react(plot, safe.traces, safe.layout, { displaylogo: false, responsive: true });
}

function chartSection(result, t) {
  const section = h('section', { class: 'section', 'data-section': 'sql-chart' }, h('h2', {}, t('sql.chart')));
  if (result.columns.length < 2 || !result.rows.length) {
    section.appendChild(h('p', {}, t('sql.chart_needs_two')));
    return { section, ready: Promise.resolve() };
  }
  const axes = defaultAxes(result.columns);
  const plot = h('div', { class: 'plot', id: 'sql-chart' });
  const picker = (id, label, key) => h('label', { for: id }, t(label), ' ',
    h('select', {
      id,
      onchange: (e) => {
        axes[key] = Number(e.target.value);
        drawChart(plot, result, axes);
      },
    }, result.columns.map((c, i) => h('option', { value: String(i), selected: i === axes[key] }, c.name))));
  section.appendChild(h('div', { class: 'controls' }, picker('sql-x', 'sql.x_axis', 'x'), ' ', picker('sql-y', 'sql.y_axis', 'y')));
  section.appendChild(plot);
  return { section, ready: drawChart(plot, result, axes) };
}

function editor(state, t, ctx) {
  const textarea = h('textarea', { id: 'sql-input', rows: '8', spellcheck: 'false', 'aria-label': t('sql.query') });
  textarea.value = state.filters.q || EXAMPLES[0].sql;
  const run = () => ctx.setFilters({ q: textarea.value.trim() });
  textarea.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });
  return h('form', { class: 'sql-editor', onsubmit: (e) => { e.preventDefault(); run(); } },
    h('label', { for: 'sql-input' }, t('sql.query')),
    textarea,
    h('div', { class: 'controls' },
      h('button', { type: 'submit', id: 'sql-run' }, t('sql.run')),
      h('span', { class: 'muted' }, t('sql.run_hint'))),
    h('h2', {}, t('sql.examples')),
    h('ul', { class: 'sql-examples' }, EXAMPLES.map((example) => h('li', {},
      h('button', { type: 'button', 'data-example': example.key, onclick: () => ctx.setFilters({ q: example.sql }) },
        t(example.key))))));
}

export default {
  id: 'sql',
  titleKey: 'page.sql.title',
  filters: [],
  async load(api, state) {
    if (!schemaPromise) {
      schemaPromise = api.fetch('sql', { q: SCHEMA_SQL }, state.lang).catch(() => {
        schemaPromise = null;
        return null;
      });
    }
    const schema = await schemaPromise;
    if (!state.filters.q) return { schema, result: null, error: null };
    try {
      return { schema, result: await api.fetch('sql', { q: state.filters.q }, state.lang), error: null };
    } catch (error) {
      return { schema, result: null, error: error.message };
    }
  },
  render(el, data, state, t, ctx) {
    const lang = state.lang;
    el.appendChild(h('h1', {}, t('page.sql.title')));
    el.appendChild(h('p', { class: 'lead' }, t('page.sql.lead')));
    el.appendChild(h('div', { class: 'sql-layout' }, editor(state, t, ctx), schemaAside(data.schema, t)));
    if (data.error) {
      el.appendChild(h('div', { class: 'error', role: 'alert', id: 'sql-error' }, h('pre', {}, data.error)));
      return undefined;
    }
    if (!data.result) return undefined;
    const result = data.result;
    const sql = state.filters.q;
    const summary = t(result.truncated ? 'sql.rows_truncated' : 'sql.rows', {
      n: formatNumber(result.row_count, lang, 0),
      ms: formatNumber(result.elapsed_ms, lang, 0),
    });
    const shown = result.rows.length > SHOWN_ROWS ? ` ${t('sql.rows_shown', { n: formatNumber(SHOWN_ROWS, lang, 0) })}` : '';
    el.appendChild(h('section', { class: 'section', 'data-section': 'sql-result' },
      h('h2', {}, t('sql.result')),
      h('p', { id: 'sql-summary' }, summary + shown),
      h('p', { class: 'downloads' },
        h('a', { href: resultUrl(sql, 'csv'), download: 'query.csv', id: 'sql-csv' }, t('sql.download_csv')), ' · ',
        h('a', { href: resultUrl(sql, 'json'), download: 'query.json', id: 'sql-json' }, t('sql.download_json')), ' · ',
        h('a', { href: resultUrl(sql, 'parquet'), download: 'query.parquet', id: 'sql-parquet' }, t('sql.download_parquet'))),
      resultTable(result, lang, t)));
    const chart = chartSection(result, t);
    el.appendChild(chart.section);
    return chart.ready;
  },
};
