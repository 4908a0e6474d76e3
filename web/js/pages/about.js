// About the data: provenance, the ingest report (rows in / rejected / out per rule, with the rule's
// parameters) and credits.
import { h } from '../lib/dom.js';
import { formatNumber } from '../lib/i18n.js';

/** The last part of a path: where ingest read its files on its own machine means nothing to a reader. */
export function fileNameOnly(path) {
  return String(path).split(/[\\/]/).pop();
}

/** A word the ingest report writes (a rule, a table, a parameter or its value) in the page's language: the
 * catalog's entry under prefix, else the word as written. */
export function reportWord(prefix, word, t) {
  return t.has(`${prefix}.${word}`) ? t(`${prefix}.${word}`) : String(word);
}

function parameterValue(key, value, t, lang) {
  if (key === 'file') return fileNameOnly(value);
  if (typeof value === 'number') return formatNumber(value, lang, Number.isInteger(value) ? 0 : 3);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => `${reportWord('ingest.table', k, t)} ${parameterValue(k, v, t, lang)}`).join(', ');
  }
  return reportWord('ingest.value', value, t);
}

/** A rule's parameters as "name = value" pieces in the page's language (numbers in its format). */
export function parametersText(parameters, t, lang) {
  if (parameters === null || parameters === undefined || parameters === '') return '—';
  if (typeof parameters === 'string') return parameters;
  const entries = Object.entries(parameters);
  if (!entries.length) return '—';
  return entries.map(([k, v]) => `${reportWord('ingest.param', k, t)} = ${parameterValue(k, v, t, lang)}`).join(', ');
}

/** Size in MiB with one decimal, in the reader's number format. */
export function sizeText(bytes, lang, t) {
  return t('about.size_mib', { n: formatNumber(bytes / 1048576, lang, 1) });
}

/** The Parquet and CSV downloads of the clean data, filled in when the listing arrives. */
function downloadsSection(exportsPromise, lang, t) {
  const body = h('div', {}, h('p', {}, t('about.downloads_loading')));
  const section = h('section', { class: 'section', 'data-section': 'downloads' },
    h('h2', {}, t('about.downloads')),
    h('p', {}, t('about.downloads_lead')),
    body,
    h('p', { class: 'note' }, t('about.downloads_licence')));
  Promise.resolve(exportsPromise).then((listing) => {
    body.textContent = '';
    if (!listing || !Array.isArray(listing.files)) {
      body.appendChild(h('p', {}, t('about.downloads_unavailable')));
      return;
    }
    body.appendChild(h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('about.downloads') },
      h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, ['about.col.table', 'about.col.file', 'about.col.rows', 'about.col.size']
          .map((k) => h('th', {}, t(k))))),
        h('tbody', {}, listing.files.map((file) => h('tr', { 'data-export': file.name },
          h('td', {}, file.table),
          h('td', {}, h('a', { href: file.url, download: file.name }, file.name)),
          h('td', { class: 'num' }, formatNumber(file.rows, lang, 0)),
          h('td', { class: 'num' }, sizeText(file.bytes, lang, t))))))));
    if (listing.is_synthetic) body.appendChild(h('p', { class: 'note' }, t('about.downloads_synthetic')));
  });
  return section;
}

export default {
  id: 'about',
  titleKey: 'page.about.title',
  keepDrawn: true,
  filters: [],
  async load(api, state) {
    const [summary, report] = await Promise.all([api.summary(state.lang), api.ingestReport(state.lang)]);
    // The exports are written on their first request (seconds at full scale): the page does not wait for them.
    const exports = api.fetch('exports', {}, state.lang).catch(() => null);
    return { summary, steps: report.steps || [], exports };
  },
  render(el, data, state, t) {
    const s = data.summary;
    const lang = state.lang;
    const n = (v) => formatNumber(v, lang, 0);
    el.appendChild(h('h1', {}, t('page.about.title')));
    el.appendChild(h('p', { class: 'lead' }, t('page.about.lead')));

    const provenance = [
      ['about.source', s.source ?? '—'],
      ['about.synthetic', s.is_synthetic ? t('about.yes') : t('about.no')],
      // The seed is an identifier (no digit grouping); the scale a quantity in the page's number format.
      ['about.seed', s.generator_seed ?? '—'],
      ['about.scale', typeof s.generator_scale === 'number'
        ? formatNumber(s.generator_scale, lang, (String(s.generator_scale).split('.')[1] || '').length) : '—'],
      ['about.ingested_at', s.ingested_at ? String(s.ingested_at).slice(0, 19) : '—'],
      ['about.tool_version', s.tool_version ?? '—'],
    ];
    el.appendChild(h('section', { class: 'section', 'data-section': 'provenance' },
      h('h2', {}, t('about.provenance')),
      h('table', { class: 'data' }, h('tbody', {}, provenance.map(([key, value]) =>
        h('tr', {}, h('th', { scope: 'row' }, t(key)), h('td', {}, String(value))))))));

    el.appendChild(h('section', { class: 'section', 'data-section': 'ingest-report' },
      h('h2', {}, t('about.ingest_report')),
      h('p', {}, t('about.ingest_lead')),
      h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('about.ingest_report') }, h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, ['about.col.table', 'about.col.rule', 'about.col.parameters', 'about.col.rows_in',
          'about.col.rows_rejected', 'about.col.rows_out'].map((k) => h('th', {}, t(k))))),
        h('tbody', {}, data.steps.map((row) => h('tr', {},
          h('td', {}, row.table_name ? reportWord('ingest.table', row.table_name, t) : ''),
          h('td', { 'data-rule': row.rule ?? '' }, row.rule ? reportWord('ingest.rule', row.rule, t) : ''),
          h('td', {}, parametersText(row.parameters, t, lang)),
          h('td', { class: 'num' }, n(row.rows_in)),
          h('td', { class: 'num' }, n(row.rows_rejected)),
          h('td', { class: 'num' }, n(row.rows_out)))))))));

    el.appendChild(downloadsSection(data.exports, lang, t));

    el.appendChild(h('section', { class: 'section', 'data-section': 'credits' },
      h('h2', {}, t('about.credits')),
      h('ul', {},
        h('li', {}, t('about.credit_paper')),
        h('li', {}, t('about.credit_foodcom')),
        h('li', {}, t('about.credit_kaggle')),
        h('li', {}, t('about.credit_original')))));
  },
};
