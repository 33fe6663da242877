import { ProcessSupervisor, type SupervisedProcess } from './process-supervisor';

const node = process.execPath;
/** A process that runs until SIGTERM, then exits 0. */
const longRunning = (name: string): SupervisedProcess => ({
  name,
  command: node,
  args: ['-e', "process.on('SIGTERM',()=>process.exit(0));setInterval(()=>{},1000);console.log('up')"],
});

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
    const sup = new ProcessSupervisor({ ...options, graceMs: 300 });
    await sup.start([{ name: 'stubborn', command: node, args: ['-e', "process.on('SIGTERM',()=>{});setInterval(()=>{},1000)"] }]);
    await new Promise((r) => setTimeout(r, 300));
    await expect(sup.stop()).resolves.not.toBe(0);
    expect(lines.join('\n')).toContain('stubborn did not stop');
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
});
