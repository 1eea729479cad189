/**
 * Counts the timers set and not cleared while `work` runs (tests of timers a server leaves
 * behind: the memory guard's interval is unref'd, so no sanitizer sees it; a stall watch's
 * timeout is cleared before it fires).
 *
 * @module
 */

/** The timer functions watched: `setInterval`/`clearInterval` or `setTimeout`/`clearTimeout`. */
type TimerKind = "Interval" | "Timeout";
type Timer = ReturnType<typeof setTimeout>;
/** `setTimeout` and `setInterval` alike, with the arguments passed on to `run`. */
type SetTimer = (run: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) => Timer;

/**
 * Runs `work` with the `kind` of timer watched (those whose delay `watches` accepts): the ones it
 * left set (cleared now) and the most set at once. A timeout that fired is no longer set.
 */
async function timersLeft(
  kind: TimerKind,
  options: { work: () => Promise<unknown>; watches: (delay?: number) => boolean },
): Promise<{ left: number; peak: number }> {
  const setName = `set${kind}` as const;
  const clearName = `clear${kind}` as const;
  const set = globalThis[setName] as unknown as SetTimer;
  const clear = globalThis[clearName] as typeof clearTimeout;
  const running = new Set<Timer>();
  let peak = 0;
  const watchedSet: SetTimer = (run, delay, ...args) => {
    if (!options.watches(delay)) return set(run, delay, ...args);
    const fired = (...passed: unknown[]) => {
      running.delete(id);
      run(...passed);
    };
    const id: Timer = set(kind === "Timeout" ? fired : run, delay, ...args);
    running.add(id);
    peak = Math.max(peak, running.size);
    return id;
  };
  globalThis[setName] = watchedSet as unknown as typeof setTimeout;
  globalThis[clearName] = ((id?: Timer) => {
    if (id !== undefined) running.delete(id);
    clear(id);
  }) as typeof clearTimeout;
  try {
    await options.work();
  } finally {
    globalThis[setName] = set as unknown as typeof setTimeout;
    globalThis[clearName] = clear;
  }
  const left = running.size;
  for (const id of running) clear(id);
  return { left, peak };
}

/**
 * Runs `work` with `setInterval`/`clearInterval` watched: the intervals it left running (cleared
 * now) and the most that ran at once.
 */
export function intervalsLeft(
  work: () => Promise<unknown>,
): Promise<{ left: number; peak: number }> {
  return timersLeft("Interval", { work, watches: () => true });
}

/**
 * Runs `work` with `setTimeout`/`clearTimeout` watched for timeouts of `delay` ms: how many it
 * left set, neither fired nor cleared (cleared now).
 */
export async function timeoutsLeft(work: () => Promise<unknown>, delay: number): Promise<number> {
  return (await timersLeft("Timeout", { work, watches: (set) => set === delay })).left;
}
