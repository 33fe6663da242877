/**
 * Frees memory in Redis after a write was refused for lack of it (e.g. the search cache giving its space back:
 * `@albumboard/search-cache`'s `shedSearchCache`). Resolves to the bytes it freed (0: nothing to free).
 */
export type MemoryRelief = () => Promise<number>;

/**
 * True when Redis refused a command because `used_memory` is over `maxmemory` under `noeviction`
 * (`OOM command not allowed when used memory > 'maxmemory'`), also when it was a command inside a Lua script
 * (BullMQ's) and the reply quotes it. Reads, `DEL` and `UNLINK` still work in that state.
 */
export function isOutOfMemoryError(error: unknown): boolean {
  return error instanceof Error && error.message.includes('OOM command not allowed');
}

/**
 * Runs `attempt`; if Redis refuses it for lack of memory and `relieve` frees some, runs it once more. Any other failure,
 * a second refusal, or nothing freed is thrown as is. For writes that must go through when Redis is full: queue adds
 * (a search or a rating should not fail because the cache filled the server).
 */
export async function retryOnceAfterOutOfMemory<T>(attempt: () => Promise<T>, relieve: MemoryRelief | undefined): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!relieve || !isOutOfMemoryError(error)) throw error;
    if ((await relieve().catch(() => 0)) <= 0) throw error;
    return attempt();
  }
}
