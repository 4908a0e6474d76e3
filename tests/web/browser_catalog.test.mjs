// The browser's catalog leaves out the namespaces only the server renders (present/catalog.hpp,
// kServerRenderedNamespaces): no browser module may ask for a message of one of them.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';

const header = readFileSync(new URL('../../src/present/catalog.hpp', import.meta.url), 'utf8');
const declaration = header.match(/kServerRenderedNamespaces\[\] = \{([^}]*)\}/);
const serverNamespaces = declaration ? [...declaration[1].matchAll(/"([a-z_]+)"/g)].map((m) => m[1]) : [];
const webRoot = new URL('../../web/js/', import.meta.url).pathname;

function modules(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? modules(join(dir, entry.name)) : entry.name.endsWith('.js') ? [join(dir, entry.name)] : []);
}

test('the server-rendered namespaces are the analysis pages\' and the API\'s problems', () => {
  assert.deepEqual(serverNamespaces, ['trends', 'seasonality', 'weekend', 'ratings', 'items', 'problem']);
});

test('no browser module asks for a message the server renders', () => {
  const pattern = new RegExp(`\\bt(?:\\.has)?\\(\\s*['"\`](?:${serverNamespaces.join('|')})\\.`);
  const offenders = modules(webRoot).filter((file) => pattern.test(readFileSync(file, 'utf8')));
  assert.deepEqual(offenders, []);
  // The pattern does catch such a call.
  assert.ok(pattern.test("const x = t('weekend.volume.title');"));
});

test('every catalog holds messages of the server-rendered namespaces (what the filter removes exists)', () => {
  for (const lang of ['en', 'fr']) {
    const catalog = JSON.parse(readFileSync(new URL(`../../i18n/${lang}.json`, import.meta.url), 'utf8'));
    for (const space of serverNamespaces) {
      assert.ok(Object.keys(catalog).some((id) => id.startsWith(`${space}.`)), `${lang}: ${space}`);
    }
  }
});
