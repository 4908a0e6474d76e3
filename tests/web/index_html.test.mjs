// index.html preloads every module of app.js's static import graph (so the browser fetches them at once
// instead of one level of the graph per round trip), and nothing that is not a module of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '../../web');
const html = readFileSync(join(web, 'index.html'), 'utf8');

/** The files a module imports statically, as paths under web/. */
function imports(path) {
  const source = readFileSync(join(web, path), 'utf8');
  // An absolute /assets/ import is a served file: vendor/ ones come from node_modules and import nothing.
  return [...source.matchAll(/^import\s[^;]*?from\s+'([^']+)';/gms)].map((m) =>
    m[1].startsWith('/assets/') ? m[1].slice('/assets/'.length) : relative(web, resolve(dirname(join(web, path)), m[1])));
}

function importGraph(entry) {
  const seen = new Set();
  const stack = [entry];
  while (stack.length) {
    const path = stack.pop();
    if (path.startsWith('vendor/')) continue;
    for (const next of imports(path)) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

test('index.html preloads exactly the modules app.js imports, directly or not', () => {
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="\/assets\/([^"]+)">/g)].map((m) => m[1]);
  assert.equal(new Set(preloaded).size, preloaded.length, 'no module listed twice');
  const graph = importGraph('js/app.js');
  assert.ok(graph.has('js/lib/charts.js') && graph.has('js/pages/analysis_page.js'), [...graph].join(' '));
  assert.deepEqual([...preloaded].sort(), [...graph].sort());
});

test('index.html preloads the cartesian Plotly bundle; the server puts the page\'s catalog at the marker', () => {
  assert.doesNotMatch(html, /i18n\//);
  assert.equal(html.split('<!--catalog-preload-->').length, 2, 'one marker');
  assert.match(html, /<link rel="preload" href="\/assets\/vendor\/plotly-cartesian.min.js" as="script">/);
  // Plotly runs only when charts.js asks for it, not as a script of the page.
  assert.doesNotMatch(html, /<script[^>]*plotly/);
});
