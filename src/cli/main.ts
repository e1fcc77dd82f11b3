import { version } from './version.js';

/**
 * Entry point. `--version` answers before anything else is loaded; every other path loads
 * commander and the one command it needs.
 */
export async function main(argv: string[]): Promise<void> {
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    process.stdout.write(`${version()}\n`);
    return;
  }
  const { run } = await import('./program.js');
  await run(argv);
}
