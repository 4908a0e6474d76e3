// Anonymous usage events for the operations log (POST /api/v1/events): page views, filter and language
// changes, downloads. A browser is known only by a random id kept in localStorage; nothing else about the
// user is sent. Sending never blocks or breaks the UI: failures are ignored.
const STORAGE_KEY = 'mtm.client_id';
const NAME = /^[a-z0-9_]{1,40}$/;
const MAX_PARAMS = 24;
const MAX_VALUE = 200;

let context = { page: 'overview', lang: 'en' };

/** A token bucket: take() is true while fewer than `burst` events went out at once and the sustained rate
 * stays under perMinute. */
export function createBudget({ burst, perMinute }, now = () => Date.now()) {
  let tokens = burst;
  let last = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) * perMinute) / 60000);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

// The server accepts 30 events at once and 60 a minute per client by default (events.burst,
// events.rate_per_minute). Staying under that here, a reader who downloads every chart of a page never
// gets a refused request (an error in the console); the events past the budget are not sent.
const budget = createBudget({ burst: 20, perMinute: 50 });

/** 32 hex digits from crypto.getRandomValues (randomUUID needs a secure context; plain http has none). */
export function randomId(random = globalThis.crypto) {
  const bytes = new Uint8Array(16);
  random.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The browser's anonymous id, created on first use; a fresh one per page load when storage is blocked. */
export function clientId(storage = globalThis.localStorage) {
  try {
    let id = storage.getItem(STORAGE_KEY);
    if (!id || !/^[A-Za-z0-9-]{8,64}$/.test(id)) {
      id = randomId();
      storage.setItem(STORAGE_KEY, id);
    }
    return id;
  } catch {
    return randomId();
  }
}

/** Page and language the next events belong to. */
export function setContext(page, lang) {
  context = { page, lang };
}

/** Keep what the server's schema accepts: short names, scalar values (lists joined), bounded sizes. */
export function cleanParams(params = {}) {
  const out = {};
  for (const [name, raw] of Object.entries(params)) {
    if (Object.keys(out).length >= MAX_PARAMS) break;
    if (!NAME.test(name)) continue;
    const value = Array.isArray(raw) ? raw.join(',') : raw;
    if (typeof value === 'number' && Number.isFinite(value)) out[name] = value;
    else if (typeof value === 'boolean') out[name] = value;
    else if (typeof value === 'string') out[name] = value.slice(0, MAX_VALUE);
  }
  return out;
}

/** The event body for type in the current context. */
export function buildEvent(type, params = {}, where = context, id = clientId()) {
  return { type, page: where.page, lang: where.lang, client_id: id, params: cleanParams(params) };
}

/** Report one action; fire and forget (sendBeacon survives a page unload, fetch keepalive otherwise). */
export function track(type, params = {}, where = context) {
  if (!budget.take()) return;
  try {
    const body = JSON.stringify(buildEvent(type, params, where));
    const beacon = globalThis.navigator && globalThis.navigator.sendBeacon;
    if (beacon && globalThis.navigator.sendBeacon('/api/v1/events', new Blob([body], { type: 'application/json' }))) return;
    globalThis.fetch('/api/v1/events', {
      method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json' }, body,
    }).catch(() => {});
  } catch {
    // Telemetry must never break the page.
  }
}
