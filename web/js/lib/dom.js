// A tiny element builder. Text always goes in as text nodes (never innerHTML), so nothing from the
// data or the URL can inject markup.

/** h('div', {class: 'card', onclick: fn}, 'text', child, [more]) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name === 'checked' || name === 'value' || name === 'disabled' || name === 'selected') el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

// The data's own words (Food.com's names, ingredients, steps, tags and reviews) are English. The elements that
// hold them say so, so that a screen reader on a French page reads them with an English voice (WCAG 3.1.2).
const DATA_LANG = 'en';

/** h() for an element holding the data's own words: marked lang="en". */
export function dataWords(tag, props = {}, ...children) {
  return h(tag, { ...props, lang: DATA_LANG }, ...children);
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Remove every child of el. */
export function clear(el) {
  // One operation: a blur/change handler fired by removing a focused input cannot interleave with it.
  el.replaceChildren();
  return el;
}

/** A loading indicator with a text. */
export function loading(text) {
  return h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

/** A localised error panel with a Retry button. */
export function errorPanel(t, error, onRetry) {
  const detail = error && error.problem ? error.problem.detail || error.problem.title : error && error.message;
  return h('div', { class: 'error-panel', role: 'alert' },
    h('h2', {}, t('error.title')),
    h('p', {}, error && error.status === 0 ? t('error.network') : t('error.body')),
    detail ? h('p', { class: 'detail' }, detail) : null,
    h('button', { type: 'button', class: 'button', onclick: onRetry }, t('error.retry')));
}
