/**
 * Counts the intervals set and not cleared while `work` runs (tests of timers a server leaves
 * behind: the memory guard's interval is unref'd, so no sanitizer sees it).
 *
 * @module
 */

/**
 * Runs `work` with `setInterval`/`clearInterval` watched: the intervals it left running (cleared
 * now) and the most that ran at once.
 */
export async function intervalsLeft(
  work: () => Promise<unknown>,
): Promise<{ left: number; peak: number }> {
  type Timer = ReturnType<typeof setInterval>;
  const running = new Set<Timer>();
  let peak = 0;
  const { setInterval: set, clearInterval: clear } = globalThis;
  globalThis.setInterval = ((...args: Parameters<typeof set>) => {
    const id = set(...args);
    running.add(id);
    peak = Math.max(peak, running.size);
    return id;
  }) as typeof set;
  globalThis.clearInterval = ((id?: Timer) => {
    if (id !== undefined) running.delete(id);
    clear(id);
  }) as typeof clear;
  try {
    await work();
  } finally {
    globalThis.setInterval = set;
    globalThis.clearInterval = clear;
  }
  const left = running.size;
  for (const id of running) clear(id);
  return { left, peak };
}
