// The application shell: sidebar, language switch, environment badge, footer, and a router that
// keeps the whole view state in the URL (pushState on every change, popstate for back/forward).
// Page modules export {id, titleKey, filters, load(api, state), render(el, data, state, t, ctx)}.
import { createApi } from './lib/api.js';
import { clear, errorPanel, h, loading } from './lib/dom.js';
import { loadPlotly, setChartTranslators, stopCharts } from './lib/charts.js';
import { createTranslator } from './lib/i18n.js';
import { IntlMessageFormat } from '/assets/vendor/intl-messageformat.js';
import { setContext, track } from './lib/telemetry.js';
import { DETAIL_PAGES, PAGES, parseState, preferredLanguage, serializeState, setDefaultLanguage, withState } from './lib/url_state.js';
import overview from './pages/overview.js';
import trends from './pages/trends.js';
import seasonality from './pages/seasonality.js';
import weekend from './pages/weekend.js';
import ratings from './pages/ratings.js';
import about from './pages/about.js';
import search from './pages/search.js';
import pantry from './pages/pantry.js';
import recipe from './pages/recipe.js';
import contributor from './pages/contributor.js';
import user from './pages/user.js';
import sql from './pages/sql.js';
import data from './pages/data.js';

const MODULES = { overview, trends, seasonality, weekend, ratings, search, pantry, data, sql, about, recipe, contributor, user };
const api = createApi();
// A first visit (no lang= in the address) opens in the browser's language when the site speaks it.
setDefaultLanguage(preferredLanguage(navigator.languages));
let state = parseState(location.search);
let renderToken = 0;
// Where the window scrolls once the next render is complete: the same place for a change of filters or language
// on the page on screen, the top of a new page, the remembered place on back/forward.
let pendingScroll = null;
// What had the focus when a change started, to give it back to the same control once the page is drawn again;
// null when the page changes (the page's heading takes the focus then).
let pendingFocus = null;
// The section or chart (#anchor) a link asked for, to scroll to once the new page is drawn.
let pendingAnchor = null;
let settledOnce = false;  // the first page drawn (the one a shared link opens)

// Views already drawn, by URL: going back to one (nav link, back/forward) puts its nodes back instead of
// fetching and drawing its charts again (twenty on the trends page, most of a second). Only views that were
// complete (every chart drawn) of pages marked keepDrawn, the last eight (the six main pages and two more).
const KEPT_VIEWS = 8;
const keptViews = new Map();
let shownView = null;  // the URL of the view on screen, when it may be kept
let renderedPage = null;  // the page on screen, once rendered
let shownPage = null;  // the page of the last render started (for focus: a new page or the same one)

/** Keep the view on screen as it is left for another (a view rendered again, on Retry say, is not kept). */
function keepShownView(el, next) {
  const key = shownView;
  shownView = null;
  if (!key || key === next || el.dataset.ready !== 'true' || el.dataset.chartsPending !== undefined) return;
  // A section that failed is asked for again on the next visit.
  if (el.querySelector('.error-panel')) return;
  const nodes = document.createDocumentFragment();
  nodes.append(...el.childNodes);
  keptViews.delete(key);
  keptViews.set(key, { nodes, width: el.clientWidth });
  while (keptViews.size > KEPT_VIEWS) keptViews.delete(keptViews.keys().next().value);
}

// The catalogs loaded so far, by language. The server serves each language's as the browser needs it (its
// own messages, English where it has none), so a page fetches one; the others come when idle (language switch).
const dicts = {};
const dictionaryLoads = new Map();

function loadDictionary(lang) {
  if (!dictionaryLoads.has(lang)) {
    const load = fetch(`/assets/i18n/${encodeURIComponent(lang)}.json`).then(async (response) => {
      if (!response.ok) throw new Error(`i18n ${lang}: HTTP ${response.status}`);
      dicts[lang] = await response.json();
      setChartTranslators(Object.fromEntries(Object.keys(dicts).map((l) => [l, createTranslator(dicts, l, IntlMessageFormat)])));
    });
    dictionaryLoads.set(lang, load);
    load.catch(() => dictionaryLoads.delete(lang));  // a failed load is tried again next time
  }
  return dictionaryLoads.get(lang);
}
// Asked for as soon as the modules have run, with the shell's first API requests (start()).
const firstDictionary = loadDictionary(state.lang);
firstDictionary.catch(() => {});

function hrefFor(changes) {
  return serializeState(withState(state, changes));
}

/** Move to a new state: update the URL (push) and render; anchor: the id to scroll to once drawn. */
function navigate(changes, { push = true, anchor = null } = {}) {
  const next = withState(state, changes);
  const url = serializeState(next) + (anchor ? `#${anchor}` : '');
  // A control that reports the value it already has (change after blur) must not re-render the page.
  if (serializeState(next) === serializeState(state) && !anchor) return;
  const samePage = next.page === state.page;
  // The place left behind is remembered in its history entry, for the back button.
  history.replaceState({ ...(history.state || {}), scroll: window.scrollY }, '');
  if (push && url !== location.search) history.pushState(null, '', url);
  pendingScroll = samePage ? window.scrollY : 0;
  pendingFocus = samePage ? focusKey(document.activeElement) : null;
  pendingAnchor = anchor;
  const previous = state;
  state = next;
  reportChange(previous, next);
  render();
}

/** One usage event per kind of change (telemetry.js; anonymous). */
function reportChange(previous, next) {
  setContext(next.page, next.lang);
  if (next.page !== previous.page) track('page_view');
  else if (next.lang !== previous.lang) track('language_change', { from: previous.lang });
  else track('filter_change', next.filters);
}

/** Click handler for in-app links: plain clicks navigate in place, modified clicks open normally. */
function follow(event, changes, anchor = null) {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  setMenuOpen(false);
  navigate(changes, { anchor });
}

function setMenuOpen(open) {
  document.getElementById('sidebar').classList.toggle('open', open);
  document.getElementById('menu-toggle').setAttribute('aria-expanded', String(open));
}

/** A selector that finds the same control in the page drawn again: its id, else its name. */
function focusKey(element) {
  if (!element || !document.getElementById('page').contains(element)) return null;
  if (element.id) return `#${CSS.escape(element.id)}`;
  const name = element.getAttribute('name');
  return name ? `${element.tagName.toLowerCase()}[name="${CSS.escape(name)}"]` : null;
}

/** Once a page is drawn: scroll where the change asked, and put the focus back on the control that was used or,
 * on a new page, on its heading (so a screen reader and the keyboard start there, not at the top of the body). */
function settle(el, pageChanged) {
  const anchored = pendingAnchor && document.getElementById(pendingAnchor);
  pendingAnchor = null;
  if (anchored) {
    anchored.scrollIntoView({ block: 'start' });
    pendingScroll = null;
  } else if (pendingScroll !== null) window.scrollTo(0, pendingScroll);
  // A shared link to one section (?page=trends&year_from=2003#trends-duration) opens at that section.
  else if (location.hash && !settledOnce) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView({ block: 'start' });
  settledOnce = true;
  pendingScroll = null;
  const again = pendingFocus && el.querySelector(pendingFocus);
  if (again) {
    if (document.activeElement !== again) again.focus({ preventScroll: true });
  } else if (pageChanged) {
    const heading = el.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
  }
  pendingFocus = null;
}

const ctx = {
  hrefFor,
  follow,
  navigate,
  setFilters: (filters) => navigate({ filters }),
  resetFilters: () => navigate({ filters: null }),
  retry: () => {
    api.forget();
    keptViews.clear();
    render();
  },
};

function renderShell(t) {
  document.documentElement.lang = state.lang;
  // A chart embedded in another site (embed=1) shows without the sidebar, footer and section menus.
  document.body.classList.toggle('embed', Boolean(state.embed));
  document.title = `${t(MODULES[state.page].titleKey)} · Mangetamain Analytics`;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-aria]')) node.setAttribute('aria-label', t(node.dataset.i18nAria));
  const nav = clear(document.getElementById('nav'));
  for (const page of PAGES.filter((p) => !DETAIL_PAGES.includes(p))) {
    nav.appendChild(h('a', {
      href: hrefFor({ page, filters: page === state.page ? undefined : null }),
      'data-page': page,
      'aria-current': page === state.page ? 'page' : undefined,
      onclick: (e) => follow(e, { page, filters: page === state.page ? undefined : null }),
    }, t(`nav.${page}`)));
  }
  for (const button of document.querySelectorAll('#lang-switch button')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === state.lang));
  }
}

async function renderMeta(t, token) {
  try {
    const meta = await api.meta(state.lang);
    // A newer render (another language, say) owns the shell now.
    if (token !== renderToken) return;
    const badge = document.getElementById('env-badge');
    badge.dataset.env = meta.environment;
    badge.textContent = meta.badge || meta.environment;
    badge.title = t('shell.environment');
    document.getElementById('footer-version').textContent = `${meta.version} (${meta.commit})`;
    document.getElementById('footer-build').textContent = meta.build_date;
    document.getElementById('footer-data').textContent = meta.data_date || '—';
    const slot = clear(document.getElementById('banner-slot'));
    if (meta.is_synthetic) {
      slot.appendChild(h('div', { class: 'banner', role: 'note', 'data-banner': 'synthetic' },
        h('strong', {}, t('banner.synthetic_title')), ' ', t('banner.synthetic_body')));
    }
  } catch {
    // The page itself reports API failures; the shell keeps its placeholders.
  }
}

async function render() {
  const token = ++renderToken;
  if (!(state.lang in dicts)) {
    // A language switch before its catalog came (it is fetched when idle): wait for it. Should it fail, the
    // page is drawn with the catalogs at hand (English when loaded).
    await loadDictionary(state.lang).catch(() => {});
    if (token !== renderToken) return;
  }
  const t = createTranslator(dicts, state.lang, IntlMessageFormat);
  const module = MODULES[state.page];
  renderShell(t);
  // The page counts as ready with its shell: badge, footer and banner in the page's language too.
  const shell = renderMeta(t, token);
  const el = document.getElementById('page');
  const previousPage = shownPage;
  shownPage = state.page;
  const view = serializeState(state);
  keepShownView(el, view);
  const kept = keptViews.get(view);
  if (kept) {
    keptViews.delete(view);
    el.dataset.ready = 'false';
    stopCharts(el);
    renderedPage = null;
    clear(el).appendChild(kept.nodes);
    // Plotly's own resize handlers skip charts out of the document: a window resized meanwhile is caught up.
    if (el.clientWidth !== kept.width) window.dispatchEvent(new Event('resize'));
    await shell;
    if (token !== renderToken) return;
    el.dataset.ready = 'true';
    settle(el, previousPage !== null && previousPage !== state.page);
    performance.mark('mtm:page-ready');
    renderedPage = state.page;
    shownView = view;
    return;
  }
  el.setAttribute('aria-busy', 'true');
  el.dataset.ready = 'false';
  // A page marked keepWhileLoading (search: typing re-renders it) stays as it is until its next content is ready.
  if (!(module.keepWhileLoading && renderedPage === state.page)) clear(el).appendChild(loading(t('shell.loading')));
  renderedPage = null;
  try {
    const data = await module.load(api, state);
    if (token !== renderToken) return;  // a newer navigation superseded this one
    clear(el);
    // render may return a promise (charts drawing); the page counts as ready once it settles.
    await module.render(el, data, state, t, ctx);
    await shell;
    if (token !== renderToken) return;
    el.dataset.ready = 'true';
    settle(el, previousPage !== null && previousPage !== state.page);
    performance.mark('mtm:page-ready');
    renderedPage = state.page;
    if (module.keepDrawn) shownView = view;
  } catch (error) {
    if (token !== renderToken) return;
    console.warn('page load failed', error);
    el.dataset.ready = 'error';
    clear(el).appendChild(errorPanel(t, error, ctx.retry));
    if (error && error.status === 400 && error.problem && error.problem.parameter) {
      el.appendChild(h('button', { type: 'button', class: 'button secondary', onclick: () => ctx.resetFilters() }, t('filter.reset')));
    }
  } finally {
    if (token === renderToken) el.setAttribute('aria-busy', 'false');
  }
}

async function start() {
  // The shell's and the analysis pages' first requests go out with the dictionaries' instead of after them.
  for (const early of [api.meta(state.lang), api.analyses(state.lang)]) early.catch(() => {});
  try {
    await firstDictionary.catch((error) => {
      // A language beyond the switch's whose catalog the server lacks opens in English.
      if (state.lang === 'en') throw error;
      state = withState(state, { lang: 'en' });
      return loadDictionary('en');
    });
  } catch (error) {
    // Without dictionaries nothing can be labelled; a bilingual plain message is the only fallback.
    clear(document.getElementById('page')).appendChild(h('div', { class: 'error-panel', role: 'alert' },
      h('p', {}, 'The interface could not load. / L\u2019interface n\u2019a pas pu se charger.'),
      h('button', { type: 'button', class: 'button', onclick: () => location.reload() }, 'Retry / Réessayer')));
    return;
  }
  // Normalise the address bar (e.g. drop an unknown page) without adding a history entry.
  history.replaceState(null, '', serializeState(state) + location.hash);
  setContext(state.page, state.lang);
  window.addEventListener('popstate', (event) => {
    state = parseState(location.search);
    pendingScroll = (event.state && event.state.scroll) || 0;
    pendingFocus = null;
    render();
  });
  for (const button of document.querySelectorAll('#lang-switch button')) {
    button.addEventListener('click', () => navigate({ lang: button.dataset.lang }));
  }
  const toggle = document.getElementById('menu-toggle');
  toggle.addEventListener('click', () => setMenuOpen(!document.getElementById('sidebar').classList.contains('open')));
  const idle = globalThis.requestIdleCallback || setTimeout;
  // A first page without charts still gets Plotly, once idle, so that the next page does not wait for it.
  render().finally(() => idle(() => {
    loadPlotly();
    // The switch's other languages, so that a switch draws at once.
    for (const button of document.querySelectorAll('#lang-switch button')) loadDictionary(button.dataset.lang).catch(() => {});
  }));
  // The first view is reported off the critical path: a fresh profile takes 20-40 ms to open localStorage.
  const first = { page: state.page, lang: state.lang };
  idle(() => track('page_view', {}, first));
}

start();
