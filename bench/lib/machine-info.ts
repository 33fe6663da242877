import os from 'node:os';

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
  date: string;
  /** 1-minute load average when the run started: above the CPU count, other work competed for the CPUs. */
  loadAverage1m: number;
  /** The same when the run ended. */
  loadAverage1mAtEnd?: number;
}

/** `info` with the load average at the end of the run added. */
export function withEndLoad(info: MachineInfo): MachineInfo {
  return { ...info, loadAverage1mAtEnd: Math.round(os.loadavg()[0] * 100) / 100 };
}

export function machineInfo(): MachineInfo {
  return {
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
  };
}
