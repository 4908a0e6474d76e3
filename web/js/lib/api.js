// The JSON API client. Every call carries the UI language (so problem messages come localised) and
// turns a failed response into an ApiError holding the problem+json document.

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || null;
  }
}

/** Build "/api/v1/<path>?<params>&lang=<lang>" with params sorted (stable URLs, better caching). */
export function apiUrl(path, params = {}, lang = 'en') {
  const query = new URLSearchParams();
  for (const name of Object.keys(params).sort()) {
    if (params[name] !== undefined && params[name] !== null && params[name] !== '') query.set(name, String(params[name]));
  }
  query.set('lang', lang);
  return `/api/v1/${path}?${query.toString()}`;
}

export function createApi(fetchImpl = (...args) => fetch(...args)) {
  // Remembered answers, as promises: a call made while the same request is in flight shares it.
  const memo = new Map();
  function get(path, params, lang, { remember = false } = {}) {
    const url = apiUrl(path, params, lang);
    if (!remember) return request(url);
    if (!memo.has(url)) {
      const answer = request(url);
      memo.set(url, answer);
      answer.catch(() => { if (memo.get(url) === answer) memo.delete(url); });
    }
    return memo.get(url);
  }
  async function request(url) {
    let response;
    try {
      response = await fetchImpl(url, { headers: { Accept: 'application/json' } });
    } catch (error) {
      throw new ApiError(0, { title: 'network', detail: String(error && error.message ? error.message : error) });
    }
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }
  return {
    meta: (lang) => get('meta', {}, lang, { remember: true }),
    summary: (lang) => get('summary', {}, lang, { remember: true }),
    findings: (lang) => get('findings', {}, lang, { remember: true }),
    analyses: (lang) => get('analyses', {}, lang, { remember: true }),
    ingestReport: (lang) => get('ingest-report', {}, lang, { remember: true }),
    analysis: (id, params, lang) => get(`analyses/${encodeURIComponent(id)}`, params, lang),
    /** Any other route under /api/v1/ (the explorer's search, recipes, pantry, people). */
    fetch: (path, params, lang) => get(path, params, lang),
    forget: () => memo.clear(),
  };
}
