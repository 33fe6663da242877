import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProcessSupervisor, type SupervisedProcess } from '../src/process-supervisor';

const node = process.execPath;
/** A process that runs until SIGTERM, then exits 0. */
const longRunning = (name: string): SupervisedProcess => ({
  name,
  command: node,
  args: ['-e', "process.on('SIGTERM',()=>process.exit(0));setInterval(()=>{},1000);console.log('up')"],
});

/** A temporary file the children append lines to; `ready(name)` resolves once `name` wrote `<name> ready` there. */
function journal() {
  const file = path.join(os.tmpdir(), `supervisor-test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.log`);
  fs.writeFileSync(file, '');
  const lines = () => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const append = (line: string) => `require('fs').appendFileSync(${JSON.stringify(file)}, ${JSON.stringify(`${line}\n`)})`;
  const ready = (name: string) => async () => {
    while (!lines().includes(`${name} ready`)) await new Promise((r) => setTimeout(r, 20));
  };
  return { lines, append, ready, remove: () => fs.rmSync(file, { force: true }) };
}

function quiet() {
  const lines: string[] = [];
  return { lines, options: { prefixOutput: true, graceMs: 2000, log: (l: string) => lines.push(l) } };
}

describe('ProcessSupervisor', () => {
  it('stops every process and exits non-zero when one dies', async () => {
    const { lines, options } = quiet();
    const sup = new ProcessSupervisor(options);
    await sup.start([longRunning('a'), longRunning('b'), { name: 'dies', command: node, args: ['-e', 'setTimeout(()=>process.exit(3),300)'] }]);
    await expect(sup.done).resolves.toBe(3);
    expect(lines.join('\n')).toContain('dies exited with code 3; stopping the stack');
  });

  it('stops cleanly with 0 on request', async () => {
    const { options } = quiet();
    const sup = new ProcessSupervisor(options);
    await sup.start([longRunning('a'), longRunning('b')]);
    await expect(sup.stop()).resolves.toBe(0);
  });

  it('kills a process that ignores SIGTERM after the grace period and reports failure', async () => {
    const { lines, options } = quiet();
    const j = journal();
    const sup = new ProcessSupervisor({ ...options, graceMs: 300 });
    await sup.start([
      { name: 'stubborn', command: node, args: ['-e', `process.on('SIGTERM',()=>{});${j.append('stubborn ready')};setInterval(()=>{},1000)`], ready: j.ready('stubborn') },
    ]);
    await expect(sup.stop()).resolves.not.toBe(0);
    expect(lines.join('\n')).toContain('stubborn did not stop');
    j.remove();
  });

  it('does not start later processes when one is never ready', async () => {
    const { lines, options } = quiet();
    const sup = new ProcessSupervisor(options);
    await sup.start([
      { ...longRunning('first'), ready: () => Promise.reject(new Error('no answer')) },
      { name: 'second', command: node, args: ['-e', 'process.exit(9)'] },
    ]);
    await expect(sup.done).resolves.toBe(1);
    expect(lines.join('\n')).toContain('first did not become ready: no answer');
    expect(lines.join('\n')).not.toContain('second');
  });

  it('stops a stopAfterOthers process only after the others have exited', async () => {
    const { options } = quiet();
    const j = journal();
    const sup = new ProcessSupervisor(options);
    const recorder = (name: string, exitDelayMs: number): SupervisedProcess => ({
      name,
      command: node,
      args: ['-e', `process.on('SIGTERM',()=>setTimeout(()=>{${j.append(`${name} stopped`)};process.exit(0)},${exitDelayMs}));${j.append(`${name} ready`)};setInterval(()=>{},1000)`],
      ready: j.ready(name),
    });
    await sup.start([{ ...recorder('database', 0), stopAfterOthers: true }, recorder('app', 300)]);
    await expect(sup.stop()).resolves.toBe(0);
    expect(j.lines().filter((line) => line.endsWith('stopped'))).toEqual(['app stopped', 'database stopped']);
    j.remove();
  });
});
