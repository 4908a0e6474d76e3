// Pure parts of the explorer pages: comma lists in the URL and links that replace the filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinList, splitList } from '../../web/js/lib/explorer_ui.js';
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
