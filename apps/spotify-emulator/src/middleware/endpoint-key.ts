const TEMPLATES: [RegExp, string][] = [
  [/^\/v1\/search\/?$/, '/v1/search'],
  [/^\/v1\/artists\/[^/]+\/albums\/?$/, '/v1/artists/{id}/albums'],
  [/^\/v1\/artists\/[^/]+\/?$/, '/v1/artists/{id}'],
  [/^\/v1\/albums\/[^/]+\/tracks\/?$/, '/v1/albums/{id}/tracks'],
  [/^\/v1\/albums\/[^/]+\/?$/, '/v1/albums/{id}'],
];

/** Route template of a /v1 request for stats, e.g. `GET /v1/artists/{id}/albums`; unknown paths map to `/v1/*`. */
export function endpointKey(method: string, path: string): string {
  const template = TEMPLATES.find(([pattern]) => pattern.test(path))?.[1] ?? '/v1/*';
  return `${method.toUpperCase()} ${template}`;
}
