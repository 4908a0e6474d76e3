// Tests of the usage-event helpers (web/js/lib/telemetry.js): ids, parameter cleaning, event shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildEvent, cleanParams, clientId, createBudget, randomId, setContext } from '../../web/js/lib/telemetry.js';

function memoryStorage(initial = {}) {
  const data = { ...initial };
  return { getItem: (k) => (k in data ? data[k] : null), setItem: (k, v) => { data[k] = String(v); }, data };
}

test('randomId gives 32 hex digits from the random source', () => {
  const fixed = { getRandomValues: (bytes) => { bytes.fill(171); return bytes; } };
  assert.equal(randomId(fixed), 'ab'.repeat(16));
  assert.match(randomId(), /^[0-9a-f]{32}$/);
  assert.notEqual(randomId(), randomId());
});

test('clientId is created once and kept; a bad stored value is replaced; blocked storage still gives an id', () => {
  const storage = memoryStorage();
  const first = clientId(storage);
  assert.match(first, /^[0-9a-f]{32}$/);
  assert.equal(clientId(storage), first);
  const tampered = memoryStorage({ 'mtm.client_id': 'me@example.com' });
  assert.match(clientId(tampered), /^[0-9a-f]{32}$/);
  const blocked = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => {} };
  assert.match(clientId(blocked), /^[0-9a-f]{32}$/);
});

test('cleanParams keeps schema-valid names and scalar values only', () => {
  assert.deepEqual(cleanParams({ year_from: '2001', seasons: ['winter', 'summer'], top_n: 10, clean_only: true,
    'Bad-Name': 'x', nested: { a: 1 }, nan: Number.NaN, long: 'x'.repeat(300) }),
  { year_from: '2001', seasons: 'winter,summer', top_n: 10, clean_only: true, long: 'x'.repeat(200) });
  const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, i]));
  assert.equal(Object.keys(cleanParams(many)).length, 24);
});

test('buildEvent carries type, context, id and cleaned params', () => {
  setContext('trends', 'fr');
  assert.deepEqual(buildEvent('filter_change', { year_to: '2010' }, undefined, 'abcdef0123456789'),
    { type: 'filter_change', page: 'trends', lang: 'fr', client_id: 'abcdef0123456789', params: { year_to: '2010' } });
  assert.deepEqual(buildEvent('download', {}, { page: 'weekend', lang: 'en' }, 'abcdef0123456789'),
    { type: 'download', page: 'weekend', lang: 'en', client_id: 'abcdef0123456789', params: {} });
});

test('the event budget allows a burst, then the sustained rate, and refills over time', () => {
  let now = 0;
  const budget = createBudget({ burst: 3, perMinute: 60 }, () => now);
  assert.deepEqual([budget.take(), budget.take(), budget.take(), budget.take()], [true, true, true, false]);
  now += 500;  // half a token
  assert.equal(budget.take(), false);
  now += 500;
  assert.equal(budget.take(), true);
  assert.equal(budget.take(), false);
  now += 60000;  // refills to the burst, not beyond
  assert.deepEqual([budget.take(), budget.take(), budget.take(), budget.take()], [true, true, true, false]);
});
