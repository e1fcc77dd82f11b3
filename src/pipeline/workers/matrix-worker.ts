// Worker thread entry: renders matrix.md and matrix.html from plan.json's text while the main
// thread renders the gateway configs (`plan --out` of a large portfolio, pipeline/matrix-files.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { Plan } from '../../core/plan/plan-types.js';
import { planRenderers } from '../../render/matrix/registry.js';

const plan = JSON.parse((workerData as { json: string }).json) as Plan;
parentPort!.postMessage({
  markdown: planRenderers.markdown(plan, { color: false }),
  html: planRenderers.html(plan, { color: false }),
});
