// The pseudo-locale en-XA, used only in tests: every literal of every English message with its letters
// swapped for accented look-alikes and lengthened by a third, the ICU syntax (arguments, plural, select,
// number skeletons) kept as it is. Written as a catalog file beside copies of the real ones, it proves that
// adding a language is adding a file, and a page rendered in it shows at once any text that bypassed the
// catalogs: that text still has plain ASCII words.
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';

export const PSEUDO_LANG = 'en-XA';

const LOOK_ALIKES = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'đ', e: 'é', f: 'ƒ', g: 'ğ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ĺ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ʠ', r: 'ŕ', s: 'š', t: 'ŧ', u: 'ü', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Á', B: 'Ɓ', C: 'Ç', D: 'Đ', E: 'É', F: 'Ƒ', G: 'Ğ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ĺ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ŧ', U: 'Ü', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** A literal in pseudo form: look-alike letters, a third longer (translations run longer than English). */
export function pseudoText(text) {
  const swapped = [...text].map((c) => LOOK_ALIKES[c] ?? c).join('');
  const letters = (text.match(/[A-Za-z]/g) || []).length;
  return letters ? swapped + '·'.repeat(Math.ceil(letters / 3)) : swapped;
}

function pseudoElements(elements) {
  for (const element of elements) {
    if (element.type === TYPE.literal) element.value = pseudoText(element.value);
    for (const option of Object.values(element.options || {})) pseudoElements(option.value);
  }
  return elements;
}

/** The pseudo-locale catalog of an English one. */
export function pseudoCatalog(english) {
  return Object.fromEntries(Object.entries(english).map(([id, message]) => [id, printAST(pseudoElements(parse(message)))]));
}

/** Words written by the catalog itself in a message (its literals, not its arguments), lower case. */
export function literalWords(message) {
  const words = [];
  const walk = (elements) => {
    for (const element of elements) {
      if (element.type === TYPE.literal) words.push(...(element.value.toLowerCase().match(/\p{L}+/gu) || []));
      for (const option of Object.values(element.options || {})) walk(option.value);
    }
  };
  walk(parse(message));
  return words;
}
