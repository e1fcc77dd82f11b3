// Starts the real Portkey gateway (the npm package, not a double) headless on 127.0.0.1 and a
// free port, and stops it by PID. The loopback preload (bind-loopback.mjs) both forces the
// bind address and tells us the port, since the gateway's own banner says `localhost:0`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PRELOAD = fileURLToPath(new URL('./bind-loopback.mjs', import.meta.url));
const GATEWAY_ENTRY = fileURLToPath(
  new URL('../../../node_modules/@portkey-ai/gateway/build/start-server.js', import.meta.url),
);

export interface Gateway {
  readonly pid: number;
  readonly host: string;
  readonly port: number;
  readonly url: string;
  /** Milliseconds from spawn to the first `GET /` answering 200. */
  readonly startupMs: number;
  /** What the process printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

const LISTENING = /\[bind-loopback\] listening ([0-9.]+):(\d+)/;

export async function startPortkeyGateway(opts: { timeoutMs?: number } = {}): Promise<Gateway> {
  if (!existsSync(GATEWAY_ENTRY))
    throw new Error(`${GATEWAY_ENTRY} missing: run npm ci (@portkey-ai/gateway is a dev dependency)`);
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const started = Date.now();
  // TRUSTED_CUSTOM_HOSTS would replace the default trusted loopback hosts (reference §4.7).
  const env = { ...process.env };
  delete env.TRUSTED_CUSTOM_HOSTS;
  delete env.NODE_OPTIONS;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--max-http-header-size=1048576',
      '--import',
      pathToFileURL(PRELOAD).href,
      GATEWAY_ENTRY,
      '--port=0',
      '--headless',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const keep = (chunk: Buffer): void => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Safety net: a test worker that exits without running afterAll still takes the gateway with it.
  const orphanGuard = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', orphanGuard);

  const stop = async (): Promise<void> => {
    process.removeListener('exit', orphanGuard);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(killer);
  };

  try {
    const address = await new Promise<{ host: string; port: number }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`gateway did not report its port within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const look = (): void => {
        const m = LISTENING.exec(log);
        if (m) {
          clearTimeout(timer);
          resolve({ host: m[1]!, port: Number(m[2]) });
        }
      };
      child.stderr?.on('data', look);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`gateway exited early (code ${code}, signal ${signal})`));
      });
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    const url = `http://${address.host}:${address.port}`;
    await waitReady(url, started + timeoutMs);
    const startupMs = Date.now() - started;
    return { pid: child.pid!, host: address.host, port: address.port, url, startupMs, output: () => log, stop };
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- gateway output ---\n${log}`);
  }
}

/** The port is open about a second before the banner; `GET /` answering 200 is the real signal. */
async function waitReady(url: string, deadline: number): Promise<void> {
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
      last = `status ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gateway at ${url} not ready: ${last}`);
}
