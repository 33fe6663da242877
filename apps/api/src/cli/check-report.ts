import type { CheckReport } from './check-runner';

function table(rows: string[][]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  return rows.map((row) => row.map((cell, col) => cell.padEnd(widths[col])).join('  ').trimEnd()).join('\n');
}

/** The report as the terminal shows it: a queue table, one line per check, then the verdict. */
export function renderCheckReport(report: CheckReport): string {
  const out: string[] = [`albumboard check: redis ${report.target.redis}, prefix ${report.target.prefix}, api ${report.target.api}`, ''];
  if (report.queues.length > 0) {
    const rows = [['QUEUE', 'APP', 'WORKERS', 'WAITING', 'ACTIVE', 'DELAYED', 'FAILED', 'PING']];
    for (const q of report.queues) {
      const ping = q.ping === null ? '-' : q.ping.ok ? `${q.ping.roundTripMs.toFixed(0)} ms` : 'no answer';
      rows.push([q.queue, q.app, String(q.workers), String(q.counts.waiting), String(q.counts.active), String(q.counts.delayed), String(q.counts.failed), ping]);
    }
    out.push(table(rows), '');
  }
  out.push(table([['CHECK', 'RESULT', 'DETAIL'], ...report.lines.map((l) => [l.check, l.result.toUpperCase(), l.detail])]), '');
  if (report.ok) out.push('OK: every check passed');
  else out.push(...report.failures);
  return `${out.join('\n')}\n`;
}
