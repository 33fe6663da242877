/** The error `run` throws (a test failure when it throws nothing), for assertions on its type and message. */
export function thrownBy(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw, and nothing was thrown');
}
