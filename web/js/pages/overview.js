// Overview: headline KPIs computed from the database (/api/v1/summary) and what each page answers.
import { h } from '../lib/dom.js';
import { formatNumber, formatPercent } from '../lib/i18n.js';

function day(value) {
  return value === null || value === undefined ? '—' : String(value).slice(0, 10);
}

function kpi(id, label, value, sub) {
  return h('div', { class: 'card kpi', 'data-kpi': id },
    h('div', { class: 'label' }, label),
    h('div', { class: 'value' }, value),
    sub ? h('div', { class: 'sub' }, sub) : null);
}

export default {
  id: 'overview',
  titleKey: 'page.overview.title',
  filters: [],
  async load(api, state) {
    return { summary: await api.summary(state.lang) };
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
    const pages = ['trends', 'seasonality', 'weekend', 'ratings', 'about'];
    el.appendChild(h('section', { class: 'section' },
      h('h2', {}, t('overview.questions')),
      h('div', { class: 'questions' }, pages.map((page) => h('div', { class: 'question' },
        h('a', { href: ctx.hrefFor({ page, filters: null }), onclick: (e) => ctx.follow(e, { page, filters: null }) }, t(`nav.${page}`)),
        h('p', {}, t(`overview.answers.${page}`)))))));
  },
};
