// What can I cook: the reader lists what they have (autocomplete from the ingredient vocabulary, French
// names too), the time they have, the staples they keep and what to avoid; recipes come ranked by how many
// of the reader's ingredients they use, then by how little is missing, then by adjusted rating, each with
// what it uses and what is missing. The list lives in the URL.
import { h, clear } from '../lib/dom.js';
import { formatNumber, formatPercent } from '../lib/i18n.js';
import { chip, joinList, pager, recipeCard, RESULTS_PAGE, resultsPage, splitList } from '../lib/explorer_ui.js';

const DEFAULT_STAPLES = ['salt', 'water', 'pepper', 'black pepper', 'oil', 'olive oil', 'vegetable oil', 'sugar', 'butter',
  'flour', 'all-purpose flour'];
const PER_PAGE = 20;
const SUGGEST_DELAY_MS = 120;

let suggestTimer = null;

// A staple's name in the page's language (the API and the URL keep the English ingredient name).
function stapleLabel(staple, t) {
  const labels = {
    salt: t('pantry.staple.salt'), water: t('pantry.staple.water'), pepper: t('pantry.staple.pepper'),
    'black pepper': t('pantry.staple.black_pepper'), oil: t('pantry.staple.oil'), 'olive oil': t('pantry.staple.olive_oil'),
    'vegetable oil': t('pantry.staple.vegetable_oil'), sugar: t('pantry.staple.sugar'), butter: t('pantry.staple.butter'),
    flour: t('pantry.staple.flour'), 'all-purpose flour': t('pantry.staple.all_purpose_flour'),
  };
  return labels[staple] || staple;
}

function chosenStaples(state) {
  return state.filters.staples === undefined ? DEFAULT_STAPLES : splitList(state.filters.staples === '-' ? '' : state.filters.staples);
}

export default {
  id: 'pantry',
  titleKey: 'page.pantry.title',
  filters: [],
  async load(api, state) {
    const have = splitList(state.filters.have);
    if (!have.length) return { result: null };
    // The API client drops empty parameters, so "no staples" travels as the API's explicit "none".
    const params = { have: joinList(have), per_page: PER_PAGE, staples: joinList(chosenStaples(state)) || 'none' };
    for (const name of ['max_minutes', 'exclude']) if (state.filters[name]) params[name] = state.filters[name];
    params.page = resultsPage(state);
    return { result: await api.fetch('pantry', params, state.lang) };
  },
  render(el, data, state, t, ctx) {
    const lang = state.lang;
    const have = splitList(state.filters.have);
    const set = (changes) => ctx.setFilters({ ...changes, [RESULTS_PAGE]: '' });
    el.appendChild(h('h1', {}, t('page.pantry.title')));
    el.appendChild(h('p', { class: 'lead' }, t('page.pantry.lead')));

    const suggestions = h('datalist', { id: 'pantry-suggestions' });
    const input = h('input', { id: 'pantry-input', type: 'text', list: 'pantry-suggestions', autocomplete: 'off',
      placeholder: t('pantry.placeholder'), 'aria-label': t('pantry.placeholder'),
      oninput: (e) => {
        clearTimeout(suggestTimer);
        const prefix = e.target.value.trim();
        if (!prefix) return;
        suggestTimer = setTimeout(async () => {
          try {
            const params = new URLSearchParams({ prefix, limit: '10', lang });
            const res = await fetch(`/api/v1/ingredients?${params}`);
            if (!res.ok) return;
            const body = await res.json();
            clear(suggestions);
            const french = (body.french || []).map((item) => h('option', { value: item.value, 'data-english': item.english },
              t('pantry.french_used_in', { english: item.english, count: formatNumber(item.recipes, lang, 0) })));
            const english = body.items.map((item) => h('option', { value: item.value }, t('pantry.used_in', { count: formatNumber(item.recipes, lang, 0) })));
            for (const option of lang === 'fr' ? [...french, ...english] : [...english, ...french]) suggestions.appendChild(option);
          } catch {
            // Suggestions are a convenience; typing still works without them.
          }
        }, SUGGEST_DELAY_MS);
      } });
    const add = () => {
      const value = input.value.trim().toLowerCase();
      if (value && !have.includes(value)) set({ have: joinList([...have, value]) });
    };
    el.appendChild(h('form', { class: 'search-form pantry-form', onsubmit: (e) => { e.preventDefault(); add(); } },
      input, suggestions,
      h('button', { type: 'submit', class: 'button', 'data-action': 'add' }, t('pantry.add'))));
    el.appendChild(h('div', { class: 'chips', 'data-have': '' }, have.length
      ? have.map((item) => chip(`${item} ✕`, undefined, () => set({ have: joinList(have.filter((x) => x !== item)) }),
        { 'aria-label': t('pantry.remove', { item }), 'data-item': item }))
      : h('span', { class: 'note' }, t('pantry.nothing_yet'))));

    const staples = chosenStaples(state);
    const stapleBox = h('fieldset', { class: 'filter-list', name: 'staples' }, h('legend', {}, t('pantry.staples')),
      DEFAULT_STAPLES.map((s) => h('label', {}, h('input', { type: 'checkbox', value: s, checked: staples.includes(s),
        onchange: () => {
          const picked = [...stapleBox.querySelectorAll('input:checked')].map((i) => i.value);
          set({ staples: picked.length === DEFAULT_STAPLES.length ? '' : picked.length ? joinList(picked) : '-' });
        } }), stapleLabel(s, t))));
    el.appendChild(h('form', { class: 'filter-bar', onsubmit: (e) => e.preventDefault() },
      h('label', { class: 'filter', for: 'pantry-minutes' }, h('span', {}, t('pantry.max_minutes')),
        h('input', { id: 'pantry-minutes', type: 'number', min: '0', step: '5', value: state.filters.max_minutes || '',
          onchange: (e) => set({ max_minutes: e.target.value }) })),
      h('label', { class: 'filter', for: 'pantry-exclude' }, h('span', {}, t('pantry.exclude')),
        h('input', { id: 'pantry-exclude', type: 'text', value: state.filters.exclude || '', placeholder: t('search.list_hint'),
          onchange: (e) => set({ exclude: joinList(splitList(e.target.value)) }) })),
      h('div', { class: 'filter' }, stapleBox)));

    const r = data.result;
    if (!r) {
      el.appendChild(h('p', { class: 'empty' }, t('pantry.start')));
      return;
    }
    if (r.unknown.length) el.appendChild(h('p', { class: 'note', 'data-unknown': '' }, t('pantry.unknown', { items: r.unknown.join(', ') })));
    if (r.translations && r.translations.length) {
      el.appendChild(h('p', { class: 'note', 'data-translations': '' }, t('pantry.translated', {
        items: r.translations.map((x) => t('search.translation', { to: x.to, from: x.from })).join(', ') })));
    }
    el.appendChild(h('p', { class: 'search-total', 'data-total': r.total }, t('pantry.total', { count: formatNumber(r.total, lang, 0) })));
    el.appendChild(r.results.length
      ? h('ol', { class: 'recipe-list' }, r.results.map((recipe) => recipeCard(recipe, t, ctx, lang, [
        h('div', { class: 'coverage' },
          h('span', { class: 'bar' }, h('span', { class: 'fill', style: `width: ${Math.round(recipe.coverage * 100)}%` })),
          t('pantry.coverage', { value: formatPercent(recipe.coverage, lang, 0) })),
        h('div', { class: 'uses', 'data-uses': recipe.uses.join(',') }, t('pantry.uses', { items: recipe.uses.join(', ') })),
        h('div', { class: 'missing' }, recipe.missing.length ? t('pantry.missing', { items: recipe.missing.join(', ') }) : t('pantry.nothing_missing')),
      ])))
      : h('p', { class: 'empty' }, t('pantry.empty')));
    if (r.total > PER_PAGE) el.appendChild(pager(r.page, PER_PAGE, r.total, t, lang, (p) => ctx.setFilters({ [RESULTS_PAGE]: p > 1 ? String(p) : '' })));
    el.appendChild(h('p', { class: 'note' }, t('pantry.score_note')));
  },
};

