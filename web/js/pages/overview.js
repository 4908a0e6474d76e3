// Overview: headline KPIs computed from the database (/api/v1/summary), what each page answers, and
// the ways into the recipe explorer (a search box and the search and pantry pages).
import { h } from '../lib/dom.js';
import { formatNumber, formatP, formatPercent, pick } from '../lib/i18n.js';
import { chartAnchor } from '../lib/chart_export.js';

function day(value) {
  return value === null || value === undefined ? '—' : String(value).slice(0, 10);
}

function kpi(id, label, value, sub) {
  return h('div', { class: 'card kpi', 'data-kpi': id },
    h('div', { class: 'label' }, label),
    h('div', { class: 'value' }, value),
    sub ? h('div', { class: 'sub' }, sub) : null);
}

// A search box that opens the search page with the words typed (?page=search&q=…), then the explorer pages.
function explore(t, ctx) {
  const input = h('input', { id: 'overview-q', type: 'search', name: 'q', placeholder: t('overview.search_placeholder'),
    'aria-label': t('overview.search_placeholder') });
  const submit = (e) => {
    e.preventDefault();
    const q = input.value.trim();
    ctx.navigate({ page: 'search', filters: q ? { q } : null, reset: true });
  };
  return h('section', { class: 'section', 'data-section': 'explore' },
    h('h2', {}, t('overview.explore')),
    h('form', { class: 'search-form overview-search', role: 'search', onsubmit: submit },
      input, h('button', { type: 'submit', class: 'button' }, t('overview.search_button'))),
    h('div', { class: 'questions' }, ['search', 'pantry'].map((page) => h('div', { class: 'question' },
      h('a', { href: ctx.hrefFor({ page, filters: null }), 'data-explore': page, onclick: (e) => ctx.follow(e, { page, filters: null }) }, t(`nav.${page}`)),
      h('p', {}, t(`overview.answers.${page}`))))));
}

/** One finding: its sentence, the size and significance of its effect, and a link to the chart it comes from. */
function finding(f, state, t, ctx) {
  const lang = state.lang;
  const effect = t('finding.effect', { strength: t(`finding.strength.${f.strength}`), name: t(`finding.measure.${f.effect_name}`),
    value: formatNumber(f.effect, lang, 2), p: formatP(f.p, lang) });
  const changes = { page: f.page, filters: null };
  const anchor = chartAnchor(f.analysis, f.chart);
  const href = `${ctx.hrefFor(changes)}#${anchor}`;
  return h('li', { class: 'finding', 'data-finding': f.id, 'data-magnitude': String(f.magnitude), 'data-significant': String(f.significant) },
    h('p', {}, pick(f.text, lang)),
    h('p', { class: 'finding-effect' }, effect, f.significant ? null : h('strong', { class: 'not-significant' }, ` · ${t('finding.not_significant')}`)),
    // The page opens at the chart, as a shared link to it does.
    h('a', { href, 'data-finding-link': '', onclick: (e) => ctx.follow(e, changes, anchor) }, t('finding.see_chart')));
}

function findingsSection(findings, state, t, ctx) {
  return h('section', { class: 'section', 'data-section': 'findings' },
    h('h2', {}, t('overview.findings')),
    h('p', { class: 'note' }, t('overview.findings_lead')),
    h('ol', { class: 'findings' }, findings.map((f) => finding(f, state, t, ctx))));
}

export default {
  id: 'overview',
  titleKey: 'page.overview.title',
  keepDrawn: true,
  filters: [],
  async load(api, state) {
    const [summary, findings] = await Promise.all([api.summary(state.lang),
      api.findings(state.lang).catch(() => ({ findings: [] }))]);
    return { summary, findings: findings.findings || [] };
  },
  render(el, data, state, t, ctx) {
    const s = data.summary;
    const lang = state.lang;
    const n = (v) => formatNumber(v, lang, 0);
    el.appendChild(h('h1', {}, t('page.overview.title')));
    el.appendChild(h('p', { class: 'lead' }, t('page.overview.lead')));
    el.appendChild(h('div', { class: 'cards kpis' },
      kpi('recipes', t('kpi.recipes'), n(s.recipes_rows), t('kpi.clean', { count: n(s.clean_recipes_rows) })),
      kpi('interactions', t('kpi.interactions'), n(s.interactions_rows), t('kpi.clean', { count: n(s.clean_interactions_rows) })),
      kpi('users', t('kpi.users'), n(s.users)),
      kpi('contributors', t('kpi.contributors'), n(s.contributors)),
      kpi('mean_rating', t('kpi.mean_rating'), formatNumber(s.mean_rating, lang, 2), t('kpi.ratings_count', { count: n(s.ratings) })),
      kpi('share_five_stars', t('kpi.share_five_stars'), formatPercent(s.share_five_stars, lang, 1)),
      kpi('submitted', t('kpi.submitted'), `${day(s.submitted_min)} → ${day(s.submitted_max)}`),
      kpi('rated', t('kpi.rated'), `${day(s.interactions_date_min)} → ${day(s.interactions_date_max)}`)));
    if (data.findings.length) el.appendChild(findingsSection(data.findings, state, t, ctx));
    const pages = ['trends', 'seasonality', 'weekend', 'ratings', 'about'];
    el.appendChild(h('section', { class: 'section' },
      h('h2', {}, t('overview.questions')),
      h('div', { class: 'questions' }, pages.map((page) => h('div', { class: 'question' },
        h('a', { href: ctx.hrefFor({ page, filters: null }), onclick: (e) => ctx.follow(e, { page, filters: null }) }, t(`nav.${page}`)),
        h('p', {}, t(`overview.answers.${page}`)))))));
    el.appendChild(explore(t, ctx));
  },
};
