// A user: ratings given per year (count and mean), strictness (their rating minus the mean of the
// other ratings of the same recipe, averaged) and favourite tags (of the recipes they rated 4 or 5).
// ?page=user&id=… is a permalink.
import { dataWords, h } from '../lib/dom.js';
import { formatNumber } from '../lib/i18n.js';
import { chartFigure, fetchOrMissing, navLink, notFoundView, recipeCard, stars } from '../lib/explorer_ui.js';

function card(id, label, value, sub) {
  return h('div', { class: 'card kpi', 'data-kpi': id }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value),
    sub ? h('div', { class: 'sub' }, sub) : null);
}

export default {
  id: 'user',
  titleKey: 'page.user.title',
  filters: [],
  async load(api, state) {
    return { person: await fetchOrMissing(api.fetch(`users/${encodeURIComponent(state.filters.id || '')}`, {}, state.lang)) };
  },
  render(el, data, state, t, ctx) {
    const lang = state.lang;
    const u = data.person;
    if (!u) {
      notFoundView(el, 'user', state.filters.id || '', t, ctx);
      return;
    }
    el.appendChild(h('h1', {}, t('user.heading', { id: String(u.user_id) })));
    el.appendChild(h('p', { class: 'lead' }, t('page.user.lead')));
    const strict = u.strictness;
    const strictText = strict === null ? '—' : `${strict > 0 ? '+' : ''}${formatNumber(strict, lang, 2)}`;
    const strictSub = strict === null ? t('user.strictness_none')
      : t(strict < 0 ? 'user.stricter' : 'user.kinder', { count: formatNumber(u.strictness_recipes, lang, 0) });
    el.appendChild(h('div', { class: 'cards' },
      card('interactions', t('user.interactions'), formatNumber(u.interactions, lang, 0)),
      card('ratings', t('user.ratings'), formatNumber(u.ratings_count, lang, 0)),
      card('mean', t('user.mean_given'), u.mean_given === null ? '—' : formatNumber(u.mean_given, lang, 2)),
      card('strictness', t('user.strictness'), strictText, strictSub)));
    const years = u.ratings.by_year;
    const byYear = chartFigure('ratings-by-year', t('user.by_year'), {
      traces: [
        { type: 'bar', x: years.map((d) => d.year), y: years.map((d) => d.count), name: t('recipe.count') },
        { type: 'scatter', mode: 'lines+markers', x: years.map((d) => d.year), y: years.map((d) => d.mean), name: t('recipe.mean'), yaxis: 'y2' },
      ],
      layout: { height: 300, yaxis: { title: { text: t('recipe.count') } }, yaxis2: { overlaying: 'y', side: 'right', range: [0, 5.2], title: { text: t('recipe.mean') } } },
    }, t, ['user', u.user_id]);
    el.appendChild(byYear.box);
    el.appendChild(h('section', { class: 'section' }, h('h2', {}, t('user.favourite_tags')),
      u.favourite_tags.length
        ? h('div', { class: 'chips' }, u.favourite_tags.map((f) => navLink(ctx, 'search', { tags: f.tag }, dataWords('span', {}, f.tag), ` (${formatNumber(f.count, lang, 0)})`)))
        : h('p', { class: 'empty' }, t('user.no_favourites'))));
    el.appendChild(h('section', { class: 'section' }, h('h2', {}, t('user.recent')),
      h('ol', { class: 'recipe-list' }, u.recent.map((r) => recipeCard(r, t, ctx, lang, [
        h('div', { class: 'rated' }, t('user.rated_on', { date: r.date || '—' }), ' ', stars(r.rated, t))])))));
    byYear.draw();
  },
};
