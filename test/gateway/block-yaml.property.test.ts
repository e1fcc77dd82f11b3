import fc from 'fast-check';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { DUMP_OPTIONS, dumpBlockYaml, layoutBlockYaml } from '../../src/render/gateway/block-yaml.js';

// Strings that make js-yaml quote, escape, fold into block scalars or write `? key`.
const awkward = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    ' ',
    'null',
    'true',
    'yes',
    'No',
    '~',
    '0x1f',
    '1e3',
    '3.',
    '0777',
    '2026-12-06',
    '- a',
    'a: b',
    '#c',
    '@x',
    '`x',
    'a\nb',
    'tail\n',
    '\t',
    '\u0085',
    '\u2028',
    '\ufeff',
    'os.environ/KEY',
    'x'.repeat(1100),
  ),
);
const scalar = fc.oneof(awkward, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node')), fc.dictionary(awkward, tie('node'))),
})).node;

describe('dumpBlockYaml', () => {
  it('writes what js-yaml writes, byte for byte', () => {
    let laidOut = 0;
    fc.assert(
      fc.property(value, (v) => {
        const own = layoutBlockYaml(v);
        if (own !== undefined) laidOut++;
        expect(own ?? dumpBlockYaml(v)).toBe(jsyaml.dump(v, DUMP_OPTIONS));
      }),
      { numRuns: 2000 },
    );
    // Most documents must take the own layout, or the comparison above proves little.
    expect(laidOut).toBeGreaterThan(600);
  });

  it('lays out a gateway-shaped document itself', () => {
    const doc = {
      model_list: [
        { model_name: 'a', litellm_params: { model: 'openai/gpt-5', tags: ['t:1', 'u:2'] }, model_info: { n: 3 } },
        { model_name: 'b', litellm_params: {}, model_info: { list: [] } },
      ],
      router_settings: { fallbacks: [{ a: ['a--x', 'a--y'] }], timeout: 120 },
    };
    expect(layoutBlockYaml(doc)).toBe(jsyaml.dump(doc, DUMP_OPTIONS));
  });

  it('writes id-like strings as js-yaml does, quoted or not', () => {
    const idLike = fc.oneof(
      fc.stringMatching(/^[A-Za-z][\w./:-]{0,12}$/),
      fc.stringMatching(/^[\w./:# -]{0,6}$/),
      fc.constantFrom('y', 'N', 'Yes', 'oN', 'OFF', 'TRUE', 'Null', 'nULL', 'yes.', 'no-', 'a:', 'a::b', 'a: b', 'e5'),
    );
    fc.assert(
      fc.property(idLike, (s) => {
        const doc = { [s]: s, l: [s] };
        expect(layoutBlockYaml(doc) ?? dumpBlockYaml(doc)).toBe(jsyaml.dump(doc, DUMP_OPTIONS));
      }),
      { numRuns: 5000 },
    );
  });

  it('tells apart scalars that look alike', () => {
    const doc = { a: [0, -0, '0', 1, '1', true, 'true', null, 'null', Number.NaN, 'NaN'] };
    expect(layoutBlockYaml(doc)).toBe(jsyaml.dump(doc, DUMP_OPTIONS));
  });
});
