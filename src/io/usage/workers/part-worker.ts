// Worker thread entry: folds the part of a usage file it is given and posts progress as
// `{ bytes }` and the result as `{ done }`. The job comes as workerData, or — for a worker
// started ahead while the inventory and plan load — as the first message.

import { parentPort, workerData } from 'node:worker_threads';
import { foldPart, type PartJob } from '../fold-part.js';

const PROGRESS_STEP = 8 * 2 ** 20;

async function run(job: PartJob): Promise<void> {
  let reported = 0;
  const result = await foldPart(job, (bytes) => {
    if (bytes - reported < PROGRESS_STEP) return;
    reported = bytes;
    parentPort!.postMessage({ bytes });
  });
  parentPort!.postMessage({ done: result });
}

if (workerData) await run(workerData as PartJob);
else parentPort!.once('message', (job: PartJob) => void run(job));
