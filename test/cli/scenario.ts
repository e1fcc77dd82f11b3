import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const CLI_DIR = fileURLToPath(new URL('./', import.meta.url));
const SCENARIO_DIR = join(CLI_DIR, 'scenarios');
export const GOLDEN_DIR = join(CLI_DIR, 'golden');
export const FIXTURE_DIR = join(CLI_DIR, 'fixtures');

/** One run of the binary: what a user types, in a folder holding the fixture's files. */
export interface Scenario {
  name: string;
  args: string[];
  /** A folder of test/cli/fixtures copied into the working directory before the run. */
  fixture?: string;
  env: Record<string, string>;
}

const KEYS = new Set(['args', 'fixture', 'env']);

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * Reads and checks a scenario file. A misspelt key would otherwise be ignored and the
 * golden would quietly record a different run than the one the author meant.
 */
export function parseScenario(name: string, text: string): Scenario {
  const doc: unknown = parse(text);
  const where = `scenario ${name}`;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error(`${where}: expected a mapping`);
  const fields = doc as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((k) => !KEYS.has(k));
  if (unknown.length > 0)
    throw new Error(`${where}: unknown keys ${unknown.join(', ')} (allowed: ${[...KEYS].join(', ')})`);
  const { args, fixture, env = {} } = fields;
  if (!isStringArray(args)) throw new Error(`${where}: args must be a list of strings`);
  if (fixture !== undefined && (typeof fixture !== 'string' || !existsSync(join(FIXTURE_DIR, fixture)))) {
    throw new Error(`${where}: fixture must name a folder of test/cli/fixtures, got ${JSON.stringify(fixture)}`);
  }
  if (
    typeof env !== 'object' ||
    env === null ||
    Array.isArray(env) ||
    !Object.values(env).every((v) => typeof v === 'string')
  ) {
    throw new Error(`${where}: env must map names to strings`);
  }
  return { name, args, ...(fixture === undefined ? {} : { fixture }), env: env as Record<string, string> };
}

export function loadScenarios(): Scenario[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parseScenario(basename(f, '.yaml'), readFileSync(join(SCENARIO_DIR, f), 'utf8')));
}

/** Names of golden files present on disk (without the .golden suffix). */
export function goldenNames(): string[] {
  return readdirSync(GOLDEN_DIR)
    .filter((f) => f.endsWith('.golden'))
    .map((f) => basename(f, '.golden'))
    .sort();
}
