/**
 * Runs `fn` with `process.exit` turned into a thrown `Error('exit <code>')` and stderr captured (jest's spies), so a
 * test can watch code that prints one line and exits. Both are restored afterwards.
 */
export function withInterceptedExit(fn: (stderr: jest.SpyInstance) => void): void {
  const exit = jest.spyOn(process, 'exit').mockImplementation(((code: number) => {
    throw new Error(`exit ${code}`);
  }) as never);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    fn(stderr);
  } finally {
    exit.mockRestore();
    stderr.mockRestore();
  }
}
