// `tierplan adopt`, start to end: the gateway's configs and the current policy and inventory
// read; the proposal made; answers applied; the two files' new texts made and read back (what
// is reported is what is written); the current config judged against them, the config `gateway`
// would generate made and judged too, and the routes compared.
import { existsSync } from 'node:fs';
import jsyaml from 'js-yaml';
import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { applyAnswers, type AdoptAnswers, type AnswerProblem } from '../core/adopt/answers.js';
import type { AdoptProposal } from '../core/adopt/adopt-types.js';
import { adoptChanges } from '../core/adopt/changes.js';
import { proposeAdoption } from '../core/adopt/propose.js';
import type { AdoptReport } from '../core/adopt/report-types.js';
import { routeDiffs } from '../core/adopt/route-diff.js';
import { compileRoutes } from '../core/gateway/routing.js';
import { deploymentCatalog } from '../core/identify/catalog.js';
import { computePlan } from '../core/plan/plan.js';
import { aliasOwners } from '../core/policy/check-aliases.js';
import { checkInventory } from '../core/policy/check-inventory.js';
import { checkPolicy } from '../core/policy/check-policy.js';
import { DEFAULT_POLICY } from '../core/policy/default-policy.js';
import { mergePolicy } from '../core/policy/merge-policy.js';
import type { Inventory, Policy, PolicyFile, Status } from '../core/policy/types.js';
import { litellmGraph, litellmReach } from '../core/verify/litellm.js';
import { portkeyPaths } from '../core/verify/portkey.js';
import { aliasOfFile, isConditional, readRoutes } from '../core/verify/portkey-findings.js';
import { verifyConfigs } from '../core/verify/verify.js';
import type { ConfigInput, PlacedVerifyFinding, ReachPath } from '../core/verify/verify-types.js';
import { bundledPrices } from '../io/adopt/bundled-prices.js';
import { checkLitellmConfig, checkPortkeyConfig } from '../io/configs/gateway-schemas.js';
import { editInventoryTexts, type InventoryTexts } from '../io/adopt/edit-inventory.js';
import { editPolicyText } from '../io/adopt/edit-policy.js';
import { readLitellmForAdopt, readPortkeyForAdopt, type AdoptInput } from '../io/adopt/read-adopt-source.js';
import { sourceFileOf } from '../io/edit/write-back.js';
import { loadInventory } from '../io/inputs/load-inventory.js';
import { loadPolicyFile } from '../io/inputs/load-policy.js';
import type { OutputFile } from '../io/output/write-output.js';
import { InputError } from '../io/source/errors.js';
import { toDiagnostics } from '../io/source/locate.js';
import { parseYaml } from '../io/source/parse-yaml.js';
import { checkDocument } from '../io/schema/schemas.js';
import { gatewayFiles } from '../render/gateway/gateway-files.js';

export interface AdoptRequest {
  dialect: 'litellm' | 'portkey';
  paths: string[];
  policyPath: string;
  inventoryPath: string;
  asOf: string;
  generator: string;
}

export interface AdoptStart {
  req: AdoptRequest;
  input: AdoptInput;
  policy: Policy;
  policyText: string | null;
  inventory: Inventory;
  inventoryTexts: InventoryTexts;
  proposal: AdoptProposal;
}

export async function startAdopt(req: AdoptRequest): Promise<AdoptStart> {
  const input =
    req.dialect === 'litellm' ? await readLitellmForAdopt(req.paths[0]!) : await readPortkeyForAdopt(req.paths);
  const policyText = existsSync(req.policyPath) ? await readFile(req.policyPath, 'utf8') : null;
  let policy = DEFAULT_POLICY;
  if (policyText !== null) {
    const loaded = await loadPolicyFile(req.policyPath);
    policy = mergePolicy(loaded.file, DEFAULT_POLICY);
    const problems = checkPolicy(policy).filter((p) => p.severity === 'error');
    if (problems.length > 0) throw new InputError(toDiagnostics(problems, loaded.locator));
  }
  const { inventory, texts } = await readInventory(req.inventoryPath, policy, req.asOf);
  const proposal = proposeAdoption(input.source, policy, inventory, bundledPrices);
  return { req, input, policy, policyText, inventory, inventoryTexts: texts, proposal };
}

async function readInventory(
  path: string,
  policy: Policy,
  asOf: string,
): Promise<{ inventory: Inventory; texts: InventoryTexts }> {
  const info = await stat(path).catch(() => null);
  if (info === null)
    return {
      inventory: { version: 1, use_cases: [] },
      texts: { folder: null, texts: new Map([[path, null]]), fileOf: new Map() },
    };
  const loaded = await loadInventory(path);
  const problems = checkInventory(loaded.inventory, policy, asOf).filter((p) => p.severity === 'error');
  if (problems.length > 0) throw new InputError(toDiagnostics(problems, loaded.locator));
  const fileOf = new Map(loaded.inventory.use_cases.map((u, i) => [u.id, sourceFileOf(loaded, i)]));
  const texts = new Map<string, string | null>();
  for (const f of new Set(fileOf.values())) texts.set(f, await readFile(f, 'utf8'));
  if (!info.isDirectory() && !texts.has(path)) texts.set(path, await readFile(path, 'utf8'));
  return { inventory: loaded.inventory, texts: { folder: info.isDirectory() ? path : null, texts, fileOf } };
}

/** What is wrong with answers given before any question (flags, an answers file): refused before asking. */
export function answerProblems(start: AdoptStart, answers: AdoptAnswers): AnswerProblem[] {
  return applyAnswers(start.proposal, answers, start.policy, start.inventory).problems;
}

export interface AdoptOutcome {
  report: AdoptReport;
  outputs: OutputFile[];
}

/** Answers applied, files made and read back, today's config and the generated one judged. */
export function finishAdopt(
  start: AdoptStart,
  answers: AdoptAnswers,
  opts: { dryRun: boolean; status?: Status },
): AdoptOutcome | { problems: AnswerProblem[] } {
  const { req } = start;
  const applied = applyAnswers(start.proposal, answers, start.policy, start.inventory);
  if (applied.problems.length > 0) return { problems: applied.problems };
  const proposal = applied.proposal;
  const source = start.input.source.files.join(', ');
  const status = opts.status ?? answers.status;
  const changes = adoptChanges(proposal, start.policy, start.inventory, { source, ...(status ? { status } : {}) });
  const comments: Record<string, string> = {};
  for (const d of proposal.deployments) {
    if (d.existing) continue;
    const where = d.usedBy[0];
    comments[d.deployment.id] =
      `adopted from ${where?.file ?? source}${where ? ` (${where.path}, "${where.name}")` : ''}: ${d.why[0] ?? ''}${d.unknown.length > 0 ? `; confirm ${d.unknown.join(', ')}` : ''}`;
  }
  const policyText = editPolicyText(start.policyText, req.policyPath, changes, start.policy, comments, source);
  const inventoryTexts = editInventoryTexts(start.inventoryTexts, changes);
  const outputs: OutputFile[] = [];
  if (policyText !== start.policyText) outputs.push({ path: req.policyPath, text: policyText });
  for (const [path, text] of inventoryTexts)
    if (text !== start.inventoryTexts.texts.get(path)) outputs.push({ path, text });
  const policy = readBackPolicy(policyText, req.policyPath);
  const inventory = readBackInventory(start, inventoryTexts, policy, req.asOf);
  const plan = computePlan(inventory, policy, { asOf: req.asOf, generator: req.generator });
  const routes = compileRoutes(plan, inventory, policy);
  const aliases = aliasOwners(inventory);
  const lint = (c: ConfigInput) =>
    c.dialect === 'litellm' ? checkLitellmConfig(c.value) : checkPortkeyConfig(c.value);
  const result = verifyConfigs(start.input.configs, plan, policy, { routes, aliases, lint });
  const findings = result.findings.map((f): PlacedVerifyFinding => {
    const pos = start.input.locators.get(f.file)?.locate(f.steps);
    return pos ? { ...f, line: pos.line, column: pos.column } : f;
  });
  const generated = gatewayFiles(routes, policy, [req.dialect], { inputs: [req.policyPath, req.inventoryPath] });
  const generatedConfigs = generatedInputs(req.dialect, generated);
  const after = verifyConfigs(generatedConfigs, plan, policy, { routes, aliases });
  const catalog = deploymentCatalog(policy);
  const reachOf = reachFunction(start.input.configs, req.dialect);
  const notes = proposal.notes.map((n) => {
    const pos = start.input.locators.get(n.file)?.locate(n.steps);
    return pos ? { ...n, line: pos.line, column: pos.column } : n;
  });
  return {
    report: {
      proposal: { ...proposal, notes },
      changes,
      written: outputs.map((o) => o.path),
      dryRun: opts.dryRun,
      today: { result, findings },
      generated: {
        files: generated.map((f) => f.path),
        errors: after.summary.errors,
        warnings: after.summary.warnings,
      },
      routes: routeDiffs(proposal.aliases, reachOf, req.dialect, catalog, routes),
    },
    outputs,
  };
}

function readBackPolicy(text: string, file: string): Policy {
  const { value } = parseYaml(text, file);
  const problems = checkDocument('policy', value);
  if (problems.some((p) => p.severity === 'error'))
    throw new Error(`adopt made a policy that is not valid (${problems[0]!.message}): nothing was written`);
  const policy = mergePolicy(value as PolicyFile, DEFAULT_POLICY);
  const semantic = checkPolicy(policy).filter((p) => p.severity === 'error');
  if (semantic.length > 0)
    throw new Error(`adopt made a policy that is not valid (${semantic[0]!.message}): nothing was written`);
  return policy;
}

function readBackInventory(start: AdoptStart, texts: Map<string, string>, policy: Policy, asOf: string): Inventory {
  const all = new Map<string, string | null>([...start.inventoryTexts.texts, ...texts]);
  const useCases: Inventory['use_cases'] = [];
  for (const [file, text] of all) {
    if (text === null) continue;
    const { value } = parseYaml(text, file);
    const doc = value as { use_cases?: unknown; id?: unknown };
    const list = Array.isArray(doc.use_cases) ? doc.use_cases : doc.id !== undefined ? [doc] : [];
    for (const u of list) {
      const problems = checkDocument('useCase', u);
      if (problems.some((p) => p.severity === 'error'))
        throw new Error(
          `adopt made an inventory entry that is not valid in ${file} (${problems[0]!.message}): nothing was written`,
        );
      useCases.push(u as Inventory['use_cases'][number]);
    }
  }
  const inventory: Inventory = { version: 1, use_cases: useCases };
  const problems = checkInventory(inventory, policy, asOf).filter((p) => p.severity === 'error');
  if (problems.length > 0)
    throw new Error(`adopt made an inventory that is not valid (${problems[0]!.message}): nothing was written`);
  return inventory;
}

function generatedInputs(dialect: 'litellm' | 'portkey', files: { path: string; text: string }[]): ConfigInput[] {
  if (dialect === 'litellm') {
    const f = files.find((x) => x.path === 'litellm/config.yaml')!;
    // tierplan's own output, plain YAML: js-yaml reads it as PyYAML does, many times faster.
    return [{ file: f.path, dialect, value: jsyaml.load(f.text) }];
  }
  const routes = files.find((x) => x.path === 'portkey/routes.json');
  const conditional = files.find((x) => x.path === 'portkey/conditional.json');
  const out: ConfigInput[] = [];
  if (conditional)
    out.push({
      file: conditional.path,
      dialect,
      value: JSON.parse(conditional.text) as unknown,
      ...(routes ? { metadata: { file: routes.path, value: JSON.parse(routes.text) as unknown } } : {}),
    });
  for (const f of files.filter((x) => x.path.startsWith('portkey/use-cases/')))
    out.push({ file: f.path, dialect, value: JSON.parse(f.text) as unknown, set: dirname(f.path) });
  return out;
}

/** Where a name's requests can go in today's configs. */
function reachFunction(configs: ConfigInput[], dialect: 'litellm' | 'portkey'): (name: string) => ReachPath[] {
  if (dialect === 'litellm') {
    const g = litellmGraph(configs[0]!.value);
    return (name) => litellmReach(g, name);
  }
  const byName = new Map<string, { value: unknown; metadata: Record<string, unknown> }>();
  for (const c of configs) {
    if (isConditional(c.value) && c.metadata)
      for (const [alias, m] of readRoutes(c.metadata.value)) byName.set(alias, { value: c.value, metadata: m });
    else byName.set(aliasOfFile(c.file), { value: c.value, metadata: {} });
  }
  return (name) => {
    const found = byName.get(name);
    return found ? portkeyPaths(found.value, found.metadata).paths : [];
  };
}
