// Every relative link and anchor in the user documentation resolves: README.md, CONTRIBUTING.md
// and docs/*.md. External links (http, https, mailto) are not fetched.
//
// One exception: docs/rules.md is generated from the diagnostic catalog by `npm run docs:rules`.
// Until that file exists, links to it (and anchors in it) are skipped rather than failed; once it
// exists they are checked like any other.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const GENERATED = resolve(repo, 'docs/rules.md');

const docs = (): string[] => [
  join(repo, 'README.md'),
  join(repo, 'CONTRIBUTING.md'),
  ...readdirSync(join(repo, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join(repo, 'docs', f)),
];

/** The text outside fenced code blocks and inline code spans, line by line. */
function prose(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line.replace(/(`+)[\s\S]*?\1/g, '');
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const text = m[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const m of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) out.add(m[1]!);
  return out;
}

interface Link {
  file: string;
  line: number;
  target: string;
}

function links(file: string): Link[] {
  const out: Link[] = [];
  prose(readFileSync(file, 'utf8')).forEach((text, i) => {
    for (const m of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) out.push({ file, line: i + 1, target: m[1]! });
  });
  return out;
}

/** Why a link does not resolve, or null when it does (or is skipped). */
function broken(link: Link): string | null {
  if (/^(https?:|mailto:)/.test(link.target)) return null;
  const [path, anchor] = link.target.split('#', 2) as [string, string | undefined];
  const target = path === '' ? link.file : resolve(dirname(link.file), decodeURIComponent(path));
  if (!existsSync(target)) return target === GENERATED ? null : `no such file: ${relative(repo, target)}`;
  if (anchor === undefined || anchor === '') return null;
  if (statSync(target).isDirectory() || !target.endsWith('.md'))
    return `an anchor into a file that is not Markdown: ${link.target}`;
  return anchors(readFileSync(target, 'utf8')).has(anchor)
    ? null
    : `no heading #${anchor} in ${relative(repo, target)}`;
}

describe('documentation links', () => {
  it('the documents exist', () => {
    for (const f of docs()) expect(existsSync(f), relative(repo, f)).toBe(true);
  });

  it('every relative link and anchor resolves', () => {
    const problems = docs()
      .flatMap(links)
      .map((l) => ({ l, why: broken(l) }))
      .filter((x) => x.why !== null)
      .map(({ l, why }) => `${relative(repo, l.file)}:${l.line}: ${l.target}: ${why}`);
    expect(problems).toEqual([]);
  });

  it('finds links and anchors the way GitHub does', () => {
    const md =
      '# Title\n## `tierplan plan`\n### On a terminal: classifying as you plan\n## Exit codes and `--fail-on`\n## plan.json\n## Title\n```\n# not a heading\n```\n';
    expect([...anchors(md)]).toEqual([
      'title',
      'tierplan-plan',
      'on-a-terminal-classifying-as-you-plan',
      'exit-codes-and---fail-on',
      'planjson',
      'title-1',
    ]);
    expect(links(join(repo, 'README.md')).length).toBeGreaterThan(10);
  });
});
