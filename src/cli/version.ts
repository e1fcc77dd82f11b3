import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The package version, read once; kept free of heavy imports so `--version` starts fast. */
export function version(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
    .version;
  return cached;
}
