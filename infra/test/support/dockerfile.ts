import dockerignore from '@balena/dockerignore';
import { DockerfileParser, type Instruction as AstInstruction } from 'dockerfile-ast';

/** A Dockerfile read with dockerfile-ast (the parser of the Docker language server), in the shape the rule checks use. */

export interface Instruction {
  keyword: string;
  /** The arguments as written, flags first (`--from=builder /prod/api ./`), continuation lines joined. */
  args: string;
  line: number;
}

export interface Stage {
  /** The image or earlier stage it starts from (ARG references left as written). */
  from: string;
  name?: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  instructions: Instruction[];
  stages: Stage[];
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Record<string, string>;
}

function instructionOf(ast: AstInstruction): Instruction {
  const flags = 'getFlags' in ast && typeof ast.getFlags === 'function' ? (ast.getFlags() as Array<{ toString(): string }>).map((flag) => flag.toString()) : [];
  // Continuation lines joined as Docker joins them: the escape and line break dropped, comment lines inside skipped.
  const raw = (ast.getRawArgumentsContent() ?? '')
    .split(/\r?\n/)
    .filter((line) => !/^\s*#/.test(line))
    .map((line) => line.replace(/\\\s*$/, ''))
    .join(' ');
  const args = [...flags, raw].join(' ').replace(/\s+/g, ' ').trim();
  return { keyword: ast.getKeyword(), args, line: ast.getRange().start.line + 1 };
}

export function parseDockerfile(text: string): Dockerfile {
  const ast = DockerfileParser.parse(text);
  const instructions = ast.getInstructions().map(instructionOf);
  const stages: Stage[] = [];
  const globalArgs: Record<string, string> = {};
  for (const from of ast.getFROMs()) stages.push({ from: from.getImage() ?? '', name: from.getBuildStage() ?? undefined, instructions: [] });
  let stage = -1;
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') stage += 1;
    else if (stage >= 0) stages[stage].instructions.push(ins);
    else if (ins.keyword === 'ARG') {
      const [name, value = ''] = ins.args.split('=');
      globalArgs[name] = value;
    } else throw new Error(`line ${ins.line}: ${ins.keyword} before the first FROM`);
  }
  return { instructions, stages, globalArgs };
}

/** The JSON array of an exec-form instruction, or null when it is in shell form. */
export function execForm(args: string): string[] | null {
  if (!args.startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((p) => typeof p === 'string') ? (parsed as string[]) : null;
  } catch {
    return null;
  }
}

export interface Healthcheck {
  options: Record<string, string>;
  command: string[] | null;
}

/** `HEALTHCHECK --interval=30s ... CMD [...]` → options and the exec-form command. */
export function parseHealthcheck(args: string): Healthcheck {
  const options: Record<string, string> = {};
  let rest = args;
  for (;;) {
    const m = /^--([a-z-]+)=(\S+)\s+/.exec(rest);
    if (!m) break;
    options[m[1]] = m[2];
    rest = rest.slice(m[0].length);
  }
  const cmd = /^CMD\s+(.*)$/.exec(rest);
  return { options, command: cmd ? execForm(cmd[1]) : null };
}

/** The last instruction of `keyword` in a stage. */
export const last = (stage: Stage, keyword: string): Instruction | undefined =>
  [...stage.instructions].reverse().find((i) => i.keyword === keyword);

export const all = (stage: Stage, keyword: string): Instruction[] => stage.instructions.filter((i) => i.keyword === keyword);

/** `ENV A=1 B=2` instructions of a stage merged into one map. */
export function stageEnv(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const ins of all(stage, 'ENV')) {
    for (const m of ins.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) env[m[1]] = m[2].replace(/^"|"$/g, '');
  }
  return env;
}

/** Whether Docker leaves `file` out of the build context under these .dockerignore patterns (@balena/dockerignore: Docker's own matching rules, `!` exceptions, last match wins). */
export function isDockerIgnored(patterns: string[], file: string): boolean {
  return dockerignore({ ignorecase: false }).add(patterns).ignores(file);
}

export const dockerignorePatterns = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
