import { formatPrometheusText, mergePrometheusText, parsePrometheusText, PrometheusParseError } from './prometheus-text';

const bullmqSpotify = [
  '# HELP bullmq_job_count Number of jobs in the queue by state',
  '# TYPE bullmq_job_count gauge',
  'bullmq_job_count{queue="spotify", state="waiting"} 3',
  'bullmq_job_count{queue="spotify", state="active"} 1',
  '# HELP bullmq_job_completed_total Total number of completed jobs',
  '# TYPE bullmq_job_completed_total counter',
  'bullmq_job_completed_total{queue="spotify"} 7',
].join('\n');
const bullmqDefault = bullmqSpotify.replace(/spotify/g, 'default');

describe('mergePrometheusText', () => {
  it('keeps one HELP and TYPE per family and groups the samples of every input', () => {
    const merged = mergePrometheusText(bullmqSpotify, bullmqDefault);
    expect(merged.match(/# HELP bullmq_job_count /g)).toHaveLength(1);
    expect(merged.match(/# TYPE bullmq_job_completed_total /g)).toHaveLength(1);
    const families = parsePrometheusText(merged, { strict: true });
    const count = families.find((f) => f.name === 'bullmq_job_count');
    expect(count?.samples.map((s) => `${s.labels.queue}/${s.labels.state}=${s.value}`)).toEqual([
      'spotify/waiting=3',
      'spotify/active=1',
      'default/waiting=3',
      'default/active=1',
    ]);
  });

  it('drops a series given twice', () => {
    const merged = mergePrometheusText(bullmqSpotify, bullmqSpotify);
    expect(merged.match(/bullmq_job_count\{queue="spotify",state="waiting"\}/g)).toHaveLength(1);
  });
});

describe('parsePrometheusText (strict)', () => {
  it('refuses a second TYPE line, interleaved families and duplicate series', () => {
    expect(() => parsePrometheusText(`${bullmqSpotify}\n${bullmqDefault}`, { strict: true })).toThrow(PrometheusParseError);
    expect(() => parsePrometheusText('a 1\nb 2\na{x="1"} 3', { strict: true })).toThrow(/not contiguous/);
    expect(() => parsePrometheusText('a 1\na 2', { strict: true })).toThrow(/twice/);
  });

  it('reads histograms, escaped label values and special values', () => {
    const text = [
      '# HELP h_seconds A histogram',
      '# TYPE h_seconds histogram',
      'h_seconds_bucket{le="0.1",route="/a\\"b"} 1',
      'h_seconds_bucket{le="+Inf",route="/a\\"b"} 2',
      'h_seconds_sum{route="/a\\"b"} 0.3',
      'h_seconds_count{route="/a\\"b"} 2',
      'g NaN',
      'h2 Nan',
    ].join('\n');
    const [h, g, h2] = parsePrometheusText(text, { strict: true });
    expect(Number.isNaN(h2.samples[0].value)).toBe(true);
    expect(formatPrometheusText([h2])).toBe('h2 NaN\n');
    expect(h.type).toBe('histogram');
    expect(h.samples).toHaveLength(4);
    expect(h.samples[0].labels.route).toBe('/a"b');
    expect(Number.isNaN(g.samples[0].value)).toBe(true);
    expect(parsePrometheusText(formatPrometheusText([h]), { strict: true })[0]).toEqual(h);
  });

  it('refuses malformed lines', () => {
    expect(() => parsePrometheusText('x{a=1} 2')).toThrow(PrometheusParseError);
    expect(() => parsePrometheusText('x{a="1"} two')).toThrow(/bad sample value/);
    expect(() => parsePrometheusText('9x 1')).toThrow(/bad metric name/);
  });
});
