import type { EmulatorStats } from '@albumboard/spotify-emulator';

/** Polls the emulator's `inWindow` (requests accepted in the last 30 s) every `intervalMs`. */
export interface StatsSampler {
  stop(): { samples: number[]; max: number; meanOfFullWindows: number };
}

export function sampleInWindow(stats: () => EmulatorStats, intervalMs = 1000, windowMs = 30_000): StatsSampler {
  const startedAt = Date.now();
  const samples: { at: number; inWindow: number }[] = [];
  const timer = setInterval(() => samples.push({ at: Date.now() - startedAt, inWindow: stats().inWindow }), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const values = samples.map((s) => s.inWindow);
      const full = samples.filter((s) => s.at >= windowMs).map((s) => s.inWindow);
      const mean = full.length ? full.reduce((a, b) => a + b, 0) / full.length : 0;
      return { samples: values, max: Math.max(0, ...values), meanOfFullWindows: Math.round(mean * 10) / 10 };
    },
  };
}
