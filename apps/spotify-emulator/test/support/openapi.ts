import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * Validation of emulator responses against Spotify's OpenAPI 3.0.3 description
 * (/work/shared/spotify/web-api-openapi.yml, i.e. `<repo>/../shared/...`; override with
 * SPOTIFY_OPENAPI_PATH). OpenAPI schema objects are turned into JSON Schema: `nullable` becomes a
 * `null` type, `$ref`s point into the components document, vendor/annotation keywords are dropped.
 */
export const OPENAPI_PATH = process.env.SPOTIFY_OPENAPI_PATH ?? path.resolve(__dirname, '../../../../../shared/spotify/web-api-openapi.yml');

type Schema = { [key: string]: unknown };
interface Spec {
  paths: Record<string, { get: { responses: Record<string, Schema> } }>;
  components: { schemas: Record<string, Schema>; responses: Record<string, Schema> };
}

/**
 * Spec `required` entries the emulator deliberately omits, following real recorded responses
 * (/work/shared/spotify/real-responses/README.md, "Surprises compared with a plain reading of the spec").
 * Applied ONLY to requests that send `market`; every other response is checked against the unmodified spec.
 */
export const RELAXED_REQUIRED_WHEN_MARKET_SENT: Record<string, string[]> = {
  // Surprise 2: `available_markets` is in AlbumBase.required (and deprecated), but Spotify leaves it
  // out when `market` is sent (and adds `is_playable` to tracks).
  AlbumBase: ['available_markets'],
};

/**
 * Properties the emulator sends that the spec does not declare, each backed by a real recording.
 * Surprise 7: 429 quota bodies carry `error.reason = "QUOTA_EXCEEDED"`; ErrorObject has only status/message.
 * (Surprise 1, artists without followers/genres/popularity, needs no relaxation: ArtistObject requires nothing.)
 */
export const DOCUMENTED_EXTRA_PROPERTIES: Record<string, string[]> = { ErrorObject: ['reason'] };

const DROPPED = new Set(['example', 'examples', 'discriminator', 'deprecated', 'nullable', 'xml', 'externalDocs']);

function toJsonSchema(node: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') || DROPPED.has(key)) continue;
    if (key === '$ref') out[key] = String(value).replace(/^#/, 'spotify.json#');
    else if (key === 'properties') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, toJsonSchema(v)]));
    } else if (key === 'items' || key === 'not' || (key === 'additionalProperties' && typeof value === 'object')) {
      out[key] = toJsonSchema(value as Schema);
    } else if (key === 'allOf' || key === 'oneOf' || key === 'anyOf') out[key] = (value as Schema[]).map(toJsonSchema);
    else out[key] = value;
  }
  if (node.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else return { anyOf: [out, { type: 'null' }] };
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  return out;
}

export class SpotifyContract {
  readonly spec: Spec;
  private readonly strict: Ajv;
  private readonly relaxed: Ajv;

  constructor(file = OPENAPI_PATH) {
    this.spec = parse(readFileSync(file, 'utf8')) as Spec;
    this.strict = this.buildAjv({});
    this.relaxed = this.buildAjv(RELAXED_REQUIRED_WHEN_MARKET_SENT);
  }

  /** The 200 (or other) response schema of `GET <apiPath>`, or a named components.responses entry. */
  validator(target: { path: string; status: string } | { response: string }, marketSent = false): ValidateFunction {
    const ref = 'response' in target ? { $ref: `#/components/responses/${target.response}` } : this.spec.paths[target.path]?.get.responses[target.status];
    if (!ref) throw new Error(`spec has no response for ${JSON.stringify(target)}`);
    return (marketSent ? this.relaxed : this.strict).compile(toJsonSchema(this.responseSchema(ref)));
  }

  /** Object keys in `value` that the schema of that response does not declare (documented extras excepted). */
  undeclaredKeys(target: { path: string; status: string } | { response: string }, value: unknown): string[] {
    const ref = 'response' in target ? { $ref: `#/components/responses/${target.response}` } : this.spec.paths[target.path]?.get.responses[target.status];
    const out: string[] = [];
    this.walk(value, this.responseSchema(ref as Schema), '$', out);
    return out;
  }

  private responseSchema(ref: Schema): Schema {
    const response = typeof ref.$ref === 'string' ? this.resolve(ref.$ref) : ref;
    const content = response.content as Record<string, { schema: Schema }>;
    const schema = content['application/json']?.schema;
    if (!schema) throw new Error('response has no application/json schema');
    return schema;
  }

  private resolve(pointer: string): Schema {
    return pointer.replace(/^#\//, '').split('/').reduce<Schema>((node, key) => node[key] as Schema, this.spec as unknown as Schema);
  }

  private buildAjv(relaxed: Record<string, string[]>): Ajv {
    const schemas: Record<string, Schema> = {};
    for (const [name, schema] of Object.entries(this.spec.components.schemas)) {
      const converted = toJsonSchema(schema);
      const drop = relaxed[name];
      if (drop && Array.isArray(converted.required)) converted.required = converted.required.filter((r: string) => !drop.includes(r));
      schemas[name] = converted;
    }
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ components: { schemas } }, 'spotify.json');
    return ajv;
  }

  /** Merges `$ref`/`allOf` into one property map, remembering the component names passed through. */
  private flatten(schema: Schema, names: string[] = []): { properties: Record<string, Schema>; items?: Schema; names: string[]; open: boolean } {
    if (typeof schema.$ref === 'string') {
      names.push(schema.$ref.split('/').pop() as string);
      return this.flatten(this.resolve(schema.$ref), names);
    }
    let properties: Record<string, Schema> = {};
    let open = schema.properties === undefined && schema.allOf === undefined;
    for (const part of (schema.allOf as Schema[] | undefined) ?? []) {
      const flat = this.flatten(part, names);
      properties = { ...properties, ...flat.properties };
      open = open && flat.open;
    }
    properties = { ...properties, ...((schema.properties as Record<string, Schema> | undefined) ?? {}) };
    return { properties, items: schema.items as Schema | undefined, names, open };
  }

  private walk(value: unknown, schema: Schema, at: string, out: string[]): void {
    const flat = this.flatten(schema);
    if (Array.isArray(value)) {
      if (flat.items) value.forEach((item, i) => this.walk(item, flat.items as Schema, `${at}[${i}]`, out));
      return;
    }
    if (value === null || typeof value !== 'object' || flat.open) return;
    const extras = flat.names.flatMap((n) => DOCUMENTED_EXTRA_PROPERTIES[n] ?? []);
    for (const [key, child] of Object.entries(value)) {
      const childSchema = flat.properties[key];
      if (childSchema) this.walk(child, childSchema, `${at}.${key}`, out);
      else if (!extras.includes(key)) out.push(`${at}.${key}`);
    }
  }
}
