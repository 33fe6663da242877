import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '../../src/app';
import { apiRedis, logger, recordingCaller, testConfig } from '../support/test-env';

const run = promisify(execFile);
const bin = (name: string): string => path.join(__dirname, '../../node_modules/.bin', name);

/** Runs a linter that exits non-zero when it finds errors; its JSON report is on stdout either way. */
async function lint(command: string, args: string[], cwd: string): Promise<string> {
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  try {
    return (await run(command, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (error) {
    const { stdout } = error as { stdout?: string };
    if (stdout) return stdout;
    throw error;
  }
}

interface RedoclyReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: 'error' | 'warn'; location: { pointer: string }[] }[];
}
interface SpectralResult {
  code: string;
  severity: number; // 0 error, 1 warn, 2 info, 3 hint
  path: string[];
}

/** The OpenAPI document as the api serves it, read by the tools REST consumers use (from the npm registry). */
describe('the served OpenAPI document passes Redocly and Spectral', () => {
  let redis: Redis;
  let dir: string;

  beforeAll(async () => {
    redis = apiRedis();
    const app = createApp({ config: testConfig(), redis, spotify: recordingCaller(), logger });
    const served = await request(app).get('/api/v1/openapi.json').expect(200);
    dir = mkdtempSync(path.join(tmpdir(), 'albumboard-openapi-'));
    writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(served.body, null, 2));
    writeFileSync(path.join(dir, 'spectral.yaml'), 'extends: ["spectral:oas"]\n');
  });

  afterAll(() => {
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it("Redocly's recommended rules: no error; the only warnings are the missing license and the two probes without a 4xx", async () => {
    const report = JSON.parse(await lint(bin('redocly'), ['lint', 'openapi.json', '--format=json'], dir)) as RedoclyReport;
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.totals.errors).toBe(0);
    // albumboard has no license to name; /healthz and /readyz answer no 4xx (they are not rate limited and take no input).
    const warnings = report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}`).sort();
    expect(warnings).toEqual([
      'info-license #/info',
      'operation-4xx-response #/paths/~1healthz/get/responses',
      'operation-4xx-response #/paths/~1readyz/get/responses',
    ]);
  }, 60_000);

  it("Spectral's spectral:oas ruleset: no problem at all (tags, descriptions, contact, servers)", async () => {
    const results = JSON.parse(await lint(bin('spectral'), ['lint', '--ruleset', 'spectral.yaml', '--format', 'json', '--quiet', 'openapi.json'], dir)) as SpectralResult[];
    expect(results.map((r) => `${r.code} ${r.path.join('.')}`)).toEqual([]);
  }, 60_000);
});
