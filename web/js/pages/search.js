// Search: words folded (accents, case), matched in every form of their stem, by prefix and with one typo,
// French words read as English; BM25 ranking, a partial fallback saying which words each result leaves
// out, "did you mean", highlighted names, filters, facets with live counts and four sort orders.
// Everything typed lives in the URL (?page=search&q=…), so a search is a link.
import { dataWords, h } from '../lib/dom.js';
import { formatNumber } from '../lib/i18n.js';
import { filtersFor } from '../lib/url_state.js';
import { chip, facetCountText, facetsSampledNote, joinList, pager, recipeCard, rememberSearch, RESULTS_PAGE, resultsPage, snippetLine, splitList } from '../lib/explorer_ui.js';

export const SEARCH_PARAMS = ['q', 'sort', 'max_minutes', 'max_steps', 'min_calories', 'max_calories',
  'min_rating', 'min_ratings', 'tags', 'exclude_tags', 'ingredients', 'exclude_ingredients'];
const NUMBER_FILTERS = [
  ['max_minutes', '1'], ['max_steps', '1'], ['min_calories', '1'], ['max_calories', '1'], ['min_rating', '0.1'], ['min_ratings', '1'],
];
const LIST_FILTERS = ['tags', 'exclude_tags', 'ingredients', 'exclude_ingredients'];
const SORTS = ['relevance', 'rating', 'popularity', 'newest'];
const PER_PAGE = 20;
const TYPING_DELAY_MS = 200;

// Typing re-renders the page; the caret goes back into the new search box. The page stays on screen while the
// next results load (keepWhileLoading), so keys typed meanwhile land in the box on screen (liveBox) and are
// carried into the new one.
let refocus = null;
let typingTimer = null;
let liveBox = null;

function numberInput(name, step, state, t, set) {
  const id = `search-${name}`;
  return h('label', { class: 'filter', for: id },
    h('span', {}, t(`search.filter.${name}`)),
    h('input', { id, type: 'number', name, step, min: '0', value: state.filters[name] || '',
      onchange: (e) => set({ [name]: e.target.value }) }));
}

function listInput(name, state, t, set) {
  const id = `search-${name}`;
  return h('label', { class: 'filter', for: id },
    h('span', {}, t(`search.filter.${name}`)),
    h('input', { id, type: 'text', name, value: state.filters[name] || '', placeholder: t('search.list_hint'),
      onchange: (e) => set({ [name]: joinList(splitList(e.target.value)) }) }));
}

function addTo(state, name, value) {
  const items = splitList(state.filters[name]);
  if (!items.includes(value)) items.push(value);
  return joinList(items);
}

function facetBlock(title, facets, render) {
  if (!facets || !facets.length) return null;
  return h('div', { class: 'facet' }, h('h3', {}, title), h('div', { class: 'chips' }, facets.map(render)));
}

function wordsLine(words, t) {
  const parts = [];
  for (const w of words || []) {
    if (!w.matches.length) {
      parts.push(t('search.no_match', { word: w.word }));
      continue;
    }
    const others = w.matches.filter((m) => m.kind !== 'exact').map((m) => m.term);
    const forms = w.matches.filter((m) => m.kind === 'stem').map((m) => m.term);
    const longer = w.matches.filter((m) => m.kind === 'prefix');
    if (others.length && w.matches.every((m) => m.kind === 'typo')) parts.push(t('search.typo', { word: w.word, terms: others.slice(0, 5).join(', ') }));
    if (forms.length) parts.push(t('search.forms', { word: w.word, terms: forms.slice(0, 5).join(', ') }));
    if (longer.length) parts.push(t('search.prefix', { word: w.word, count: String(longer.length) }));
  }
  return parts.length ? h('p', { class: 'search-words' }, parts.join(' · ')) : null;
}

// "Did you mean": for each word no recipe holds, its closest index words as links replacing it in the query.
function suggestionsLine(r, state, t, set) {
  const links = [];
  for (const w of r.words || []) {
    for (const s of w.suggestions || []) {
      const q = (state.filters.q || '').split(/\s+/).map((x) => (x.toLowerCase() === w.word ? s : x)).join(' ');
      links.push(h('button', { type: 'button', class: 'chip', 'data-suggestion': s, onclick: () => set({ q }) }, s));
    }
  }
  return links.length ? h('p', { class: 'search-suggestions' }, t('search.did_you_mean'), ' ', links) : null;
}

// "Results for chicken (poulet)": the French words read as English, since the recipes are in English.
function translationsLine(r, t) {
  if (!r.translations || !r.translations.length) return null;
  const terms = r.translations.map((x) => t('search.translation', { to: x.to, from: x.from })).join(', ');
  return h('p', { class: 'search-translations', 'data-translations': '' }, t('search.translated', { terms }));
}

export default {
  id: 'search',
  titleKey: 'page.search.title',
  keepWhileLoading: true,
  filters: [],
  async load(api, state) {
    const params = filtersFor(state.filters, SEARCH_PARAMS);
    params.per_page = PER_PAGE;
    params.page = resultsPage(state);
    return { result: await api.fetch('search', params, state.lang) };
  },
  render(el, data, state, t, ctx) {
    const lang = state.lang;
    const r = data.result;
    rememberSearch(state.filters);
    const set = (changes) => ctx.setFilters({ ...changes, [RESULTS_PAGE]: '' });
    el.appendChild(h('h1', {}, t('page.search.title')));
    el.appendChild(h('p', { class: 'lead' }, t('page.search.lead')));
    const box = h('input', { id: 'search-q', type: 'search', name: 'q', value: state.filters.q || '', autocomplete: 'off',
      placeholder: t('search.placeholder'), 'aria-label': t('search.placeholder'),
      oninput: (e) => {
        clearTimeout(typingTimer);
        const value = e.target.value;
        typingTimer = setTimeout(() => {
          refocus = value.length;
          set({ q: value });
        }, TYPING_DELAY_MS);
      } });
    const sort = h('select', { id: 'search-sort', name: 'sort', onchange: (e) => set({ sort: e.target.value === 'relevance' ? '' : e.target.value }) },
      SORTS.map((s) => h('option', { value: s, selected: (state.filters.sort || 'relevance') === s }, t(`search.sort.${s}`))));
    el.appendChild(h('form', { class: 'search-form', role: 'search', onsubmit: (e) => {
      e.preventDefault();
      clearTimeout(typingTimer);
      set({ q: box.value });
    } },
    box,
    h('label', { class: 'filter', for: 'search-sort' }, h('span', {}, t('search.sort')), sort)));
    const bar = h('form', { class: 'filter-bar', 'aria-label': t('filter.bar'), onsubmit: (e) => e.preventDefault() },
      NUMBER_FILTERS.map(([name, step]) => numberInput(name, step, state, t, set)),
      LIST_FILTERS.map((name) => listInput(name, state, t, set)));
    const active = SEARCH_PARAMS.filter((p) => p !== 'q' && p !== 'sort' && state.filters[p]);
    if (active.length) {
      bar.appendChild(h('button', { type: 'button', class: 'button secondary', onclick: () => ctx.setFilters(Object.fromEntries(SEARCH_PARAMS.filter((p) => p !== 'q').map((p) => [p, '']))) }, t('filter.reset')));
    }
    el.appendChild(bar);

    const layout = h('div', { class: 'explorer-layout' });
    const facets = h('aside', { class: 'facets', 'aria-label': t('search.facets') },
      facetBlock(t('search.facet.tags'), r.facets.tags, (f) => chip(dataWords('span', {}, f.value), facetCountText(f.count, r, t, lang),
        () => set({ tags: addTo(state, 'tags', f.value) }), { 'data-facet-tag': f.value })),
      facetBlock(t('search.facet.ingredients'), r.facets.ingredients, (f) => chip(dataWords('span', {}, f.value), facetCountText(f.count, r, t, lang),
        () => set({ ingredients: addTo(state, 'ingredients', f.value) }), { 'data-facet-ingredient': f.value })),
      r.facets_sampled ? h('p', { class: 'note', 'data-facets-sampled': r.facets_sample_size }, facetsSampledNote(r, t, lang)) : null,
      facetBlock(t('search.facet.minutes'), r.facets.minutes, (f) => chip(t('search.minutes_bucket', { range: f.value }), formatNumber(f.count, lang, 0),
        () => set({ max_minutes: f.value.endsWith('+') ? '' : f.value.split('-')[1] }))),
      facetBlock(t('search.facet.calories'), r.facets.calories, (f) => chip(t('search.calories_bucket', { range: f.value }), formatNumber(f.count, lang, 0),
        () => set({ min_calories: f.value.split(/[-+]/)[0], max_calories: f.value.endsWith('+') ? '' : f.value.split('-')[1] }))),
      facetBlock(t('search.facet.rating'), r.facets.rating.filter((f) => f.value !== 'unrated'), (f) => chip(`≥ ${formatNumber(Number(f.value.replace('>=', '')), lang, f.value.includes('.') ? 1 : 0)} ★`, formatNumber(f.count, lang, 0),
        () => set({ min_rating: f.value.replace('>=', '') }))));
    const results = h('section', { class: 'results' },
      h('p', { class: 'search-total', 'data-total': r.total }, t('search.total', { count: formatNumber(r.total, lang, 0) })),
      translationsLine(r, t),
      wordsLine(r.words, t),
      suggestionsLine(r, state, t, set),
      r.partial ? h('p', { class: 'note', 'data-partial': '' }, t('search.partial')) : null,
      r.results.length
        ? h('ol', { class: 'recipe-list' }, r.results.map((recipe) => recipeCard(recipe, t, ctx, lang, [
          snippetLine(recipe, t),
          recipe.left_out && recipe.left_out.length
            ? h('div', { class: 'left-out', 'data-left-out': recipe.left_out.join(' ') }, t('search.left_out', { words: recipe.left_out.join(', ') }))
            : null])))
        : h('p', { class: 'empty' }, t('search.empty')),
      r.total > PER_PAGE ? pager(r.page, PER_PAGE, r.total, t, lang, (p) => ctx.setFilters({ [RESULTS_PAGE]: p > 1 ? String(p) : '' })) : null,
      h('p', { class: 'note' }, t('search.adjusted_note', {
        prior: formatNumber(r.adjusted_rating.prior_mean, lang, 2), weight: formatNumber(r.adjusted_rating.prior_weight, lang, 0) })));
    layout.appendChild(results);
    layout.appendChild(facets);
    el.appendChild(layout);
    const typed = refocus !== null && liveBox ? liveBox.value : null;
    liveBox = box;
    if (typed !== null && typed !== box.value) {
      // Keys typed while these results loaded: kept, and asked for in turn.
      box.value = typed;
      refocus = typed.length;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => {
        refocus = typed.length;
        set({ q: typed });
      }, TYPING_DELAY_MS);
    }
    if (refocus !== null) {
      box.focus();
      box.setSelectionRange(refocus, refocus);
      refocus = null;
    }
  },
};
