import { FAULT_KINDS, type FaultKind, type FaultRates } from '../runtime-config';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A deterministic stream of numbers in [0, 1) (pure-rand's xoroshiro128+): same seed, same sequence. */
function createRng(seed: number): () => number {
  const rng = xoroshiro128plus(seed);
  return () => uniformFloat64(rng);
}

/** Seeded fault and latency-jitter decisions (separate streams, so one never shifts the other). */
export class FaultPicker {
  private faultRng: () => number;
  private jitterRng: () => number;

  constructor(private readonly seed: number) {
    this.faultRng = createRng(seed);
    this.jitterRng = createRng(seed ^ 0x9e3779b9);
  }

  /** One draw per accepted request; rates are probabilities of disjoint outcomes (sum ≤ 1). */
  pick(rates: FaultRates): FaultKind | null {
    const draw = this.faultRng();
    let edge = 0;
    for (const kind of FAULT_KINDS) {
      edge += rates[kind];
      if (rates[kind] > 0 && draw < edge) return kind;
    }
    return null;
  }

  /** latencyMs ± jitter (uniform), never negative. */
  latency(latencyMs: number, jitterMs: number): number {
    if (jitterMs <= 0) return latencyMs;
    const offset = (this.jitterRng() * 2 - 1) * jitterMs;
    return Math.max(0, Math.round(latencyMs + offset));
  }

  reseed(): void {
    this.faultRng = createRng(this.seed);
    this.jitterRng = createRng(this.seed ^ 0x9e3779b9);
  }
}
