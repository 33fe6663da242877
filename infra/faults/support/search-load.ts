import { call, type Answer } from './http-client';
import { sleep } from './ports';

export interface RecordedAnswer extends Answer {
  phase: string;
  at: number;
  fresh: boolean;
}

/** Artists the emulator knows; repeated searches of them are mostly cache hits. */
const WARM = ['Taylor Swift', 'Radiohead', 'Beyoncé', 'Kendrick Lamar', 'Arctic Monkeys', 'Miles Davis', 'Daft Punk', 'The Beatles', 'Pink Floyd', 'SZA', 'The Weeknd', 'Kanye West'];

/** Unique generated artist names: each one is a cache miss, so a Spotify call through worker-spotify. */
export class FreshNames {
  private next = 1;
  constructor(private readonly base: number) {}
  take(): string {
    const n = this.base + this.next;
    this.next += 1;
    return `Generated Artist ${String(n).padStart(4, '0')}`;
  }
}

/**
 * Steady search load: `clients` concurrent loops, each a distinct client address (X-Forwarded-For, trusted from
 * loopback), mixing cached searches with fresh ones (`freshShare`). Every answer is recorded with the phase it fell in.
 */
export class SearchLoad {
  readonly answers: RecordedAnswer[] = [];
  /** Start times of every search, answered or still in flight. */
  private readonly starts: number[] = [];
  private phase = 'warm-up';
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(private readonly apiUrl: string, private readonly fresh: FreshNames, private readonly options = { clients: 3, pauseMs: 150, freshShare: 0.2 }) {}

  setPhase(phase: string): void {
    this.phase = phase;
  }

  /** The share of fresh (cache-missing) searches in the load from now on. */
  setFreshShare(share: number): number {
    const previous = this.options.freshShare;
    this.options.freshShare = share;
    return previous;
  }

  start(): void {
    this.running = true;
    this.loops = Array.from({ length: this.options.clients }, (_, i) => this.loop(i));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** One search by this suite (not the load), recorded the same way. */
  async search(query: string, client = '10.9.0.1', fresh = true): Promise<RecordedAnswer> {
    const phase = this.phase;
    const at = Date.now();
    this.starts.push(at);
    const answer = await call(`${this.apiUrl}/api/v1/search?query=${encodeURIComponent(query)}`, { headers: { 'X-Forwarded-For': client } });
    const recorded = { ...answer, phase, at, fresh: fresh && !answer.cached };
    this.answers.push(recorded);
    return recorded;
  }

  /** Searches started since `at` that may have cost a Spotify call: all of them but the cache hits. */
  callsSince(at: number): number {
    return this.starts.filter((t) => t >= at).length - this.answers.filter((a) => a.at >= at && a.cached).length;
  }

  inPhase(phase: string): RecordedAnswer[] {
    return this.answers.filter((a) => a.phase === phase);
  }

  private async loop(client: number): Promise<void> {
    while (this.running) {
      const fresh = Math.random() < this.options.freshShare;
      const query = fresh ? this.fresh.take() : WARM[Math.floor(Math.random() * WARM.length)]!;
      await this.search(query, `10.0.0.${client + 1}`, fresh);
      await sleep(this.options.pauseMs);
    }
  }
}
