// A stand-in for one OpenAI-compatible upstream (a vLLM server, a cloud endpoint, a public API):
// an in-process node:http server on 127.0.0.1 that says who it is in every answer, counts the
// completions it received, and can be switched to failing at run time, so a test can watch
// the real gateway route, fall back and refuse.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface ReceivedRequest {
  model: unknown;
  authorization: string | undefined;
}

export interface MockUpstream {
  readonly name: string;
  readonly port: number;
  /** The base URL a deployment's `endpoint` names: Portkey appends `/chat/completions`. */
  readonly url: string;
  /** Completions received (successful or failed) since the last reset. */
  readonly hits: number;
  readonly received: readonly ReceivedRequest[];
  /** From now on answer every completion with this status (null: answer normally). */
  fail(status: number | null): void;
  /** Forget hits and recorded requests and answer normally again. */
  reset(): void;
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const send = (res: ServerResponse, status: number, name: string, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-mock-instance': name,
  });
  res.end(text);
};

export async function startMockUpstream(name: string): Promise<MockUpstream> {
  let failure: number | null = null;
  let received: ReceivedRequest[] = [];
  let seq = 0;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        send(res, 404, name, {
          error: { message: `mock ${name}: no route ${req.method} ${req.url}`, type: 'invalid_request_error' },
        });
        return;
      }
      let parsed: { model?: unknown } = {};
      try {
        parsed = JSON.parse(body) as { model?: unknown };
      } catch {
        // A malformed body is still a hit: the point is to see where traffic went.
      }
      received.push({ model: parsed.model, authorization: req.headers.authorization });
      if (failure !== null) {
        send(res, failure, name, {
          error: { message: `mock ${name} failing with ${failure}`, type: 'server_error', code: null },
        });
        return;
      }
      seq += 1;
      send(res, 200, name, {
        id: `chatcmpl-${name}-${seq}`,
        object: 'chat.completion',
        created: 1_700_000_000,
        model: typeof parsed.model === 'string' ? parsed.model : 'unknown',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: `answered-by:${name}` },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      });
    })().catch((e: unknown) => {
      if (!res.headersSent) send(res, 599, name, { error: { message: String(e) } });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    name,
    port,
    url: `http://127.0.0.1:${port}/v1`,
    get hits() {
      return received.length;
    },
    get received() {
      return received;
    },
    fail(status) {
      failure = status;
    },
    reset() {
      failure = null;
      received = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        // The gateway keeps connections alive; drop them so close() does not wait for their timeout.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
