import { execFileSync } from 'node:child_process';
import { read, readYaml } from './repo';

export const RULES_FILE = 'infra/prometheus/albumboard.rules.yml';
export const RULES_TEST_FILE = 'infra/prometheus/albumboard.rules.test.yml';
export const DASHBOARD_FILE = 'infra/grafana/albumboard.json';

export interface Rule {
  record?: string;
  alert?: string;
  expr: string;
}

export function rules(): Rule[] {
  const doc = readYaml<{ groups: Array<{ rules: Rule[] }> }>(RULES_FILE);
  return doc.groups.flatMap((group) => group.rules);
}

/** Every `expr` of every panel target of the Grafana dashboard. */
export function dashboardExprs(): string[] {
  const dashboard = JSON.parse(read(DASHBOARD_FILE)) as { panels: Array<{ targets?: Array<{ expr: string }> }> };
  return dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
}

const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan']);

/**
 * The series names a PromQL expression reads: identifiers outside strings, label matchers, grouping clauses and
 * ranges, that are not functions (followed by `(`) or keywords. Recorded series have a `:` in their name.
 */
export function seriesNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const after = bare.slice((match.index ?? 0) + match[0].length).trimStart();
    if (after.startsWith('(') || KEYWORDS.has(match[0].toLowerCase())) continue;
    names.add(match[0]);
  }
  return [...names].sort();
}

/** The path of `tool` when it is installed, else null. */
export function installed(tool: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
