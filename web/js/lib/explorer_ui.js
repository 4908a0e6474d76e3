// Pieces shared by the explorer pages (search, recipe, pantry, contributor, user): recipe cards,
// links that keep the view state in the URL, chips, a pager, charts with their downloads and the
// comma-list helpers.
import { dataWords, h } from './dom.js';
import { formatNumber } from './i18n.js';
import { fileName, renderChart } from './charts.js';
import { chartHead } from './chart_head.js';

/** "a, b ,c" -> ['a', 'b', 'c'] (trimmed, empty items dropped). */
export function splitList(value) {
  return String(value || '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** A list back to the URL form; '' when empty (the parameter is then dropped). */
export function joinList(items) {
  return items.filter(Boolean).join(',');
}

/** A text cut at the API's highlight ranges ([start, end) in UTF-16 units, ascending): [{ text, mark }]. Ranges
 * out of bounds or overlapping are clipped, so a bad range never loses or repeats text. */
export function highlightParts(text, ranges) {
  const parts = [];
  let at = 0;
  for (const [start, end] of ranges || []) {
    const from = Math.max(at, Math.min(start, text.length));
    const to = Math.max(from, Math.min(end, text.length));
    if (from > at) parts.push({ text: text.slice(at, from), mark: false });
    if (to > from) parts.push({ text: text.slice(from, to), mark: true });
    at = to;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}

/** A span of the data's words (lang="en") with its matched words in <mark> elements, built as text nodes (never
 * markup). */
export function highlighted(text, ranges) {
  return dataWords('span', {}, highlightParts(text, ranges).map((p) => (p.mark ? h('mark', {}, p.text) : p.text)));
}

/** A search result's snippet (a piece of its ingredients, or of its tags, around the first matched word),
 * labelled by where it comes from, its matched words in <mark> elements; null when the result has none. */
export function snippetLine(recipe, t) {
  if (!recipe.snippet) return null;
  const source = recipe.snippet_source === 'tags' ? 'tags' : 'ingredients';
  return h('p', { class: 'recipe-snippet', 'data-snippet': source },
    h('span', { class: 'snippet-label' }, t(`search.snippet.${source}`)), ' ',
    highlighted(recipe.snippet, recipe.snippet_highlights));
}

/** Mean and adjusted rating of a recipe, or "not rated". */
export function ratingText(recipe, t, lang) {
  if (recipe.adjusted_rating === null || recipe.adjusted_rating === undefined) return t('explorer.unrated');
  return t('explorer.rating_value', {
    adjusted: formatNumber(recipe.adjusted_rating, lang, 2),
    count: formatNumber(recipe.ratings, lang, 0),
  });
}

/** One recipe in a result list. extra: nodes appended to the card. */
export function recipeCard(recipe, t, ctx, lang, extra = []) {
  const facts = [];
  if (recipe.minutes !== null && recipe.minutes !== undefined) facts.push(t('explorer.minutes', { value: formatNumber(recipe.minutes, lang, 0) }));
  if (recipe.n_steps !== null && recipe.n_steps !== undefined) facts.push(t('explorer.steps', { value: formatNumber(recipe.n_steps, lang, 0) }));
  facts.push(t('explorer.ingredients_count', { value: formatNumber(recipe.n_ingredients, lang, 0) }));
  if (recipe.calories !== null && recipe.calories !== undefined) facts.push(t('explorer.kcal', { value: formatNumber(recipe.calories, lang, 0) }));
  return h('li', { class: 'recipe-card', 'data-recipe': recipe.id },
    h('div', { class: 'recipe-title' }, linkToRecipe(ctx, recipe)),
    h('div', { class: 'recipe-facts' }, facts.join(' · ')),
    h('div', { class: 'recipe-rating' }, ratingText(recipe, t, lang)),
    ...extra);
}

export function linkToRecipe(ctx, recipe) {
  const name = recipe.name ? highlighted(recipe.name, recipe.name_highlights) : `#${recipe.id}`;
  return navLink(ctx, 'recipe', { id: recipe.id }, name);
}

/** A link that navigates in place to page with exactly these filters. */
export function navLink(ctx, page, filters, ...children) {
  const clean = {};
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== null && v !== '') clean[k] = String(v);
  const href = ctx.hrefFor({ page, filters: clean, reset: true });
  return h('a', { href, onclick: (e) => ctx.follow(e, { page, filters: clean, reset: true }) }, ...children);
}

/** A clickable chip (button) with an optional count. */
export function chip(label, count, onclick, attrs = {}) {
  return h('button', { type: 'button', class: 'chip', onclick, ...attrs }, label,
    count === undefined ? null : h('span', { class: 'chip-count' }, String(count)));
}

/** A tag or ingredient facet count: "≈ n" when the search scaled it from a sample (facets_sampled). */
export function facetCountText(count, response, t, lang) {
  const text = formatNumber(count, lang, 0);
  return response.facets_sampled ? t('search.facet_approx', { count: text }) : text;
}

/** The note under sampled facets: how many results they were counted on and how far off they may be. */
export function facetsSampledNote(response, t, lang) {
  if (!response.facets_sampled) return null;
  return t('search.facets_sampled', {
    sample: formatNumber(response.facets_sample_size, lang, 0),
    total: formatNumber(response.total, lang, 0),
    margin: formatNumber(response.facets_margin, lang, 0),
  });
}

/** Previous / next page buttons for a paged list. */
/** A rating as stars that a screen reader reads as words ("rated 4 out of 5"), or "no stars". */
export function stars(n, t) {
  if (!n) return h('span', {}, t('recipe.no_stars'));
  return h('span', { class: 'stars' },
    h('span', { 'aria-hidden': 'true' }, '★'.repeat(n)),
    h('span', { class: 'sr-only' }, t('recipe.stars', { n: String(n) })));
}

/** The API's answer for one recipe, contributor or user, or null when no such id exists (404, or an id that is
 * not a number: 400 on `id`), so the page can say so instead of showing an error. */
export async function fetchOrMissing(request) {
  try {
    return await request;
  } catch (error) {
    if (error && (error.status === 404 || (error.status === 400 && error.problem?.parameter === 'id'))) return null;
    throw error;
  }
}

/** The page of an id that does not exist: what was asked for, and the way back to the search. */
export function notFoundView(el, kind, id, t, ctx) {
  el.appendChild(h('p', { class: 'crumbs' }, navLink(ctx, 'search', lastSearchFilters(), t('recipe.back_to_search'))));
  el.appendChild(h('h1', { 'data-not-found': kind }, t(`${kind}.not_found_title`)));
  el.appendChild(h('p', { class: 'lead' }, t(`${kind}.not_found_body`, { id: String(id) })));
}

// The filters of the last search shown in this tab, so that "back to search" from a recipe returns to it.
let lastSearch = {};

/** Remember the search on screen (the search page calls it as it renders). */
export function rememberSearch(filters) {
  lastSearch = { ...filters };
}

/** The filters of the last search shown, for a link back to it. */
export function lastSearchFilters() {
  return { ...lastSearch };
}

/** The URL parameter of a results page (?page=search&q=…&results=2): `page` names the view, so the API's own
 * `page` parameter travels under this name in the address. */
export const RESULTS_PAGE = 'results';

/** The API's page number for a view state (1 when absent or not a positive integer). */
export function resultsPage(state) {
  const n = Number(state.filters[RESULTS_PAGE] || 1);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

export function pager(page, perPage, total, t, lang, onPage) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  return h('nav', { class: 'pager', 'aria-label': t('explorer.pages') },
    h('button', { type: 'button', class: 'button small secondary', disabled: page <= 1, 'data-pager': 'prev', onclick: () => onPage(page - 1) }, t('explorer.previous')),
    h('span', {}, t('explorer.page_of', { page: formatNumber(page, lang, 0), pages: formatNumber(pages, lang, 0) })),
    h('button', { type: 'button', class: 'button small secondary', disabled: page >= pages, 'data-pager': 'next', onclick: () => onPage(page + 1) }, t('explorer.next')));
}

/** A chart with the PNG and CSV downloads every analysis chart has (the CSV holds exactly the drawn
 * points). fileParts name the files ("recipe", id). Returns the figure and draw(), to call once the
 * figure is in the page (Plotly measures its container). */
export function chartFigure(chartId, title, chart, t, fileParts) {
  const plot = h('div', { class: 'chart small', 'data-chart': chartId });
  const base = fileName(...fileParts, chartId);
  const box = h('figure', { class: 'chart-box', 'data-chart-box': chartId },
    chartHead(title, plot, chart, { base, filterText: [] }, t),
    plot);
  return { box, draw: () => renderChart(plot, chart) };
}
