// Worker thread entry: folds the part of a usage file it is given (workerData: a PartJob) and
// posts progress as `{ bytes }` and the result as `{ done }`.

import { parentPort, workerData } from 'node:worker_threads';
import { foldPart, type PartJob } from '../fold-part.js';

const PROGRESS_STEP = 8 * 2 ** 20;
let reported = 0;
const result = await foldPart(workerData as PartJob, (bytes) => {
  if (bytes - reported < PROGRESS_STEP) return;
  reported = bytes;
  parentPort!.postMessage({ bytes });
});
parentPort!.postMessage({ done: result });
