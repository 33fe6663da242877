import { request as httpRequest } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP GET that reports socket errors instead of throwing (faults need that). */
export function rawGet(
  url: string,
  headers: Record<string, string>,
  timeoutMs?: number,
): Promise<{ ok: true; res: RawResponse } | { ok: false; error: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ ok: true, res: { status: res.statusCode ?? 0, headers: res.headers, body } }));
      res.on('error', (error) => resolve({ ok: false, error }));
    });
    if (timeoutMs !== undefined) req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })));
    req.on('error', (error) => resolve({ ok: false, error }));
    req.end();
  });
}

export async function waitFor(check: () => boolean, attempts = 200): Promise<void> {
  for (let i = 0; i < attempts; i += 1) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not reached');
}

/** The response of a `rawGet` that must be answered (a socket error fails the test). */
export async function answerOf(pending: ReturnType<typeof rawGet>): Promise<RawResponse> {
  const outcome = await pending;
  if (!outcome.ok) throw outcome.error;
  return outcome.res;
}
