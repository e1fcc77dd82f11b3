// The reader must fail the way PyYAML does, or the property built on it proves nothing.
import { describe, expect, it } from 'vitest';
import { parsePyYaml } from './pyyaml.js';

describe('parsePyYaml reads like PyYAML', () => {
  it('ends a comment at NEL, LS and PS: the text after it is a key', () => {
    for (const br of ['\u0085', '\u2028', '\u2029'])
      expect(parsePyYaml(`# name${br}litellm_settings: {default_fallbacks: [pub]}\nmodel_list: []\n`)).toEqual({
        litellm_settings: { default_fallbacks: ['pub'] },
        model_list: [],
      });
  });
  it('refuses a file with ESC anywhere, even in a comment', () => {
    expect(() => parsePyYaml('# a\u001b[31m\nk: v\n')).toThrow(/special characters/);
  });
  it('applies merge keys and YAML 1.1 implicit types, with PyYAML booleans (y and n are strings)', () => {
    expect(parsePyYaml('b: &b {x: 1}\ng:\n  <<: *b\n  y: on\n  z: 1:20\n  o: 010\n  n: ~\n  q: off\n')).toEqual({
      b: { x: 1 },
      g: { x: 1, y: true, z: 80, o: 8, n: null, q: false },
    });
  });
  it('reads escapes in double-quoted scalars as characters, not breaks', () => {
    expect(parsePyYaml('k: "a\\x85b: c\\u2028d"\n')).toEqual({ k: 'a\u0085b: c\u2028d' });
  });
});
