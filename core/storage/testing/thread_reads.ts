/**
 * Test support: the bytes this thread reads from files (`rchar` of /proc/thread-self/io), which
 * tells whether a query read a big value from the file, whatever runs beside it and however
 * loaded the machine is (no timing).
 *
 * @module
 */

/** Bytes this thread has read so far (any file), or undefined where /proc/thread-self/io is not. */
export function bytesRead(): number | undefined {
  try {
    const io = Deno.readTextFileSync("/proc/thread-self/io");
    return Number(/^rchar: (\d+)$/m.exec(io)?.[1]);
  } catch {
    return undefined;
  }
}

/** The bytes this thread read from files while `work` ran. */
export async function readBy(work: () => Promise<unknown>): Promise<number> {
  const before = bytesRead()!;
  await work();
  return bytesRead()! - before;
}
