// Table-driven tests of the URL view state (web/js/lib/url_state.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filtersFor, parseState, preferredLanguage, serializeState, setDefaultLanguage, withState } from '../../web/js/lib/url_state.js';

test('parseState reads page, lang and filters, falling back to defaults', () => {
  const cases = [
    ['', { page: 'overview', lang: 'en', filters: {}, embed: null }],
    ['?page=trends&lang=fr', { page: 'trends', lang: 'fr', filters: {}, embed: null }],
    // A language tag beyond the switch's is kept (the server may have its catalog; app.js falls back to
    // English when it has not); anything else is not a language.
    ['?page=nope&lang=de', { page: 'overview', lang: 'de', filters: {}, embed: null }],
    ['?page=nope&lang=%3Cb%3E', { page: 'overview', lang: 'en', filters: {}, embed: null }],
    ['?lang=en-XA', { page: 'overview', lang: 'en-XA', filters: {}, embed: null }],
    ['?page=weekend&year_from=2001&seasons=winter,summer', { page: 'weekend', lang: 'en', filters: { year_from: '2001', seasons: 'winter,summer' }, embed: null }],
    ['?page=ratings&top_n=&Bad-Name=1&__proto__=x', { page: 'ratings', lang: 'en', filters: {}, embed: null }],
    // embed=1 with a chart reference is the chart-only view; neither is a filter, and a malformed reference is ignored.
    ['?page=trends&year_from=2003&embed=1&chart=trends.ingredients/movers_by_year',
      { page: 'trends', lang: 'en', filters: { year_from: '2003' }, embed: 'trends.ingredients/movers_by_year' }],
    ['?page=trends&embed=1&chart=<script>', { page: 'trends', lang: 'en', filters: {}, embed: null }],
    ['?page=trends&embed=0&chart=trends.volume/by_year', { page: 'trends', lang: 'en', filters: {}, embed: null }],
  ];
  for (const [search, expected] of cases) assert.deepEqual(parseState(search), expected, search);
});

test('serializeState is stable and drops defaults and empty values', () => {
  assert.equal(serializeState({ page: 'overview', lang: 'en', filters: {} }), '?page=overview');
  assert.equal(serializeState({ page: 'trends', lang: 'fr', filters: { year_to: '2010', year_from: '2000', top_n: '' } }),
    '?page=trends&lang=fr&year_from=2000&year_to=2010');
  assert.equal(serializeState({ page: 'bogus', lang: 'en', filters: {} }), '?page=overview');
});

test('parse and serialize round-trip', () => {
  for (const search of ['?page=seasonality&lang=fr&seasons=spring%2Cautumn', '?page=about', '?page=ratings&min_interactions=50']) {
    const state = parseState(search);
    assert.deepEqual(parseState(serializeState(state)), state, search);
  }
});

test('withState replaces fields, deletes emptied filters and clears on null', () => {
  const base = { page: 'trends', lang: 'en', filters: { year_from: '2000', top_n: '5' } };
  assert.deepEqual(withState(base, { lang: 'fr' }), { page: 'trends', lang: 'fr', filters: { year_from: '2000', top_n: '5' }, embed: null });
  assert.deepEqual(withState(base, { filters: { top_n: '' , year_to: 2010 } }).filters, { year_from: '2000', year_to: '2010' });
  assert.deepEqual(withState(base, { page: 'about', filters: null }), { page: 'about', lang: 'en', filters: {}, embed: null });
  const embedded = { ...base, embed: 'trends.volume/by_year' };
  assert.equal(withState(embedded, { lang: 'fr' }).embed, 'trends.volume/by_year', 'a language change keeps the embedded chart');
  assert.equal(withState(embedded, { page: 'ratings' }).embed, null, 'another page leaves it');
  assert.equal(serializeState(withState(embedded, { lang: 'fr' })), '?page=trends&lang=fr&top_n=5&year_from=2000&embed=1&chart=trends.volume%2Fby_year');
  assert.deepEqual(base.filters, { year_from: '2000', top_n: '5' }, 'input left untouched');
});

test('filtersFor keeps only the names an analysis accepts', () => {
  assert.deepEqual(filtersFor({ year_from: '2000', top_n: '5', seasons: 'winter' }, ['year_from', 'seasons', 'lang']),
    { year_from: '2000', seasons: 'winter' });
});

test('the browser\'s language is the default: an address without lang= opens in it, another choice stays in the URL', () => {
  assert.equal(preferredLanguage(['fr-FR', 'en-US']), 'fr');
  assert.equal(preferredLanguage(['de-DE', 'FR']), 'fr');
  assert.equal(preferredLanguage(['de-DE', 'es']), 'en');
  assert.equal(preferredLanguage(undefined), 'en');
  setDefaultLanguage('fr');
  try {
    assert.equal(parseState('?page=trends').lang, 'fr');
    assert.equal(serializeState({ page: 'trends', lang: 'fr', filters: {} }), '?page=trends');
    assert.equal(serializeState({ page: 'trends', lang: 'en', filters: {} }), '?page=trends&lang=en');
    assert.equal(parseState('?page=trends&lang=en').lang, 'en');
  } finally {
    setDefaultLanguage('en');
  }
  assert.equal(parseState('?page=trends').lang, 'en');
  setDefaultLanguage('xx');
  assert.equal(parseState('?page=trends').lang, 'en');
});
