// One palette: the page's chart colours (web/js/lib/charts.js) are the server's theme (src/present/theme.hpp),
// colour for colour, so a chart the server colours and one the page colours never disagree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CHART_COLORS, SEASON_COLORS } from '../../web/js/lib/charts.js';

const theme = readFileSync(new URL('../../src/present/theme.hpp', import.meta.url), 'utf8');
const named = Object.fromEntries([...theme.matchAll(/constexpr std::string_view (k\w+) = "(#[0-9A-F]{6})";/g)].map((m) => [m[1], m[2]]));

test('the series colours are the theme\'s, in its order', () => {
  const series = theme.match(/kSeries = \{([^}]*)\}/)[1].split(',').map((name) => named[name.trim()]);
  assert.equal(series.length, 8);
  assert.deepEqual(CHART_COLORS, series);
});

test('the season colours are the theme\'s', () => {
  const winter = theme.match(/season == "winter"\) return "(#[0-9A-F]{6})"/)[1];
  const spring = theme.match(/season == "spring"\) return "(#[0-9A-F]{6})"/)[1];
  assert.deepEqual(SEASON_COLORS, { winter, spring, summer: named.kGold, autumn: named.kOrange });
});
