// Settings a Portkey target node carries: status codes, retry, cache and custom_host (the
// gateway's SSRF guard).
import { typeError, unknownKeys, type Ctx } from './portkey-common.js';
import { isObj, shown, type Path } from './values.js';

const RETRY_KEYS = ['attempts', 'on_status_codes', 'use_retry_after_header'];
const CACHE_KEYS = ['mode', 'max_age'];

/** What the gateway trusts when TRUSTED_CUSTOM_HOSTS is unset. */
export const DEFAULT_TRUSTED_CUSTOM_HOSTS: readonly string[] = [
  'localhost',
  '127.0.0.1',
  '::1',
  'host.docker.internal',
];

export function statusCodes(v: unknown, at: Path, ctx: Ctx): void {
  if (!Array.isArray(v)) {
    typeError(v, 'a list of HTTP status codes', at, ctx);
    return;
  }
  v.forEach((c, i) => {
    if (typeof c !== 'number' || !Number.isInteger(c)) {
      ctx.add({
        code: 'status-code-not-integer',
        severity: 'error',
        path: [...at, i],
        message: `${shown(c)} is not an integer status code: ${typeof c === 'number' ? 'no response has it, so it never matches' : 'the gateway rejects the config (400 "Expected number")'}`,
        ...(typeof c === 'string' && /^\d+$/.test(c) ? { hint: `write ${c} without quotes` } : {}),
      });
    } else if (c < 100 || c > 599) {
      ctx.add({
        code: 'invalid-status-code',
        severity: 'error',
        path: [...at, i],
        message: `${c} is not an HTTP status code (100–599): it never matches`,
      });
    }
  });
}

export function retry(r: unknown, at: Path, ctx: Ctx): void {
  if (!isObj(r)) {
    typeError(r, 'a mapping with attempts', at, ctx);
    return;
  }
  unknownKeys(r, RETRY_KEYS, at, 'retry', ctx);
  if (!('attempts' in r)) {
    ctx.add({
      code: 'retry-without-attempts',
      severity: 'error',
      path: at,
      message: 'retry needs attempts: the gateway rejects the config (400 "retry,attempts: Required")',
      hint: 'add attempts: the number of retries (0 for none)',
    });
  } else if (typeof r.attempts !== 'number' || !Number.isInteger(r.attempts) || r.attempts < 0) {
    ctx.add({
      code: 'invalid-value',
      severity: 'error',
      path: [...at, 'attempts'],
      message: `retry.attempts must be a whole number of 0 or more; found ${shown(r.attempts)}`,
    });
  } else if (r.attempts > 5) {
    ctx.add({
      code: 'retry-attempts-high',
      severity: 'warning',
      path: [...at, 'attempts'],
      message: `${r.attempts} attempts: the gateway does not cap retries and backs off 1 s, 2 s, 4 s…, so a failing upstream holds the request for ${2 ** r.attempts - 1} s`,
    });
  }
  if ('on_status_codes' in r) statusCodes(r.on_status_codes, [...at, 'on_status_codes'], ctx);
}

export function cache(c: unknown, at: Path, ctx: Ctx): void {
  if (!isObj(c)) {
    typeError(c, 'a mapping with mode', at, ctx);
    return;
  }
  unknownKeys(c, CACHE_KEYS, at, 'cache', ctx);
  if (c.mode !== 'simple' && c.mode !== 'semantic') {
    ctx.add({
      code: 'invalid-value',
      severity: 'error',
      path: [...at, 'mode'],
      message: `cache.mode must be simple or semantic; found ${shown(c.mode)}`,
    });
  }
}

const BLOCKED_TLDS = [
  'local',
  'localdomain',
  'internal',
  'intranet',
  'lan',
  'home',
  'corp',
  'test',
  'invalid',
  'onion',
  'localhost',
];

/** A subset of the gateway's isValidCustomHost: the cases that reject typical on-prem hosts. */
export function customHost(value: string, at: Path, trusted: string[], ctx: Ctx): void {
  if (/\$\{[^}]*\}/.test(value)) return; // Substituted when the header is built: unknown here.
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.add({
      code: 'invalid-custom-host',
      severity: 'error',
      path: at,
      message: 'custom_host is not a URL: the gateway answers 400 "Invalid custom host"',
    });
    return;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (trusted.some((t) => t.toLowerCase() === host || (t.toLowerCase() === 'localhost' && host.endsWith('.localhost'))))
    return;
  const reason = hostProblem(url, host);
  if (!reason) return;
  ctx.add({
    code: 'untrusted-custom-host',
    severity: 'error',
    path: at,
    message: `custom_host ${JSON.stringify(url.host)} fails the gateway's SSRF guard (${reason}): it answers 400 "Invalid custom host"`,
    hint: `add ${host} to TRUSTED_CUSTOM_HOSTS on the gateway (it replaces the defaults: list localhost,127.0.0.1 again if you need them)`,
  });
}

function hostProblem(url: URL, host: string): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'not http(s)';
  if (url.username || url.password) return 'user info in the URL';
  if (host.includes('api.portkey')) return 'a Portkey API host';
  const tld = host.split('.').pop() ?? '';
  if (host.includes('.') && BLOCKED_TLDS.includes(tld)) return `the .${tld} domain`;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127) ||
      a >= 224
    ) {
      return 'a private or reserved address';
    }
    return undefined;
  }
  if (/^\d+$/.test(host) || /^0x[0-9a-f]+$/i.test(host)) return 'a numeric address';
  if (host.includes(':') && (host === '::1' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host)))
    return 'a private or reserved IPv6 address';
  return undefined;
}
