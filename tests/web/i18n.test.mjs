// The dictionaries are complete in both languages and every key the UI uses exists; helpers are pure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cellText, createTranslator, formatNumber, isIdentifierColumn, formatP, formatPercent, interpolate, missingKeys, pick, placeholders } from '../../web/js/lib/i18n.js';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');
const en = JSON.parse(readFileSync(join(web, '..', 'i18n', 'en.json'), 'utf8'));
const fr = JSON.parse(readFileSync(join(web, '..', 'i18n', 'fr.json'), 'utf8'));

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.js') || entry.name.endsWith('.html') ? [join(dir, entry.name)] : []);
}

// Keys built from templates, expanded over the values the code feeds them.
const PAGES = ['overview', 'trends', 'seasonality', 'weekend', 'ratings', 'about'];
const FILTERS = ['year_from', 'year_to', 'seasons', 'days', 'date_basis', 'min_interactions', 'top_n', 'min_frequency',
  'min_difference', 'band_low', 'band_high', 'clean_only'];
const TEMPLATE_KEYS = [
  ...PAGES.flatMap((p) => [`nav.${p}`, `page.${p}.title`, `page.${p}.lead`]),
  ...PAGES.filter((p) => p !== 'overview').map((p) => `overview.answers.${p}`),
  ...FILTERS.map((f) => `filter.${f}`),
  'option.date_basis.submission', 'option.date_basis.rating',
  ...['winter', 'spring', 'summer', 'autumn'].map((s) => `season.${s}`),
];

function usedKeys() {
  const keys = new Set(TEMPLATE_KEYS);
  for (const file of sources(web)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\('([a-z0-9_.]+)'/g)) keys.add(m[1]);
    for (const m of text.matchAll(/data-i18n(?:-aria)?="([a-z0-9_.]+)"/g)) keys.add(m[1]);
    for (const m of text.matchAll(/'((?:about|test|day)\.[a-z0-9_.]+)'/g)) keys.add(m[1]);
  }
  return [...keys].sort();
}

test('English and French have exactly the same keys', () => {
  assert.deepEqual(missingKeys(en, fr), [], 'missing in fr.json');
  assert.deepEqual(missingKeys(fr, en), [], 'missing in en.json');
});

test('every key the UI uses exists in both languages', () => {
  const used = usedKeys();
  assert.ok(used.length > 60, `found ${used.length} keys`);
  assert.deepEqual(used.filter((k) => !(k in en)), [], 'missing in en.json');
  assert.deepEqual(used.filter((k) => !(k in fr)), [], 'missing in fr.json');
});

/** The argument names of an ICU message (plural, select and number arguments included), sorted. */
function argumentNames(parse, text) {
  const names = new Set();
  const walk = (elements) => {
    for (const element of elements) {
      if (typeof element.value === 'string' && element.type !== 0) names.add(element.value);
      for (const option of Object.values(element.options || {})) walk(option.value);
    }
  };
  walk(parse(text));
  return [...names].sort();
}

test('no translation is empty and both languages use the same placeholders', async () => {
  const { parse } = await import('@formatjs/icu-messageformat-parser');
  for (const key of Object.keys(en)) {
    assert.ok(en[key].trim() && fr[key].trim(), key);
    assert.deepEqual(argumentNames(parse, fr[key]), argumentNames(parse, en[key]), key);
  }
  assert.deepEqual(argumentNames(parse, '{n, plural, one {# {what}} other {# {what}s}} in {season, select, summer {x} other {y}}'),
    ['n', 'season', 'what']);
});

test('the translator never returns a raw key', () => {
  const t = createTranslator({ en: { a: 'A {n}' }, fr: {} }, 'fr');
  assert.equal(t('a', { n: 2 }), 'A 2', 'falls back to English');
  assert.equal(t('does.not.exist'), '—');
});

test('interpolate, pick and number formats', () => {
  assert.equal(interpolate('{a} and {b}', { a: 1 }), '1 and {b}');
  assert.equal(pick({ en: 'Winter', fr: 'Hiver' }, 'fr'), 'Hiver');
  assert.equal(pick({ en: 'Winter' }, 'fr'), 'Winter');
  assert.equal(pick(null, 'en'), '');
  assert.equal(formatNumber(1234567.891, 'en', 1), '1,234,567.9');
  assert.equal(formatNumber(1234567.891, 'fr', 1).replace(/\s/g, ' '), '1 234 567,9');
  assert.equal(formatNumber(null, 'en'), 'n/a');
  assert.equal(formatNumber(Number.NaN, 'fr'), 'n.d.');
  assert.equal(formatPercent(0.6, 'en'), '60.0%');
  assert.equal(formatPercent(0.6, 'fr').replace(/\s/g, ' '), '60,0 %');
  assert.equal(formatP(0.04321, 'en'), '0.0432');
  assert.equal(formatP(0.0000123, 'en'), '1.23E-5');
  // Scientific notation the locale's way: a decimal comma in French, as the tables' other numbers.
  assert.equal(formatP(1.49e-14, 'fr'), '1,49E-14');
  assert.equal(formatP(0.00098, 'fr'), '9,80E-4');
  assert.equal(formatP(0, 'en'), '< 1E-300');
});

test('every catalog message is ICU MessageFormat that intl-messageformat formats, plurals the language way', async () => {
  const { IntlMessageFormat } = await import('intl-messageformat');
  for (const [lang, dict] of [['en', en], ['fr', fr]]) {
    for (const [key, text] of Object.entries(dict)) {
      assert.doesNotThrow(() => new IntlMessageFormat(text, lang), `${lang} ${key}`);
    }
  }
  const dicts = { en: { words: '{count, plural, one {# word} other {# words}}' }, fr: { words: '{count, plural, one {# mot} other {# mots}}' } };
  assert.equal(createTranslator(dicts, 'en', IntlMessageFormat)('words', { count: 1 }), '1 word');
  assert.equal(createTranslator(dicts, 'fr', IntlMessageFormat)('words', { count: 1 }), '1 mot');
  assert.equal(createTranslator(dicts, 'fr', IntlMessageFormat)('words', { count: 2000 }), '2\u202f000 mots');
});

test('a data cell: numbers in the locale format, booleans in the catalog\'s words, null empty', () => {
  const dicts = { en: JSON.parse(readFileSync('i18n/en.json', 'utf8')), fr: JSON.parse(readFileSync('i18n/fr.json', 'utf8')) };
  const fr = createTranslator(dicts, 'fr');
  const en = createTranslator(dicts, 'en');
  assert.equal(cellText(true, 'fr', fr), 'vrai');
  assert.equal(cellText(false, 'en', en), 'false');
  assert.equal(cellText(2.5, 'fr', fr), '2,500');
  assert.equal(cellText(1234, 'en', en), '1,234');
  assert.equal(cellText(2019, 'fr', fr, { numeric: false }), '2019');
  assert.equal(cellText(null, 'fr', fr), '');
  assert.equal(cellText('crème', 'fr', fr), 'crème');
  // Identifiers and years are names: never grouped.
  assert.deepEqual(['id', 'recipe_id', 'user_id', 'year', 'minutes', 'n_steps', 'idea'].map(isIdentifierColumn),
    [true, true, true, true, false, false, false]);
});
