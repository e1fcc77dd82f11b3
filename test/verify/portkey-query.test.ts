// The replica of Portkey's query router: each observed behaviour of the 1.15.2 gateway
// (/work/shared/reference/portkey.md §3.1, §4.4), traps included.
import { describe, expect, it } from 'vitest';
import { evaluateQuery, QueryError } from '../../src/core/verify/portkey-query.js';

const on = (metadata: Record<string, unknown>) => (query: unknown) => evaluateQuery(query, { metadata });

describe('Portkey query replica', () => {
  it('bare values and $eq/$ne are strict', () => {
    const q = on({ sensitivity: 'regulated', risk: '4' });
    expect(q({ 'metadata.sensitivity': 'regulated' })).toBe(true);
    expect(q({ 'metadata.sensitivity': { $eq: 'internal' } })).toBe(false);
    expect(q({ 'metadata.risk': 4 })).toBe(false);
    expect(q({ 'metadata.risk': { $ne: 4 } })).toBe(true);
  });

  it('compares $gt $gte $lt $lte as floats', () => {
    const q = on({ risk: '4' });
    expect(q({ 'metadata.risk': { $gte: 3 } })).toBe(true);
    expect(q({ 'metadata.risk': { $lt: '10' } })).toBe(true);
    expect(q({ 'metadata.risk': { $gt: 4 } })).toBe(false);
    expect(q({ 'metadata.missing': { $lte: 4 } })).toBe(false);
  });

  it('needs arrays for $in and $nin', () => {
    const q = on({ tier: 'confidential' });
    expect(q({ 'metadata.tier': { $in: ['confidential', 'pii'] } })).toBe(true);
    expect(q({ 'metadata.tier': { $in: 'confidential' } })).toBe(false);
    expect(q({ 'metadata.tier': { $nin: ['public'] } })).toBe(true);
    expect(q({ 'metadata.other': { $nin: ['public'] } })).toBe(true);
  });

  it('ANDs the keys of a query object', () => {
    const q = on({ a: '1', b: '2' });
    expect(q({ 'metadata.a': '1', 'metadata.b': '2' })).toBe(true);
    expect(q({ 'metadata.a': '1', 'metadata.b': '3' })).toBe(false);
  });

  it('ignores the keys after $or / $and (the gateway returns early)', () => {
    const q = on({ x: '1', sensitivity: 'public' });
    expect(q({ $or: [{ 'metadata.x': '1' }], 'metadata.sensitivity': 'regulated' })).toBe(true);
    expect(q({ $and: [{ 'metadata.x': '1' }], 'metadata.sensitivity': 'regulated' })).toBe(true);
    expect(q({ 'metadata.sensitivity': 'regulated', $or: [{ 'metadata.x': '1' }] })).toBe(false);
  });

  it('ignores the operators after $regex; an invalid pattern is false', () => {
    const q = on({ team: 'fin-payments' });
    expect(q({ 'metadata.team': { $regex: '^fin-', $ne: 'fin-payments' } })).toBe(true);
    expect(q({ 'metadata.team': { $ne: 'fin-payments', $regex: '^fin-' } })).toBe(false);
    expect(q({ 'metadata.team': { $regex: '([' } })).toBe(false);
  });

  it('reads at most two levels: metadata.a.b reads metadata.a', () => {
    expect(on({ a: 'x' })({ 'metadata.a.b': 'x' })).toBe(true);
    expect(on({ a: { b: 'x' } })({ 'metadata.a.b': 'x' })).toBe(false);
  });

  it("throws the gateway's 400 message for an unsupported operator, $length included (not in 1.15.2)", () => {
    expect(() => on({ a: '1' })({ 'metadata.a': { $foo: 'x' } })).toThrow(
      new QueryError('Unsupported operator used in the query router: $foo'),
    );
    expect(() => on({ a: '1' })({ 'metadata.a': { $length: 1 } })).toThrow(QueryError);
    // An earlier false operator returns before the unsupported one is seen, as in the gateway.
    expect(on({ a: '1' })({ 'metadata.a': { $eq: '2', $foo: 'x' } })).toBe(false);
  });

  it('answers "unknown" for what the client controls (params, url)', () => {
    const q = on({ a: '1' });
    expect(q({ 'params.model': 'x' })).toBe('unknown');
    expect(q({ 'params.model': { $regex: '^private-' }, 'metadata.a': '2' })).toBe(false);
    expect(q({ $or: [{ 'params.model': 'x' }, { 'metadata.a': '1' }] })).toBe(true);
    expect(q({ $and: [{ 'url.pathname': '/v1/chat/completions' }, { 'metadata.a': '1' }] })).toBe('unknown');
  });
});
