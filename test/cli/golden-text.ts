/** What a run produced, as the golden file records it. */
export interface RunOutput {
  args: string[];
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The fixed tokens that stand for what differs between machines and runs. */
export interface Variables {
  /** The working directory of the run, and its real path if that differs (a symlinked /tmp). */
  tmp: string[];
  repo: string;
  version: string;
}

const PLAIN_ARG = /^[\w@%+=:,./-]+$/;

/** An argument as a POSIX shell would need it written, so the `$` line can be pasted and run. */
export function shellQuote(arg: string): string {
  return PLAIN_ARG.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces the temporary folder, the repository root and the package version by tokens.
 * Longest path first, so a temp folder inside the repository becomes <tmp>, not <repo>/…;
 * the version only as a whole token, so 10.1.0 stays 10.1.0 when the version is 0.1.0.
 */
export function normalise(text: string, vars: Variables): string {
  const paths: [string, string][] = [...vars.tmp.map((t): [string, string] => [t, '<tmp>']), [vars.repo, '<repo>']];
  paths.sort((a, b) => b[0].length - a[0].length);
  let out = text;
  for (const [path, token] of paths) if (path !== '') out = out.replaceAll(path.replace(/[\\/]+$/, ''), token);
  return out.replace(new RegExp(`(?<![\\w.])${escapeRegExp(vars.version)}(?![\\w.])`, 'g'), '<version>');
}

/** A section body; a missing final newline is made visible rather than lost. */
function section(text: string): string {
  if (text === '' || text.endsWith('\n')) return text;
  return `${text}\n\\ no newline at end\n`;
}

/** The whole golden file: the command line, then stdout, stderr and the exit status. */
export function goldenText(run: RunOutput, vars: Variables): string {
  const exit = run.code ?? `signal ${run.signal ?? 'unknown'}`;
  return normalise(
    `${['$ tierplan', ...run.args.map(shellQuote)].join(' ')}\n` +
      `--- stdout\n${section(run.stdout)}` +
      `--- stderr\n${section(run.stderr)}` +
      `--- exit ${exit}\n`,
    vars,
  );
}
