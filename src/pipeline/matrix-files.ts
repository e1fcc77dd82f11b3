// matrix.md, matrix.html and plan.json. For a large portfolio the Markdown and HTML are rendered in
// a worker thread from plan.json's text, while the caller renders the gateway configs: on two
// cores that takes their ~0.4 s (10,000 use cases) off `plan --out`'s wall time. A worker that
// fails leaves the job to this thread: the files are the same either way.
import { Worker } from 'node:worker_threads';
import type { Plan } from '../core/plan/plan-types.js';
import type { OutputFile } from '../io/output/write-output.js';

/** From this many use cases a second thread pays for its start (~50 ms). */
export const WORKER_FROM = 2_000;
const WORKER = new URL('./workers/matrix-worker.js', import.meta.url);

export async function renderMatrixFiles(plan: Plan, opts: { worker?: boolean } = {}): Promise<OutputFile[]> {
  const { planRenderers } = await import('../render/matrix/registry.js');
  const json = planRenderers.json(plan, { color: false });
  const inWorker = opts.worker ?? plan.use_cases.length >= WORKER_FROM;
  const rendered = (inWorker ? await renderInWorker(json) : undefined) ?? {
    markdown: planRenderers.markdown(plan, { color: false }),
    html: planRenderers.html(plan, { color: false }),
  };
  return [
    { path: 'matrix.md', text: rendered.markdown },
    { path: 'matrix.html', text: rendered.html },
    { path: 'plan.json', text: json },
  ];
}

function renderInWorker(json: string): Promise<{ markdown: string; html: string } | undefined> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, { workerData: { json } });
    worker.once('message', (m: { markdown: string; html: string }) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}
