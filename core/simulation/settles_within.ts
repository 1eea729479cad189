/**
 * A bounded, cancellable wait for any of some promises: how simulation runs wait for cancelled
 * ones to stop.
 *
 * @module
 */

/**
 * Whether one of `promises` settles within `ms` (false past it); rejects with `signal`'s reason
 * when it aborts first.
 */
export async function settlesWithin(
  promises: readonly Promise<unknown>[],
  { ms, signal }: { ms: number; signal?: AbortSignal },
): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race([
      ...promises.map((promise) => promise.then(() => true, () => true)),
      new Promise<boolean>((resolve) => timer = setTimeout(() => resolve(false), ms)),
      new Promise<never>((_, reject) => {
        onAbort = () => reject(signal?.reason);
        signal?.addEventListener("abort", onAbort, { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}
