// One recipe: text, ingredients, steps, tags, nutrition as % of daily value, where its time, steps
// and complexity sit among all recipes, its ratings (distribution, over time), paged reviews and ten
// similar recipes. ?page=recipe&id=…&reviews=2 is a permalink. Reviews are shown as text, never markup.
import { dataWords, h } from '../lib/dom.js';
import { formatNumber } from '../lib/i18n.js';
import { chartFigure, fetchOrMissing, lastSearchFilters, navLink, notFoundView, pager, recipeCard, stars } from '../lib/explorer_ui.js';

const REVIEWS_PER_PAGE = 10;

function reviewsPage(state) {
  const n = Number(state.filters.reviews || 1);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

function nutritionBars(nutrition, t, lang) {
  return h('div', { class: 'nutrition' }, nutrition.map((n) => {
    const pdv = n.pdv === null ? null : Number(n.pdv);
    const label = n.nutrient === 'calories'
      ? t('recipe.nutrient.calories', { kcal: formatNumber(n.amount, lang, 0) })
      : t(`recipe.nutrient.${n.nutrient}`);
    return h('div', { class: 'nutrient', 'data-nutrient': n.nutrient },
      h('span', { class: 'nutrient-label' }, label),
      h('span', { class: 'bar', role: 'img', 'aria-label': pdv === null ? '—' : `${formatNumber(pdv, lang, 0)} %` },
        h('span', { class: pdv !== null && pdv > 100 ? 'fill over' : 'fill', style: `width: ${pdv === null ? 0 : Math.min(100, Math.max(0, pdv))}%` })),
      h('span', { class: 'nutrient-value' }, pdv === null ? '—' : t('recipe.pdv', { value: formatNumber(pdv, lang, 0) })));
  }));
}

function card(id, label, value, sub) {
  return h('div', { class: 'card kpi', 'data-kpi': id }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value),
    sub ? h('div', { class: 'sub' }, sub) : null);
}

export default {
  id: 'recipe',
  titleKey: 'page.recipe.title',
  filters: [],
  async load(api, state) {
    const id = state.filters.id || '';
    const [recipe, reviews] = await Promise.all([
      fetchOrMissing(api.fetch(`recipes/${encodeURIComponent(id)}`, {}, state.lang)),
      fetchOrMissing(api.fetch(`recipes/${encodeURIComponent(id)}/reviews`, { page: reviewsPage(state), per_page: REVIEWS_PER_PAGE }, state.lang)),
    ]);
    return { recipe, reviews };
  },
  render(el, data, state, t, ctx) {
    const lang = state.lang;
    const r = data.recipe;
    if (!r || !data.reviews) {
      notFoundView(el, 'recipe', state.filters.id || '', t, ctx);
      return;
    }
    document.title = `${r.name} · Mangetamain Analytics`;
    el.appendChild(h('p', { class: 'crumbs' }, navLink(ctx, 'search', lastSearchFilters(), t('recipe.back_to_search'))));
    el.appendChild(dataWords('h1', { 'data-recipe-name': r.id }, r.name));
    el.appendChild(h('p', { class: 'lead' },
      t('recipe.byline', { date: r.submitted || '—' }), ' ',
      navLink(ctx, 'contributor', { id: r.contributor_id }, t('recipe.contributor', { id: String(r.contributor_id) }))));
    if (r.description) el.appendChild(dataWords('p', { class: 'description' }, r.description));
    const pct = r.percentiles || {};
    const pctText = (v) => (v === undefined ? null : t('recipe.percentile', { value: formatNumber(v, lang, 0) }));
    el.appendChild(h('div', { class: 'cards' },
      card('minutes', t('recipe.minutes'), r.minutes === null ? '—' : formatNumber(r.minutes, lang, 0), pctText(pct.minutes)),
      card('n_steps', t('recipe.steps'), r.n_steps === null ? '—' : formatNumber(r.n_steps, lang, 0), pctText(pct.n_steps)),
      card('complexity', t('recipe.complexity'), r.complexity === null ? '—' : formatNumber(r.complexity, lang, 1), pctText(pct.complexity)),
      card('rating', t('recipe.adjusted_rating'), r.rating.adjusted === null ? '—' : formatNumber(r.rating.adjusted, lang, 2),
        r.rating.mean === null ? t('explorer.unrated') : t('recipe.mean_of', { mean: formatNumber(r.rating.mean, lang, 2), count: formatNumber(r.rating.count, lang, 0) }))));
    el.appendChild(h('div', { class: 'recipe-columns' },
      h('section', { class: 'section' }, h('h2', {}, t('recipe.ingredients')),
        dataWords('ul', { class: 'ingredients' }, r.ingredients.map((i) => h('li', {}, i)))),
      h('section', { class: 'section' }, h('h2', {}, t('recipe.steps_heading')),
        dataWords('ol', { class: 'steps' }, r.steps.map((s) => h('li', {}, s))))));
    el.appendChild(h('section', { class: 'section' }, h('h2', {}, t('recipe.tags')),
      dataWords('div', { class: 'chips' }, r.tags.map((tag) => navLink(ctx, 'search', { tags: tag }, tag)))));
    el.appendChild(h('section', { class: 'section' }, h('h2', {}, t('recipe.nutrition')), nutritionBars(r.nutrition, t, lang),
      h('p', { class: 'note' }, t('recipe.nutrition_note'))));

    const distribution = chartFigure('rating-distribution', t('recipe.distribution'), {
      traces: [{ type: 'bar', x: r.rating.distribution.map((d) => `${d.stars} ★`), y: r.rating.distribution.map((d) => d.count), name: t('recipe.count') }],
      layout: { height: 280, yaxis: { title: { text: t('recipe.count') } } },
    }, t, ['recipe', r.id]);
    const byYear = chartFigure('ratings-by-year', t('recipe.by_year'), {
      traces: [
        { type: 'bar', x: r.rating.by_year.map((d) => d.year), y: r.rating.by_year.map((d) => d.count), name: t('recipe.count') },
        { type: 'scatter', mode: 'lines+markers', x: r.rating.by_year.map((d) => d.year), y: r.rating.by_year.map((d) => d.mean), name: t('recipe.mean'), yaxis: 'y2' },
      ],
      layout: { height: 280, yaxis: { title: { text: t('recipe.count') } }, yaxis2: { overlaying: 'y', side: 'right', range: [0, 5.2], title: { text: t('recipe.mean') } } },
    }, t, ['recipe', r.id]);
    const charts = h('div', { class: 'recipe-columns' }, distribution.box, byYear.box);
    el.appendChild(h('section', { class: 'section' }, h('h2', {}, t('recipe.ratings')),
      h('p', { class: 'note' }, t('recipe.adjusted_note', { prior: formatNumber(r.rating.prior_mean, lang, 2), weight: formatNumber(r.rating.prior_weight, lang, 0) })),
      charts));

    const reviews = data.reviews;
    const list = reviews.reviews.length
      ? h('ul', { class: 'reviews' }, reviews.reviews.map((rv) => h('li', { class: 'review' },
        h('div', { class: 'review-head' },
          navLink(ctx, 'user', { id: rv.user_id }, t('recipe.user', { id: String(rv.user_id) })),
          ' · ', rv.date || '—', ' · ', stars(rv.rating, t)),
        dataWords('p', { class: 'review-text' }, rv.text))))
      : h('p', { class: 'empty' }, t('recipe.no_reviews'));
    el.appendChild(h('section', { class: 'section', 'data-section': 'reviews' },
      h('h2', {}, t('recipe.reviews', { count: formatNumber(reviews.total, lang, 0) })), list,
      reviews.total > REVIEWS_PER_PAGE
        ? pager(reviews.page, REVIEWS_PER_PAGE, reviews.total, t, lang, (p) => ctx.setFilters({ reviews: p > 1 ? String(p) : '' }))
        : null));
    el.appendChild(h('section', { class: 'section', 'data-section': 'similar' }, h('h2', {}, t('recipe.similar')),
      r.similar.length
        ? h('ol', { class: 'recipe-list' }, r.similar.map((s) => recipeCard(s, t, ctx, lang,
          [h('div', { class: 'similarity' }, t('recipe.similarity', { value: formatNumber(s.similarity * 100, lang, 0) }))])))
        : h('p', { class: 'empty' }, t('recipe.no_similar'))));

    distribution.draw();
    byYear.draw();
  },
};
