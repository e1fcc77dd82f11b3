// Preloaded (`node --import`) into the built binary by tests that signal a single-file write at a
// known point: once a `.tierplan-tmp-*` temporary has been created, it writes the file named by
// TIERPLAN_TEST_PAUSED and holds that write until SIGINT or SIGTERM arrives, then lets it go on.
// The binary itself has no test hook; this wraps fs.promises.open from outside.
import fs, { writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { basename } from 'node:path';

const marker = process.env.TIERPLAN_TEST_PAUSED;
const open = fs.promises.open;
fs.promises.open = async (path, ...rest) => {
  const handle = await open(path, ...rest);
  if (marker && basename(String(path)).startsWith('.tierplan-tmp-')) {
    // A pending promise alone does not keep the process alive: a timer does, until the signal.
    const alive = setInterval(() => undefined, 1000);
    const signalled = new Promise((res) => {
      const go = () => {
        clearInterval(alive);
        res();
      };
      process.once('SIGINT', go);
      process.once('SIGTERM', go);
    });
    writeFileSync(marker, String(path));
    await signalled;
  }
  return handle;
};
syncBuiltinESMExports();
