/**
 * Deadlines of one model call: a whole-call timeout and an idle watch for streams, both aborting
 * one controller whose reason says which limit was hit.
 *
 * @module
 */
import { abortReason } from "../errors.ts";

/** Options of {@linkcode withDeadline}. */
export interface DeadlineOptions {
  /** The caller's signal: its abort cancels the call. */
  outer?: AbortSignal;
  timeoutMs: number;
  /** The reason given when `timeoutMs` runs out. */
  onTimeout: () => Error;
}

/** Runs `work` with a controller that aborts on `outer`, after `timeoutMs`, or when told to. */
export async function withDeadline<T>(
  options: DeadlineOptions,
  work: (controller: AbortController) => Promise<T>,
): Promise<T> {
  const { outer, timeoutMs, onTimeout } = options;
  const controller = new AbortController();
  // A domain reason (e.g. "the conversation was ended") is kept; anything else is a cancel.
  const forward = () => controller.abort(abortReason(outer!));
  if (outer?.aborted) forward();
  outer?.addEventListener("abort", forward, { once: true });
  const timer = setTimeout(() => controller.abort(onTimeout()), timeoutMs);
  try {
    return await work(controller);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", forward);
  }
}

/** A timer that aborts unless touched often enough. */
export interface IdleWatch {
  /** Something arrived: the silence starts again. */
  touch(): void;
  stop(): void;
}

/**
 * Aborts `controller` with `reason()` after `ms` without a `touch()`. A touch only notes the
 * time (it comes with every streamed token): the one timer, when it fires, looks at how long
 * the stream has really been silent and waits the rest.
 */
export function idleWatch(
  controller: AbortController,
  limit: { ms: number; reason: () => Error },
): IdleWatch {
  let last = performance.now();
  const check = () => {
    const silent = performance.now() - last;
    if (silent >= limit.ms) controller.abort(limit.reason());
    else timer = setTimeout(check, limit.ms - silent);
  };
  let timer = setTimeout(check, limit.ms);
  return {
    touch() {
      last = performance.now();
    },
    stop: () => clearTimeout(timer),
  };
}
