import { connect } from 'node:net';
import { buildOpenApiDocument } from '../../../src/openapi/openapi-document';

/** What a test needs of an answer (supertest's Response, or a raw one). */
export interface Answer {
  status: number;
  text?: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

/** Text that would betray internals: a stack frame, a source path, a module path. */
export const INTERNALS = /\bat \S+ \(|\bat [^\s]+:\d+:\d+|node_modules|\/work\/|\.ts:\d+|ECONNREFUSED|SQLSTATE/;

/**
 * The invariant every answer to hostile input keeps: not a server error, no internals, and — when it is an error
 * albumboard produced — the `{ error: { code, message } }` shape.
 */
export function expectSafeAnswer(res: Answer, context: string): void {
  const text = res.text ?? ''; // HEAD answers have no text
  if (res.status >= 500) throw new Error(`${context}: server error ${res.status}: ${text.slice(0, 300)}`);
  if (res.status >= 400 && INTERNALS.test(text)) throw new Error(`${context}: the answer leaks internals: ${text.slice(0, 300)}`);
  if (res.headers['x-powered-by'] !== undefined) throw new Error(`${context}: X-Powered-By is set`);
  if (res.status >= 400 && text.length > 0) {
    const body = (res.body ?? JSON.parse(text)) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body?.error?.code !== 'string' || typeof body.error.message !== 'string') {
      throw new Error(`${context}: error answer without the error shape: ${text.slice(0, 300)}`);
    }
  }
}

/** True when nothing has polluted Object.prototype. */
export function prototypeIsClean(): boolean {
  const probe = {} as Record<string, unknown>;
  return probe.polluted === undefined && !Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted') && probe.isAdmin === undefined;
}

/** Percent-encodes every byte of `bytes` (a string is taken as UTF-8; lone surrogates become U+FFFD). */
export function percentEncode(bytes: Uint8Array | string): string {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  return [...buffer].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('');
}

export interface RawAnswer {
  /** 0 when the server closed the connection without an answer. */
  status: number;
  head: string;
  text: string;
}

/** Sends `bytes` as they are on a fresh TCP connection and reads the answer (the server must answer or close in time). */
export function rawRequest(port: number, bytes: Buffer, timeoutMs = 8000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${JSON.stringify(bytes.toString('latin1').slice(0, 120))}`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined); // a reset after the answer is fine; no answer at all is caught by 'close'
    socket.on('close', () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const split = raw.indexOf('\r\n\r\n');
      const head = split >= 0 ? raw.slice(0, split) : raw;
      const match = /^HTTP\/1\.1 (\d{3})/.exec(head);
      resolve({ status: match ? Number(match[1]) : 0, head, text: split >= 0 ? raw.slice(split + 4) : '' });
    });
    socket.write(bytes);
  });
}

interface DocumentedOperation {
  responses: Record<string, unknown>;
}
let documentPaths: Record<string, Record<string, DocumentedOperation>> | undefined;

/**
 * The answer's status is one the OpenAPI document lists for `method` on the templated `path` (`/api/v1/albums/{albumId}`).
 * An answer the router gave because the generated path did not reach the operation at all (`No such route`) is the
 * unknown-route answer, not the operation's, and is left to the unknown-route test.
 */
export function expectDocumentedStatus(method: string, path: string, res: Answer, context: string): void {
  documentPaths ??= (buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, DocumentedOperation>> }).paths;
  const operation = documentPaths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`the OpenAPI document has no ${method} ${path}`);
  const body = res.body as { error?: { code?: unknown; message?: unknown } } | undefined;
  if (res.status === 404 && body?.error?.message === 'No such route') return;
  const listed = Object.keys(operation.responses);
  if (!listed.includes(String(res.status)) && !listed.includes(`${String(res.status)[0]}XX`) && !listed.includes('default')) {
    throw new Error(`${context}: ${method} ${path} answered ${res.status}, which the OpenAPI document does not list (${listed.join(', ')})`);
  }
}
