// docs/rules.md is generated: it must be what the catalog in src generates today.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/core/diagnostics/catalog.js';
import { markdownText, renderRulesDoc, slug } from '../../src/render/diagnostics/rules-doc.js';

const file = new URL('../../docs/rules.md', import.meta.url);

describe('docs/rules.md', () => {
  it('is what the catalog generates (run `npm run docs:rules` after changing the catalog)', () => {
    expect(readFileSync(file, 'utf8')).toBe(renderRulesDoc());
  });

  it('has a heading for every code whose anchor is the code, and no two headings share an anchor', () => {
    const headings = renderRulesDoc()
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .map((l) => slug(l.replace(/^#+ /, '')));
    expect(headings.filter((h, i) => headings.indexOf(h) !== i)).toEqual([]);
    for (const e of Object.values(CATALOG)) expect(headings, e.code).toContain(e.anchor.split('#')[1]);
  });

  it("makes GitHub's anchors from headings", () => {
    expect(slug('Gateway config checks (tierplan verify)')).toBe('gateway-config-checks-tierplan-verify');
    expect(slug('yaml-too-deep')).toBe('yaml-too-deep');
  });
});

describe('catalog text in Markdown', () => {
  it('escapes what Markdown would read as a tag, emphasis or a link, but not code spans or underscores inside words', () => {
    expect(markdownText('metadata.<key> and *name, [x], $in')).toBe('metadata.\\<key\\> and \\*name, \\[x\\], \\$in');
    expect(markdownText('model_info.tierplan_tier, `__proto__`, __proto__')).toBe(
      'model_info.tierplan_tier, `__proto__`, \\_\\_proto\\_\\_',
    );
  });
});
