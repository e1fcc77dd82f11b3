// The README's "Adopting an existing gateway" commands, run as written: the 30-deployment example
// config goes to a policy, an inventory whose old names still work, a verify report of today's
// leaks and a generated config that verifies clean.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { expect, it } from 'vitest';
import { repo, tierplan } from './run-cli.js';

function readmeCommands(): string[][] {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Adopting an existing gateway'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .split('\n')
    .filter((l) => l.startsWith('npx tierplan '))
    .map((l) =>
      l
        .replace(/\s+#.*$/, '')
        .split(/\s+/)
        .slice(2),
    );
}

it('the README commands take the example from a LiteLLM config to a policy, aliases, a leak report and a clean generated config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierplan-adopt-readme-'));
  cpSync(join(repo, 'examples/adopt'), dir, { recursive: true });
  const commands = readmeCommands();
  expect(commands.map((c) => c.slice(0, 1))).toEqual([['adopt'], ['adopt'], ['gateway'], ['verify'], ['verify']]);
  const runs = commands.map((args) => tierplan(args, { cwd: dir }));
  const [dryRun, adopt, gateway, after, before] = runs;
  for (const r of runs) expect(r.stderr).not.toMatch(/internal error|^error/m);
  expect(dryRun!.code).toBe(1);
  expect(dryRun!.stdout).toContain('--dry-run: nothing written');
  expect(adopt!.code).toBe(1);
  expect(adopt!.stdout).toMatch(/wrote tierplan\.policy\.yaml, inventory\.yaml/);
  // Today's leak: PHI falls back to OpenAI's public API.
  expect(adopt!.stdout).toMatch(
    /error uncleared-tier: "claims-assistant" .* can reach deployment "openai-gpt-4o" on tier api/,
  );
  expect(gateway!.code).toBe(0);
  expect(after!.code).toBe(0);
  expect(after!.stdout).toContain('verify: no findings');
  expect(before!.code).toBe(1);
  expect(before!.stdout).toContain('uncleared-tier');

  const inventory = parse(readFileSync(join(dir, 'inventory.yaml'), 'utf8')) as {
    use_cases: { id: string; aliases?: string[] }[];
  };
  expect(inventory.use_cases.find((u) => u.id === 'claims-assistant')!.aliases).toEqual(['claims-phi']);
  const config = readFileSync(join(dir, 'litellm-config.yaml'), 'utf8');
  const generated = readFileSync(join(dir, 'gateway/litellm/config.yaml'), 'utf8');
  // Every name the applications called (but the wildcard, which tierplan does not route) is still a model name.
  const names = [...config.matchAll(/model_name: (\S+)/g)].map((m) => m[1]!).filter((n) => !n.includes('*'));
  expect(names.length).toBeGreaterThanOrEqual(25);
  for (const n of [...new Set([...names, 'claims-assistant', 'gpt-4'])])
    expect(generated, n).toContain(`model_name: ${n}\n`);
});
