// A contributor: recipes posted per year, the ratings their recipes received, their best recipes
// (by adjusted rating) and their latest ones. ?page=contributor&id=… is a permalink.
import { h } from '../lib/dom.js';
import { formatNumber } from '../lib/i18n.js';
import { chartFigure, fetchOrMissing, notFoundView, recipeCard } from '../lib/explorer_ui.js';

function card(id, label, value) {
  return h('div', { class: 'card kpi', 'data-kpi': id }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value));
}

export default {
  id: 'contributor',
  titleKey: 'page.contributor.title',
  filters: [],
  async load(api, state) {
    return { person: await fetchOrMissing(api.fetch(`contributors/${encodeURIComponent(state.filters.id || '')}`, {}, state.lang)) };
  },
  render(el, data, state, t, ctx) {
    const lang = state.lang;
    const c = data.person;
    if (!c) {
      notFoundView(el, 'contributor', state.filters.id || '', t, ctx);
      return;
    }
    const received = c.ratings_received;
    el.appendChild(h('h1', {}, t('contributor.heading', { id: String(c.contributor_id) })));
    el.appendChild(h('p', { class: 'lead' }, t('page.contributor.lead')));
    el.appendChild(h('div', { class: 'cards' },
      card('recipes', t('contributor.recipes'), formatNumber(c.recipes, lang, 0)),
      card('ratings', t('contributor.ratings_received'), formatNumber(received.count, lang, 0)),
      card('mean', t('contributor.mean_received'), received.mean === null ? '—' : formatNumber(received.mean, lang, 2))));
    const files = ['contributor', c.contributor_id];
    const byYear = chartFigure('recipes-by-year', t('contributor.by_year'), {
      traces: [{ type: 'bar', x: c.recipes_by_year.map((d) => d.year), y: c.recipes_by_year.map((d) => d.recipes), name: t('contributor.recipes') }],
      layout: { height: 280, yaxis: { title: { text: t('contributor.recipes') } } },
    }, t, files);
    const distribution = chartFigure('ratings-received', t('contributor.distribution'), {
      traces: [{ type: 'bar', x: received.distribution.map((d) => `${d.stars} ★`), y: received.distribution.map((d) => d.count), name: t('recipe.count') }],
      layout: { height: 280, yaxis: { title: { text: t('recipe.count') } } },
    }, t, files);
    el.appendChild(h('div', { class: 'recipe-columns' }, byYear.box, distribution.box));
    el.appendChild(h('section', { class: 'section' }, h('h2', {}, t('contributor.best')),
      c.best.length ? h('ol', { class: 'recipe-list' }, c.best.map((r) => recipeCard(r, t, ctx, lang))) : h('p', { class: 'empty' }, t('contributor.no_rated'))));
    el.appendChild(h('section', { class: 'section' }, h('h2', {}, t('contributor.latest')),
      h('ol', { class: 'recipe-list' }, c.latest.map((r) => recipeCard(r, t, ctx, lang)))));
    byYear.draw();
    distribution.draw();
  },
};
