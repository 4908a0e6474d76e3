// Translations: flat key -> string dictionaries per language, {name} placeholders, locale number
// formats. A missing key falls back to English and never shows the raw key. Pure; node-testable.

/** Replace {name} placeholders with vars[name] (left as is when vars has no such name). */
export function interpolate(text, vars = {}) {
  return String(text).replace(/\{([a-z0-9_]+)\}/gi, (match, name) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : match);
}

// The Intl locale of each catalog language (any other tag is its own locale).
const LOCALES = { en: 'en-US', fr: 'fr-FR' };

// Compiled messages, shared by every translator of a page's life (a translator is made per render): parsing
// a pattern costs far more than formatting it. A pattern with no argument nor quote is its own text.
const compiledMessages = new Map();

// The Intl formatters every compiled message uses, one per locale and options: intl-messageformat would
// otherwise build its own Intl.NumberFormat and Intl.PluralRules for each message (~0.1 ms each).
const intlObjects = new Map();
const sharedIntl = (kind, make) => (locales, options) => {
  const key = `${kind}\u0000${locales}\u0000${JSON.stringify(options ?? {})}`;
  let value = intlObjects.get(key);
  if (!value) {
    value = make(locales, options);
    intlObjects.set(key, value);
  }
  return value;
};
const MESSAGE_FORMATTERS = {
  getNumberFormat: sharedIntl('number', (locales, options) => new Intl.NumberFormat(locales, options)),
  getDateTimeFormat: sharedIntl('date', (locales, options) => new Intl.DateTimeFormat(locales, options)),
  getPluralRules: sharedIntl('plural', (locales, options) => new Intl.PluralRules(locales, options)),
};

/**
 * t(key, vars): the message in lang, else in English, else an em dash (never the key). Messages are ICU
 * MessageFormat (the catalogs the server formats with ICU); MessageFormat is intl-messageformat's class
 * (the page passes /assets/vendor/intl-messageformat.js). Without it, or when a message cannot format its
 * values, {name} placeholders are filled in plainly.
 */
export function createTranslator(dicts, lang, MessageFormat = null) {
  const primary = dicts[lang] || {};
  const fallback = dicts.en || {};
  const locale = LOCALES[lang] || lang;
  const format = (text, vars) => {
    if (!MessageFormat) return interpolate(text, vars);
    if (!text.includes('{') && !text.includes("'")) return text;
    try {
      const key = `${locale}\u0000${text}`;
      let message = compiledMessages.get(key);
      if (!message) {
        message = new MessageFormat(text, locale, undefined, { formatters: MESSAGE_FORMATTERS });
        compiledMessages.set(key, message);
      }
      return String(message.format(vars || {}));
    } catch {
      return interpolate(text, vars);
    }
  };
  const t = (key, vars) => {
    const text = primary[key] ?? fallback[key];
    return text === undefined ? '—' : format(text, vars);
  };
  t.lang = lang;
  t.has = (key) => key in primary;
  return t;
}

/** Keys of a that b lacks (sorted). */
export function missingKeys(a, b) {
  return Object.keys(a).filter((key) => !(key in b)).sort();
}

/** Placeholder names used by a string, sorted. */
export function placeholders(text) {
  return [...String(text).matchAll(/\{([a-z0-9_]+)\}/gi)].map((m) => m[1]).sort();
}

/** The text of a rendered message {id, params, text}, a bilingual value {en, fr} or a plain string. */
export function pick(value, lang) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value.text === 'string') return value.text;
  return value[lang] ?? value.en ?? '';
}

// One formatter per locale and decimals: building an Intl.NumberFormat costs ~0.1 ms, and a page formats
// thousands of numbers (tables, cards, hover texts): ~200 ms of the trends page's first render.
const formatters = new Map();

/** Format a number for lang with fixed decimals; null/NaN gives "n/a" / "n.d.". */
export function formatNumber(value, lang, decimals = 0) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return lang === 'fr' ? 'n.d.' : 'n/a';
  const locale = LOCALES[lang] || LOCALES.en;
  const key = `${locale}/${decimals}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formatters.set(key, formatter);
  }
  return formatter.format(Number(value));
}

/** Format a share 0..1 as a percentage. */
export function formatPercent(value, lang, decimals = 1) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return formatNumber(null, lang);
  return formatNumber(Number(value) * 100, lang, decimals) + (lang === 'fr' ? ' %' : '%');
}

const scientific = new Map();

/** A p-value as text: scientific below 0.001, the locale's way ("1.49E-14" / "1,49E-14"). */
export function formatP(p, lang) {
  if (p === null || p === undefined || Number.isNaN(Number(p))) return formatNumber(null, lang);
  const v = Number(p);
  const locale = LOCALES[lang] || LOCALES.en;
  if (!scientific.has(locale)) {
    scientific.set(locale, new Intl.NumberFormat(locale, { notation: 'scientific', minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  }
  if (v === 0) return `< ${scientific.get(locale).format(1e-300).replace(/[.,]00/, '')}`;
  if (v < 0.001) return scientific.get(locale).format(v);
  return formatNumber(v, lang, 4);
}

/** True for a column of identifiers or years (id, recipe_id, year): its numbers are names, written as they are
 * (137739, 2008), never grouped like quantities (137,739). */
export function isIdentifierColumn(name) {
  return /(^|_)id$|^year$/i.test(String(name));
}

/** A cell of the data as text: a number in the locale's format (whole, or to three decimals), a boolean in
 * words from the catalog (value.true / value.false), anything else as it is; null is empty. numeric: false
 * for a number the query typed otherwise, shown as is. */
export function cellText(value, lang, t, { numeric = true } = {}) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numeric ? formatNumber(value, lang, Number.isInteger(value) ? 0 : 3) : String(value);
  if (typeof value === 'boolean') return t(value ? 'value.true' : 'value.false');
  return String(value);
}
