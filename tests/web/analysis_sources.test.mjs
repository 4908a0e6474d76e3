// The analyses speak only through the catalogs (issue #17): no sentence, label or unit is written in src/analysis,
// only message ids; and the code stays legible (no file over 600 lines, no function over 80). Exceptions that
// report a programming or build error (std::invalid_argument, std::runtime_error: a caller broke a contract, a
// library is missing) are developers' diagnostics, and the data's own names (the pantry's default staples) are
// data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../src/analysis/', import.meta.url).pathname;
const sources = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
  entry.isDirectory() ? sources(join(dir, entry.name)) : /\.(cpp|hpp)$/.test(entry.name) ? [join(dir, entry.name)] : []);
const files = sources(root).map((path) => ({ path: path.slice(root.length), lines: readFileSync(path, 'utf8').split('\n') }));
const SQL = /\b(SELECT|FROM|WHERE|JOIN|CREATE|ORDER BY|GROUP BY|INSERT|COPY|UNION|CASE|COUNT|EXCLUDE|DISTINCT|BETWEEN|IS NOT NULL|CAST|OR NOT)\b|read_|list_contains/;
const DATA = new Set(['black pepper', 'olive oil', 'vegetable oil', 'all-purpose flour']);

test('no prose literal in src/analysis: words are catalog message ids', () => {
  const found = [];
  for (const { path, lines } of files) {
    lines.forEach((line, i) => {
      const code = line.trim();
      if (code.startsWith('//') || code.startsWith('*') || /throw std::(invalid_argument|runtime_error)/.test(line)) return;
      for (const [, text] of code.replace(/\/\/.*$/, '').matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
        if (SQL.test(text) || DATA.has(text)) continue;
        if (/\p{L}{2,}\s+\p{L}{2,}/u.test(text)) found.push(`${path}:${i + 1}: ${text}`);
      }
    });
  }
  assert.deepEqual(found, []);
});

test('no file over 600 lines and no function over 80 in src/analysis', () => {
  const found = [];
  for (const { path, lines } of files) {
    if (lines.length > 600) found.push(`${path}: ${lines.length} lines`);
    for (let i = 0; i < lines.length; i += 1) {
      // A function starts at column 0 with a parameter list and an opening brace (the code is not indented
      // inside namespaces); it ends where its braces balance.
      if (!/^[A-Za-z].*\(.*\{\s*$/.test(lines[i]) || /^(namespace|struct|class|enum|union)\b/.test(lines[i])) continue;
      let depth = 0;
      let j = i;
      for (; j < lines.length; j += 1) {
        depth += (lines[j].match(/\{/g) || []).length - (lines[j].match(/\}/g) || []).length;
        if (depth <= 0) break;
      }
      if (j - i + 1 > 80) found.push(`${path}:${i + 1}: ${j - i + 1} lines`);
      i = j;
    }
  }
  assert.deepEqual(found, []);
});
