// Patterns in a config given to verify are evaluated in bounded time: wildcard model names
// without backtracking, `$regex` only when it cannot backtrack without bound. A test here that
// ran the pattern the old way would not finish: the runner's timeout fails it.
import { describe, expect, it } from 'vitest';
import { lintPortkey } from '../../src/core/verify/lint/portkey.js';
import { glob, MAX_GLOB_LENGTH } from '../../src/core/verify/glob.js';
import { litellmPaths } from '../../src/core/verify/litellm.js';
import { portkeyPaths } from '../../src/core/verify/portkey.js';
import { evaluateQuery } from '../../src/core/verify/portkey-query.js';
import { regexHazard } from '../../src/core/verify/regex-safety.js';
import type { VerifyFinding } from '../../src/core/verify/verify-types.js';
import { check, conditional, DEPLOYMENTS, generate, leaf } from './fixture.js';

const g = generate();

describe('wildcard model names', () => {
  it.each([
    ['openai/*', 'openai/gpt-5', true],
    ['openai/*', 'azure/gpt-5', false],
    ['*', 'anything', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['gpt-?.*', 'gpt-?.x', true],
    ['gpt-?.*', 'gpt-5.x', false],
    ['ab*ba', 'aba', false],
    ['x', 'x', true],
  ])('%s against %s: %s', (pattern, name, expected) => {
    expect(glob(pattern).test(name)).toBe(expected);
  });

  it('answers promptly for a pattern a RegExp would backtrack on', () => {
    const pattern = `${'a*'.repeat(30)}b`;
    expect(glob(pattern).test('a'.repeat(1000))).toBe(false);
    const config = { model_list: [{ model_name: pattern, litellm_params: { model: 'openai/x' } }] };
    expect(litellmPaths(config, ['a'.repeat(1000)]).get('a'.repeat(1000))).toEqual([]);
  });

  it('takes names or patterns over the length limit as matching (fail closed)', () => {
    expect(glob('openai/*').test(`azure/${'x'.repeat(MAX_GLOB_LENGTH)}`)).toBe(true);
  });
});

describe('$regex', () => {
  it.each([
    ['^(prod|staging)-.*$', null],
    ['^[a-z]+-[0-9]+$', null],
    ['^eu-(west|central)-\\d$', null],
    ['(?:ab)?c', null],
    ['[(+)]+x', null],
    ['(a+)+$', /quantifier/],
    ['(a|aa)*b', /alternation/],
    ['(?:a?)*', /quantifier/],
    ['(?<n>x+)+', /quantifier/],
    ['(\\w)\\1', /backreference/],
    ['(?<w>a)\\k<w>', /backreference/],
    ['a*b*c*d*e', /unbounded/],
    ['x'.repeat(300), /longer than 256/],
  ])('%#: %s', (pattern, hazard) => {
    const found = regexHazard(pattern);
    if (hazard === null) expect(found).toBeNull();
    else expect(found).toMatch(hazard);
  });

  it('does not run an unsafe pattern: the condition may match, and the answer is immediate', () => {
    const metadata = { route: `${'a'.repeat(40)}!` };
    expect(evaluateQuery({ 'metadata.route': { $regex: '(a+)+$' } }, { metadata })).toBe('unknown');
    expect(evaluateQuery({ 'metadata.route': { $regex: '^a+!$' } }, { metadata })).toBe(true);
    const long = { route: 'a'.repeat(300) };
    expect(evaluateQuery({ 'metadata.route': { $regex: '^a' } }, { metadata: long })).toBe('unknown');
  });

  it('reports an unsafe $regex at its operator and judges the branch it guards as possibly taken', () => {
    const c = structuredClone(g.conditional);
    c.strategy.conditions.unshift({
      query: { 'metadata.tierplan_route': { $regex: '^(x+)+$' } },
      then: g.routesJson['faq-bot']!.tierplan_route,
    });
    const found: VerifyFinding[] = check([conditional(c, g.routesJson)], g);
    const lint = lintPortkey(c).filter((p) => p.code === 'unsafe-regex');
    expect(lint.map((p) => p.path)).toEqual([
      ['strategy', 'conditions', 0, 'query', 'metadata.tierplan_route', '$regex'],
    ]);
    // Run, it would match no route; not run, it may match: the branch to the api tier is judged.
    expect(found.some((f) => f.use_case === 'secret-docs' && f.code === 'uncleared-tier')).toBe(true);
  });
});

describe('nesting', () => {
  it('follows Portkey targets to a bounded depth and judges what lies deeper as a leaf', () => {
    let node: Record<string, unknown> = leaf(DEPLOYMENTS.apiSmall);
    for (let i = 0; i < 10_000; i++) node = { strategy: { mode: 'fallback' }, targets: [node] };
    const { paths } = portkeyPaths(node, null);
    expect(paths).toHaveLength(1);
    expect(paths[0]!.leaf).toHaveLength(2 * 65);
    expect(paths[0]!.value.targets).toBeDefined();
  });
});
