// The whole view state lives in the URL query string: page, lang and the page's filters.
// Pure functions (no DOM), so they are tested with node --test.

export const PAGES = ['overview', 'trends', 'seasonality', 'weekend', 'ratings', 'search', 'pantry', 'data', 'sql',
  'about',
  'recipe', 'contributor', 'user'];
/** Pages reached from links (a recipe, a contributor, a user), not from the sidebar. */
export const DETAIL_PAGES = ['recipe', 'contributor', 'user'];
/** The languages offered by the switch and matched against the browser's; any other catalog the server has
 * (i18n/<lang>.json, e.g. a translator's new one) is reached with ?lang=<tag>. */
export const LANGS = ['en', 'fr'];
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Z]{2})?$/;
export const DEFAULT_STATE = Object.freeze({ page: 'overview', lang: 'en', filters: {}, embed: null });

// The language of an address without lang=: the reader's browser language when the site has it (app.js sets it
// from navigator.languages at start), else English. A choice that differs from it stays in the URL.
let defaultLang = DEFAULT_STATE.lang;

/** The first of the browser's languages (navigator.languages, e.g. ["fr-FR", "en"]) the site speaks, else English. */
export function preferredLanguage(languages = []) {
  for (const tag of languages || []) {
    const primary = String(tag).toLowerCase().split('-')[0];
    if (LANGS.includes(primary)) return primary;
  }
  return DEFAULT_STATE.lang;
}

/** Set the language of addresses without lang= (once, at start). */
export function setDefaultLanguage(lang) {
  defaultLang = LANGS.includes(lang) ? lang : DEFAULT_STATE.lang;
}

const FILTER_NAME = /^[a-z][a-z0-9_]{0,39}$/;
/** A chart of an analysis, "trends.ingredients/movers_by_year": what an embedded view (embed=1) shows. */
const CHART_REF = /^[a-z][a-z0-9_]*\.[a-z0-9_]+\/[a-z0-9_]+$/;

/** Parse a query string ("?page=trends&lang=fr&year_from=2000") into {page, lang, filters}. Unknown
 * pages and languages fall back to the defaults; filter values stay strings (the API validates them). */
export function parseState(search) {
  const params = new URLSearchParams(search || '');
  const page = params.get('page');
  const lang = params.get('lang');
  const filters = {};
  for (const [name, value] of params) {
    if (name === 'page' || name === 'lang' || name === 'embed' || name === 'chart') continue;
    if (!FILTER_NAME.test(name) || value === '') continue;
    filters[name] = value;
  }
  return {
    page: PAGES.includes(page) ? page : DEFAULT_STATE.page,
    lang: LANGS.includes(lang) || LANGUAGE_TAG.test(lang || '') ? lang : defaultLang,
    filters,
    // The chart-only view for an iframe: ?…&embed=1&chart=trends.ingredients/movers_by_year.
    embed: params.get('embed') === '1' && CHART_REF.test(params.get('chart') || '') ? params.get('chart') : null,
  };
}

/** Serialise a state to a query string; page and lang first, filters sorted, so equal states give
 * equal URLs. Defaults are left out except the page, to keep links short but explicit. */
export function serializeState(state) {
  const params = new URLSearchParams();
  params.set('page', PAGES.includes(state.page) ? state.page : DEFAULT_STATE.page);
  if (state.lang && state.lang !== defaultLang) params.set('lang', state.lang);
  const names = Object.keys(state.filters || {}).sort();
  for (const name of names) {
    const value = state.filters[name];
    if (value === undefined || value === null || value === '') continue;
    params.set(name, String(value));
  }
  if (state.embed) {
    params.set('embed', '1');
    params.set('chart', state.embed);
  }
  return '?' + params.toString();
}

/** A copy of state with some fields replaced; filters: null clears them (page change), reset: true
 * replaces them with the given ones. */
export function withState(state, changes) {
  const next = { page: state.page, lang: state.lang, filters: { ...state.filters }, embed: state.embed ?? null };
  if (changes.page !== undefined) next.page = changes.page;
  if (changes.lang !== undefined) next.lang = changes.lang;
  // Leaving the page leaves its embedded chart.
  if (changes.embed !== undefined) next.embed = changes.embed;
  else if (changes.page !== undefined && changes.page !== state.page) next.embed = null;
  // reset: the given filters replace the current ones (a link to another recipe or person).
  if (changes.filters === null || changes.reset) next.filters = {};
  if (changes.filters) {
    for (const [name, value] of Object.entries(changes.filters)) {
      if (value === undefined || value === null || value === '') delete next.filters[name];
      else next.filters[name] = String(value);
    }
  }
  return next;
}

/** The subset of filters an analysis accepts, as query pairs (only names it knows). */
export function filtersFor(filters, accepted) {
  const out = {};
  for (const name of accepted) {
    if (name !== 'lang' && filters[name] !== undefined) out[name] = filters[name];
  }
  return out;
}
