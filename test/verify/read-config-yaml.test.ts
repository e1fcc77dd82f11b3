// A LiteLLM config.yaml is read as the proxy's PyYAML reads it: merge keys applied, YAML 1.1
// line breaks refused, nesting bounded — each judged or refused with a position.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { readConfigYaml } from '../../src/io/configs/read-config-yaml.js';
import { readGatewayConfigs } from '../../src/io/configs/read-gateway-configs.js';
import { parseYaml } from '../../src/io/source/parse-yaml.js';
import { InputError } from '../../src/io/source/errors.js';
import { brief, check, generate, index } from './fixture.js';

const g = generate();
const write = (name: string, text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'tierplan-config-yaml-')), name);
  writeFileSync(file, text);
  return file;
};
/** The generated config as YAML; in the litellm_params of `name`, `api_base` is dropped unless kept and `params` (YAML lines) added. */
function withParams(name: string, params: string[], keepApiBase = false): { text: string } {
  const lines = stringify(g.litellm, { lineWidth: 0 }).split('\n');
  const at = lines.indexOf(`  - model_name: ${name}`);
  expect(at).toBeGreaterThanOrEqual(0);
  expect(lines[at + 1]).toBe('    litellm_params:');
  let end = at + 2;
  while (lines[end]!.startsWith('      ')) end++;
  const kept = lines.slice(at + 2, end).filter((l) => keepApiBase || !l.startsWith('      api_base:'));
  expect(kept.length).toBe(end - at - 2 - (keepApiBase ? 0 : 1));
  lines.splice(at + 2, end - at - 2, ...kept, ...params.map((p) => `      ${p}`));
  return { text: lines.join('\n') };
}
const findings = async (file: string): Promise<string[]> => brief(check((await readGatewayConfigs([file])).configs, g));
async function refused(file: string): Promise<string[]> {
  const e = await readGatewayConfigs([file]).then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(InputError);
  return (e as InputError).diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);
}
// secret-docs (classified) is served on-prem by a vLLM entry with an explicit api_base.
const onprem = index(g.litellm.model_list, (e) => e.model_name === 'secret-docs');
const vllm = g.litellm.model_list[onprem].litellm_params;

describe('verify reads config.yaml as PyYAML does', () => {
  it('judges litellm_params by the api_base a merge key brings in', async () => {
    const merged = (api: string): string => withParams('secret-docs', [`<<: {api_base: "${api}"}`]).text;
    // The on-prem endpoint, merged in, is recognised: the entry is the on-prem deployment.
    expect(await findings(write('config.yaml', merged(vllm.api_base)))).toEqual([]);
    expect(await findings(write('config.yaml', merged('https://api.openai.com/v1')))).toEqual([
      `unknown-deployment secret-docs $.model_list[${onprem}]`,
    ]);
  });

  it('lets explicit keys win over merged ones, and earlier merges over later ones', async () => {
    const own = withParams('secret-docs', ['<<: {api_base: "https://api.openai.com/v1"}'], true);
    expect(await findings(write('config.yaml', own.text))).toEqual([]);
    const list = (first: string, second: string): string =>
      withParams('secret-docs', [`<<: [{api_base: "${first}"}, {api_base: "${second}"}]`]).text;
    expect(await findings(write('config.yaml', list(vllm.api_base, 'https://api.openai.com/v1')))).toEqual([]);
    expect(await findings(write('config.yaml', list('https://api.openai.com/v1', vllm.api_base)))).toEqual([
      `unknown-deployment secret-docs $.model_list[${onprem}]`,
    ]);
  });

  it('follows a merge through an anchor, and places the finding where the merged value is written', async () => {
    const base = withParams('secret-docs', ['<<: *elsewhere']);
    const text = `x-anchors: &elsewhere\n  api_base: https://api.openai.com/v1\n${base.text}`;
    const file = write('config.yaml', text);
    const { configs, locators } = await readGatewayConfigs([file]);
    expect(brief(check(configs, g))).toContain(`unknown-deployment secret-docs $.model_list[${onprem}]`);
    const pos = locators.get(file)!.locate(['model_list', onprem, 'litellm_params', 'api_base']);
    expect([pos.line, pos.column]).toEqual([2, 13]);
  });

  it("reads scalars with PyYAML's YAML 1.1 resolver: yes/on are booleans, y/n are not", async () => {
    const text =
      'model_list:\n  - model_name: n\n    litellm_params: {model: openai/x, stream: on, drop: yes, f: 012}\n';
    const { configs } = await readGatewayConfigs([write('config.yaml', text)]);
    expect((configs[0]!.value as Record<string, any>).model_list[0]).toEqual({
      model_name: 'n',
      litellm_params: { model: 'openai/x', stream: true, drop: true, f: 10 },
    });
  });

  it.each([
    ['\u0085', 'NEL'],
    ['\u2028', 'LINE SEPARATOR'],
    ['\u2029', 'PARAGRAPH SEPARATOR'],
  ])('refuses a config that relies on %j (%s) ending a line, at the character', async (c) => {
    // PyYAML ends the comment at the character and reads `general_settings` as a key.
    const text = `model_list: []\n# note${c}general_settings: {master_key: sk-1}\n`;
    expect(await refused(write('config.yaml', text))).toEqual(['yaml-line-break 2:7']);
  });

  it('refuses a YAML config nested deeper than 64 levels, where it goes too deep', async () => {
    const deep = `model_list:\n  - model_name: a\n    litellm_params: {model: openai/x, extra: ${'['.repeat(70)}${']'.repeat(70)}}\n`;
    // Levels: root, model_list, its entry, litellm_params, then `[`s: the 61st bracket is level 65.
    expect(await refused(write('config.yaml', deep))).toEqual([`config-too-deep 3:${46 + 60}`]);
  });

  it('refuses a 10,000-deep Portkey JSON with a position, not a stack overflow', async () => {
    const nested = `{"strategy": {"mode": "fallback"}, "targets": [\n  ${'{"targets": ['.repeat(10_000)}${']}'.repeat(10_000)}]}`;
    // Levels 1-2 on line 1; on line 2 each 13-character `{"targets": [` adds two: level 65 is the 32nd `{`.
    expect(await refused(write('deep.json', nested))).toEqual([`config-too-deep 2:${3 + 31 * 13}`]);
  });
});

describe('the fast read of a plain config.yaml gives what the careful PyYAML-mode parse gives', () => {
  const outcome = (read: () => unknown): unknown => {
    try {
      return { value: read() };
    } catch (e) {
      return { error: String(e) };
    }
  };
  const careful = (text: string): unknown => outcome(() => parseYaml(text, 'config.yaml', 'a config', 'pyyaml').value);
  const cases: Record<string, string> = {
    generated: stringify(g.litellm, { lineWidth: 0 }),
    numbers: 'a: 1\nb: -12\nc: 0.5\nd: 3.e-7\ne: 7.5e-7\nf: 1.\ng: 0\nh: 123456789012345\n',
    'numbers PyYAML reads differently from YAML 1.2': 'a: 1e3\nb: 0777\nc: 1_000\nd: 0x1F\ne: 0o17\nf: .inf\ng: 1:30\n',
    'booleans and nulls': 'a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: False\ng: y\nh: n\ni: ~\nj: null\nk:\nl: "yes"\n',
    'dates and big numbers': 'a: 2026-11-24\nb: 2026-11-24T10:00:00Z\nc: 12345678901234567890\nd: -0\n',
    'quoted and block scalars':
      'a: "1"\nb: \'true\'\nc: |\n  line one\n  line two\nd: >\n  folded\n  text\ne: "tab\\there \\u00e9"\n',
    'keys that are numbers or words': '1: one\nyes: two\nnull: three\n~: five\n"on": four\nNULL: [null, ~]\n',
    'flow collections': 'a: [1, two, 3.5, true]\nb: {c: d, e: 2}\n',
    'prose that looks like an anchor or alias': 'a: R&D team\nb: "*bold* text"\nc: x & y\n',
    'explicit and collection keys': '? [a, b]\n: c\n',
    'escaped slash': 'a: "x\\/y"\n',
    'a key over 1,024 characters': `${'k'.repeat(1100)}: 1\n`,
    'a byte order mark, a long comment, CRLF': `\uFEFF# ${'c'.repeat(2000)}\r\na: 1\r\nb: x\r\n`,
    'a directive': '%YAML 1.1\n---\na: 1\n',
    'two documents, bad indentation': 'a: 1\n---\nb: 2\n  c: 3\n d: 4\n',
    'a plain scalar over two lines': 'a: b\n  c\n',
  };
  for (const [name, text] of Object.entries(cases))
    it(name, () => {
      expect(outcome(() => readConfigYaml(text, 'config.yaml', 'a config').value)).toStrictEqual(careful(text));
    });

  it('findings still have positions: the careful parse runs when one is asked for', () => {
    const { locator } = readConfigYaml('model_list:\n  - model_name: a\n    litellm_params: { model: x }\n', 'c', 'x');
    expect(locator.locate(['model_list', 0, 'litellm_params', 'model'])).toMatchObject({ line: 3 });
  });

  it('a duplicate key or a forbidden key still takes the careful path and its diagnostic', () => {
    expect(() => readConfigYaml('a: 1\na: 2\n', 'c', 'x')).toThrow(InputError);
    expect(() => readConfigYaml('__proto__: 1\n', 'c', 'x')).toThrow(InputError);
  });
});
