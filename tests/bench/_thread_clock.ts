/**
 * Main-thread CPU time for the benchmarks: `clock_gettime(CLOCK_THREAD_CPUTIME_ID)` through libc.
 * `Deno.cpuUsage`-style process figures count every thread and a loaded machine moves wall time;
 * the running thread's own clock is exact, so a step's CPU lands in that step. Needs `--allow-ffi`.
 *
 * @module
 */

const CLOCK_THREAD_CPUTIME_ID = 3;

/** A reader of this thread's CPU time so far, in milliseconds. */
export function threadClock(): () => number {
  const libc = Deno.dlopen("libc.so.6", {
    clock_gettime: { parameters: ["i32", "buffer"], result: "i32" },
  });
  const timespec = new BigInt64Array(2);
  const bytes = new Uint8Array(timespec.buffer);
  return () => {
    libc.symbols.clock_gettime(CLOCK_THREAD_CPUTIME_ID, bytes);
    return Number(timespec[0]) * 1e3 + Number(timespec[1]) / 1e6;
  };
}
