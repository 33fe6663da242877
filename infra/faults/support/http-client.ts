/** One answer as the suite records it. `status` 0: no answer at all (`kind` says why: hang or network_error). */
export interface Answer {
  status: number;
  /** `error.code` of an error answer; `shapeless` when an error answer lacks `{ error: { code, message } }`. */
  code?: string;
  ms: number;
  retryAfter?: number;
  cached?: boolean;
  kind: string;
  body?: unknown;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The client gives up after this long and records a hang (default 20 s: far beyond every server deadline). */
  timeoutMs?: number;
}

/** Sends one request with a client-side timeout and classifies the answer. */
export async function call(url: string, options: CallOptions = {}): Promise<Answer> {
  const started = Date.now();
  try {
    const res = await fetch(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      body: options.body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    });
    const text = await res.text();
    const ms = Date.now() - started;
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = res.status >= 400 ? (typeof error?.code === 'string' && typeof error.message === 'string' ? error.code : 'shapeless') : undefined;
    const retryAfter = res.headers.get('retry-after');
    return {
      status: res.status,
      code,
      ms,
      retryAfter: retryAfter === null ? undefined : Number(retryAfter),
      cached: (body as { cached?: unknown } | undefined)?.cached === true,
      kind: code ? `${res.status} ${code}` : String(res.status),
      body,
    };
  } catch (error) {
    const ms = Date.now() - started;
    const name = (error as Error).name;
    return { status: 0, ms, kind: name === 'TimeoutError' || name === 'AbortError' ? 'hang' : 'network_error' };
  }
}
