import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

export interface JwksServer {
  /** Stands for SUPABASE_URL: the JWKS is at `<url>/auth/v1/.well-known/jwks.json`. */
  url: string;
  /** Requests the JWKS endpoint answered. */
  requests(): number;
  /** An RS256 token signed with the published key (or `privateKey`). */
  sign(sub: string, options: { issuer: string; audience: string; expiresIn?: number; kid?: string; privateKey?: CryptoKey }): Promise<string>;
  close(): Promise<void>;
}

/** A local stand-in for Supabase Auth's JWKS endpoint, publishing one RS256 public key (kid `test-key-1`). */
export async function startJwksServer(): Promise<JwksServer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  let requests = 0;
  const server: Server = createServer((req, res) => {
    if (req.url === '/auth/v1/.well-known/jwks.json') {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    sign: (sub, options) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ role: 'authenticated' })
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'test-key-1', typ: 'JWT' })
        .setSubject(sub)
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt(now - 10)
        .setExpirationTime(now + (options.expiresIn ?? 3600))
        .sign(options.privateKey ?? privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
