// Pure parts of the explorer pages: comma lists in the URL and links that replace the filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlightParts, joinList, RESULTS_PAGE, resultsPage, splitList } from '../../web/js/lib/explorer_ui.js';
import { parseState, serializeState, withState } from '../../web/js/lib/url_state.js';

test('comma lists are trimmed and empty items dropped', () => {
  assert.deepEqual(splitList(' chicken, ,olive oil ,'), ['chicken', 'olive oil']);
  assert.deepEqual(splitList(undefined), []);
  assert.equal(joinList(['a', '', 'b c']), 'a,b c');
  assert.equal(joinList([]), '');
});

test('explorer pages are valid pages and a reset link replaces the filters', () => {
  for (const page of ['search', 'pantry', 'recipe', 'contributor', 'user']) assert.equal(parseState(`?page=${page}`).page, page);
  const state = parseState('?page=search&q=soup&tags=easy&lang=fr');
  const next = withState(state, { page: 'recipe', filters: { id: '42' }, reset: true });
  assert.equal(serializeState(next), '?page=recipe&lang=fr&id=42');
  // Without reset the filters merge, as the filter bars expect.
  assert.equal(serializeState(withState(state, { filters: { q: 'stew' } })), '?page=search&lang=fr&q=stew&tags=easy');
});

test('results pages travel as `results`, never over the view\'s `page`', () => {
  assert.equal(resultsPage(parseState('?page=search&q=soup&results=3')), 3);
  assert.equal(resultsPage(parseState('?page=search&q=soup')), 1);
  assert.equal(resultsPage(parseState('?page=search&results=-2')), 1);
  assert.equal(resultsPage(parseState('?page=search&results=x')), 1);
  const next = withState(parseState('?page=search&q=cookies'), { filters: { [RESULTS_PAGE]: '2' } });
  assert.equal(serializeState(next), '?page=search&q=cookies&results=2');
  assert.equal(parseState(serializeState(next)).page, 'search');
});

test('highlight ranges cut a name into marked and plain parts, never losing or repeating text', () => {
  // UTF-16 ranges from the API: "Crème" is 5 units in JavaScript.
  assert.deepEqual(highlightParts('Crème brûlée, crème', [[0, 5], [14, 19]]), [
    { text: 'Crème', mark: true }, { text: ' brûlée, ', mark: false }, { text: 'crème', mark: true }]);
  assert.deepEqual(highlightParts('soup', []), [{ text: 'soup', mark: false }]);
  assert.deepEqual(highlightParts('soup', undefined), [{ text: 'soup', mark: false }]);
  // Out of bounds and overlapping ranges are clipped.
  assert.deepEqual(highlightParts('ab', [[1, 9], [0, 2]]), [{ text: 'a', mark: false }, { text: 'b', mark: true }]);
  // Markup in a name stays text.
  assert.equal(highlightParts('<b>x</b>', [[3, 4]]).map((p) => p.text).join(''), '<b>x</b>');
});

test('sampled tag and ingredient facets read as approximate, with the sample and margin, in EN and FR', async () => {
  const { readFileSync } = await import('node:fs');
  const { createTranslator } = await import('../../web/js/lib/i18n.js');
  const { facetCountText, facetsSampledNote } = await import('../../web/js/lib/explorer_ui.js');
  const dicts = Object.fromEntries(['en', 'fr'].map((lang) =>
    [lang, JSON.parse(readFileSync(new URL(`../../i18n/${lang}.json`, import.meta.url), 'utf8'))]));
  const sampled = { total: 40000, facets_sampled: true, facets_sample_size: 4000, facets_margin: 148 };
  const exact = { total: 120 };
  const en = createTranslator(dicts, 'en');
  const fr = createTranslator(dicts, 'fr');
  assert.equal(facetCountText(12340, sampled, en, 'en'), '≈ 12,340');
  assert.equal(facetCountText(12340, exact, en, 'en'), '12,340');
  assert.match(facetCountText(12340, sampled, fr, 'fr'), /^≈ 12\s340$/u);
  assert.equal(facetsSampledNote(exact, en, 'en'), null);
  const note = facetsSampledNote(sampled, en, 'en');
  assert.match(note, /4,000 of the 40,000 results/);
  assert.match(note, /±148 at 95 %/);
  const noteFr = facetsSampledNote(sampled, fr, 'fr');
  assert.match(noteFr, /4\s000 des 40\s000 résultats/u);
  assert.match(noteFr, /±148 près/);
});
