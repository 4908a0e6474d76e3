// The API client: remembered answers shared by calls made while the request is in flight, failures not
// remembered, problem documents turned into ApiError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, createApi } from '../../web/js/lib/api.js';

/** A fetch that records URLs and answers from a queue of [status, body] after a tick. */
function fakeFetch(answers) {
  const calls = [];
  const impl = async (url) => {
    calls.push(url);
    await new Promise((resolve) => setTimeout(resolve, 1));
    const [status, body] = answers.shift();
    return { ok: status >= 200 && status < 300, status, json: async () => body };
  };
  return { calls, impl };
}

test('calls made while a remembered request is in flight share it', async () => {
  const fake = fakeFetch([[200, { analyses: [1] }]]);
  const api = createApi(fake.impl);
  const [a, b] = await Promise.all([api.analyses('fr'), api.analyses('fr')]);
  assert.deepEqual(a, { analyses: [1] });
  assert.equal(a, b);
  assert.deepEqual(await api.analyses('fr'), { analyses: [1] });
  assert.deepEqual(fake.calls, ['/api/v1/analyses?lang=fr']);
});

test('a failed remembered request is asked again, and forget() drops what was remembered', async () => {
  const fake = fakeFetch([[503, { title: 'busy', detail: 'try later' }], [200, { version: '1' }], [200, { version: '2' }]]);
  const api = createApi(fake.impl);
  await assert.rejects(api.meta('en'), (error) => error instanceof ApiError && error.status === 503 && error.message === 'try later');
  assert.deepEqual(await api.meta('en'), { version: '1' });
  assert.deepEqual(await api.meta('en'), { version: '1' });
  api.forget();
  assert.deepEqual(await api.meta('en'), { version: '2' });
  assert.equal(fake.calls.length, 3);
});

test('analysis calls are never remembered', async () => {
  const fake = fakeFetch([[200, { id: 'a' }], [200, { id: 'b' }]]);
  const api = createApi(fake.impl);
  assert.deepEqual(await api.analysis('trends.volume', { year_to: 2010 }, 'en'), { id: 'a' });
  assert.deepEqual(await api.analysis('trends.volume', { year_to: 2010 }, 'en'), { id: 'b' });
  assert.deepEqual(fake.calls, ['/api/v1/analyses/trends.volume?year_to=2010&lang=en', '/api/v1/analyses/trends.volume?year_to=2010&lang=en']);
});
