import { join } from 'node:path';
import { formatDiagnostic } from '../../core/diagnostics/format.js';
import { gatewayDrift } from '../../pipeline/gateway-drift.js';
import { pipelineFromInputs } from '../../pipeline/pipeline.js';
import {
  GATEWAY_TARGETS,
  TARGET_DIRS,
  type GatewayFile,
  type GatewayTarget,
} from '../../render/gateway/gateway-files.js';
import type { CliContext } from '../context.js';
import { generator } from '../generator.js';
import { loadInputs, type InputOptions } from '../inputs.js';
import { writeOutTree } from '../out-tree.js';
import { driftDiff } from '../drift-diff.js';

export interface GatewayOptions extends InputOptions {
  target: GatewayTarget | 'all';
  out: string;
  check?: boolean;
}

export async function gateway(ctx: CliContext, opts: GatewayOptions): Promise<number> {
  const inputs = await loadInputs(opts);
  for (const d of inputs.warnings) ctx.err(`${formatDiagnostic(d)}\n`);
  const targets = opts.target === 'all' ? GATEWAY_TARGETS : [opts.target];
  const files = await pipelineFromInputs(inputs, { generator: generator() }).gatewayFiles(targets);
  if (opts.check) return checkDrift(ctx, opts.out, targets, files);
  const removed = await writeOutTree(
    ctx,
    opts.out,
    files,
    targets.map((t) => TARGET_DIRS[t]),
  );
  ctx.err(
    `wrote ${files.length} file${files.length === 1 ? '' : 's'} under ${opts.out} (${targets.join(', ')})${removed}\n`,
  );
  return 0;
}

/** The CI gate: regenerate in memory, compare with the files on disk, print a diff, exit 1 on drift. */
async function checkDrift(
  ctx: CliContext,
  out: string,
  targets: GatewayTarget[],
  files: GatewayFile[],
): Promise<number> {
  let drifted = 0;
  for await (const { path, want, have, owned } of gatewayDrift(out, targets, files)) {
    drifted++;
    const shown = join(out, path);
    if (have === null) ctx.out(`missing: ${shown} (would be generated)\n`);
    else if (want === null && owned) ctx.out(`stale: ${shown} (no longer generated; \`gateway --out\` removes it)\n`);
    else if (want === null) ctx.out(`stale: ${shown} (not generated, and not written by tierplan; delete it)\n`);
    else ctx.out(driftDiff(shown, have, want, `tierplan gateway --out ${out}`));
  }
  if (drifted === 0) {
    ctx.err(`no drift: ${files.length} file${files.length === 1 ? '' : 's'} under ${out} match the inputs\n`);
    return 0;
  }
  ctx.err(
    `drift: ${drifted} file${drifted === 1 ? '' : 's'} under ${out} differ from what the inputs generate; run \`tierplan gateway --out ${out}\` and commit the result\n`,
  );
  return 1;
}
