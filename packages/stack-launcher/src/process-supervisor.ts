import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

export interface SupervisedProcess {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Runs just before the spawn (e.g. create a data directory). */
  prepare?: () => void;
  /** Resolves when the process is ready to serve; the next process starts after it. */
  ready?: () => Promise<void>;
  /** On shutdown, stop this one only after the others have exited (e.g. the database they use). */
  stopAfterOthers?: boolean;
}

export interface SupervisorOptions {
  prefixOutput: boolean;
  graceMs: number;
  log: (line: string) => void;
}

interface Running {
  spec: SupervisedProcess;
  child: ChildProcess;
  exited: Promise<number>;
}

/**
 * Starts processes in order and keeps them as one unit: if any of them exits on its own, the others are
 * stopped (SIGTERM, then SIGKILL after the grace period) and `run` resolves with a non-zero code.
 * `stop()` (SIGTERM/SIGINT on the launcher) stops all of them and resolves with 0 if they stopped cleanly.
 * Each process runs in its own process group (`detached`), so a terminal's Ctrl-C reaches only the launcher, which
 * then sends each process one SIGTERM; what a process leaves behind in its group is killed when it exits.
 */
export class ProcessSupervisor {
  private readonly running: Running[] = [];
  private stopping = false;
  private resolveDone!: (code: number) => void;
  readonly done = new Promise<number>((resolve) => (this.resolveDone = resolve));

  constructor(private readonly options: SupervisorOptions) {}

  async start(specs: readonly SupervisedProcess[]): Promise<void> {
    for (const spec of specs) {
      if (this.stopping) return;
      this.spawn(spec);
      if (spec.ready) {
        try {
          await Promise.race([spec.ready(), this.done.then(() => undefined)]);
        } catch (err) {
          this.options.log(`${spec.name} did not become ready: ${(err as Error).message}`);
          void this.shutdown(1);
          return;
        }
      }
    }
  }

  /** Stops every process; resolves `done` with 0 when all stopped cleanly. */
  stop(): Promise<number> {
    return this.shutdown(0);
  }

  private spawn(spec: SupervisedProcess): void {
    spec.prepare?.();
    const child = spawn(spec.command, spec.args, { env: spec.env ?? process.env, cwd: spec.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.pipe(spec.name, child.stdout!, process.stdout);
    this.pipe(spec.name, child.stderr!, process.stderr);
    const exited = new Promise<number>((resolve) => {
      child.on('exit', (code, signal) => {
        killGroup(child, 'SIGKILL');
        // Dying of the SIGTERM/SIGINT we sent during a requested stop is a clean stop.
        if (code === null && this.stopping && (signal === 'SIGTERM' || signal === 'SIGINT')) resolve(0);
        else resolve(code ?? (signal ? 128 + (signalNumber(signal) ?? 15) : 1));
      });
      child.on('error', (err) => {
        this.options.log(`${spec.name} could not start: ${err.message}`);
        resolve(1);
      });
    });
    const entry: Running = { spec, child, exited };
    this.running.push(entry);
    void exited.then((code) => {
      if (this.stopping) return;
      this.options.log(`${spec.name} exited with code ${code}; stopping the stack`);
      void this.shutdown(code === 0 ? 1 : code);
    });
  }

  private pipe(name: string, from: NodeJS.ReadableStream, to: NodeJS.WritableStream): void {
    if (!this.options.prefixOutput) {
      from.pipe(to, { end: false });
      return;
    }
    const rl = readline.createInterface({ input: from });
    rl.on('line', (line) => to.write(`${name.padEnd(18)} | ${line}\n`));
  }

  private async shutdown(code: number): Promise<number> {
    if (this.stopping) return this.done;
    this.stopping = true;
    const alive = this.running.filter((r) => isAlive(r.child));
    const codes = [
      ...(await this.terminate(alive.filter((r) => !r.spec.stopAfterOthers))),
      ...(await this.terminate(alive.filter((r) => r.spec.stopAfterOthers))),
    ];
    const clean = codes.every((c) => c === 0);
    const finalCode = code !== 0 ? code : clean ? 0 : 1;
    this.resolveDone(finalCode);
    return finalCode;
  }

  /** SIGTERM to each process of `group` still alive, SIGKILL after the grace period; resolves with their exit codes. */
  private async terminate(group: Running[]): Promise<number[]> {
    for (const r of group) if (isAlive(r.child)) r.child.kill('SIGTERM');
    const timer = setTimeout(() => {
      for (const r of group) {
        if (isAlive(r.child)) {
          this.options.log(`${r.spec.name} did not stop within ${this.options.graceMs} ms; killing it`);
          killGroup(r.child, 'SIGKILL');
        }
      }
    }, this.options.graceMs);
    const codes = await Promise.all(group.map((r) => r.exited));
    clearTimeout(timer);
    return codes;
  }
}

function isAlive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Sends `signal` to the process group of `child` (its own, see `detached`); no-op when the group is gone. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: nothing left in the group.
  }
}

function signalNumber(signal: NodeJS.Signals): number | undefined {
  return ({ SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal];
}
