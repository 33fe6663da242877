/** worker-spotify's budget-related settings (from its `describeConfig`), for the report. */
export function workerSummary(settings: Record<string, unknown>): Record<string, unknown> {
  const { redisUrl: _r, spotify: _s, logLevel: _l, logPretty: _p, healthPort: _h, queuePrefix: _q, ...rest } = settings;
  return rest;
}
