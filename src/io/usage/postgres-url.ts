// A PostgreSQL connection as `review --usage` takes it: a postgres:// or postgresql:// URL (the
// fields it leaves out come from the PG* environment variables, as libpq does), shown only with
// its password masked.

/** Whether a --usage argument names a database rather than a file. */
export const isPostgresUrl = (s: string): boolean => /^postgres(ql)?:\/\//i.test(s);

/** The URL with its password (and any password= parameter) replaced by ***: the only way it is ever shown. */
export function maskUrl(url: string): string {
  let shown = url.replace(/^(postgres(?:ql)?:\/\/[^:/@?#]*:)[^@/?#]*@/i, '$1***@');
  shown = shown.replace(/([?&](?:password|sslpassword)=)[^&#]*/gi, '$1***');
  return shown;
}

/** A message with every occurrence of the secrets it might quote (the password, the raw URL) masked. */
export function maskSecrets(message: string, url: string): string {
  let out = message.split(url).join(maskUrl(url));
  const password = passwordOf(url) ?? process.env.PGPASSWORD;
  if (password !== undefined && password.length >= 3) out = out.split(password).join('***');
  return out;
}

function passwordOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.password === '' ? (u.searchParams.get('password') ?? undefined) : decodeURIComponent(u.password);
  } catch {
    return undefined;
  }
}
