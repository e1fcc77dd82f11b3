// Whether the browser tests can run here: a headless Chromium (and poppler's pdftotext, which reads
// the printed pages back). Without them the tests are skipped with one line saying how to enable
// them; .ci/run sets TIERPLAN_REQUIRE_BROWSER=1, which turns their absence into a failure, so CI
// never skips them.
import { execFileSync } from 'node:child_process';

function onPath(command: string, args = ['--version']): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM, 'chromium', 'chromium-browser', 'google-chrome'].filter(
    (c): c is string => c !== undefined && c !== '',
  );
  return candidates.find((c) => onPath(c));
}

export interface Browser {
  chromium: string;
}

let found: Browser | null | undefined;

/** The browser to test with, or null (said once on stderr; a failure when CI requires it). */
export function browser(): Browser | null {
  if (found !== undefined) return found;
  const chromium = findChromium();
  const ok = chromium !== undefined && onPath('pdftotext', ['-v']);
  if (ok) {
    found = { chromium };
    return found;
  }
  const missing =
    chromium === undefined ? 'no Chromium (chromium, chromium-browser, google-chrome or $CHROMIUM)' : 'no pdftotext';
  if (process.env.TIERPLAN_REQUIRE_BROWSER)
    throw new Error(`browser tests required (TIERPLAN_REQUIRE_BROWSER) but ${missing} was found`);
  process.stderr.write(
    `browser tests skipped: ${missing} found. Install them (apt-get install chromium poppler-utils) or set CHROMIUM=/path/to/chrome to run them.\n`,
  );
  found = null;
  return found;
}
