import { EMULATOR_DEFAULT_CLIENT_ID, EMULATOR_DEFAULT_CLIENT_SECRET } from '../../src';

/** Client-credentials token from a listening emulator (uses Node's fetch). */
export async function issueTokenOver(baseUrl: string, clientId = EMULATOR_DEFAULT_CLIENT_ID, secret = EMULATOR_DEFAULT_CLIENT_SECRET): Promise<string> {
  const res = await fetch(`${baseUrl}/api/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
