import type { SpotifyMethodArgsInput, SpotifyMethodName, SpotifyMethodResult } from '@albumboard/queue-contracts';

export interface CallOptions {
  /** How long the caller waits in total (default: the caller's `defaultTimeoutMs`). Also the job's deadline. */
  timeoutMs?: number;
  /** BullMQ priority of the `spotify.call` job (lower runs first); see SpotifyPriority. */
  priority?: number;
  /** The API request id, carried into the worker's logs. */
  requestId?: string;
  /**
   * Who the call is for (the identity the api's per-client limits use): while calls wait for the budget, clients are
   * served in turn. Calls without one share one anonymous turn.
   */
  client?: string;
}

/** What every caller (api, worker-default, bench) uses to call Spotify: through the worker or directly. */
export interface SpotifyCaller {
  call<M extends SpotifyMethodName>(method: M, args: SpotifyMethodArgsInput<M>, options?: CallOptions): Promise<SpotifyMethodResult<M>>;
  close(): Promise<void>;
  /**
   * Calls so far that joined an identical call already in flight in this process, by method. Only a caller that
   * coalesces (the worker proxy: identical calls share one job) has it.
   */
  coalescedCalls?(): Readonly<Partial<Record<SpotifyMethodName, number>>>;
  /**
   * Reports the stages of each call this caller times itself, in seconds: `enqueue` (from the call to its job being in
   * the queue: worker check, admission, add) and `result_delivery` (from the job's completion to its result reaching
   * this process). Only the worker proxy has it; the stages in between are timed by worker-spotify.
   */
  observeStages?(listener: (stage: CallerStage, seconds: number) => void): void;
}

/** The stages of a Spotify call its caller times (see `SpotifyCaller.observeStages`). */
export type CallerStage = 'enqueue' | 'result_delivery';
