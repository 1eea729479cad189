/**
 * A request's tracking, ended once its handler answered: the pieces of `handler_invoker.ts` that
 * tie a request's cancellation to its session, the server's lifetime and the caller's signal.
 *
 * @module
 */
import type { Session } from "../../sessions/session.ts";
import type { RunningEntry, RunningRequests } from "./running_requests.ts";

/**
 * One tracked request's end: what `HandlerInvoker.invoke` (handler_invoker.ts) undoes once its
 * handler answered (a class: the answer made at once needs no closure).
 */
export class Tracked {
  constructor(
    readonly running: RunningRequests,
    readonly entry: RunningEntry,
    readonly session: Session,
    readonly controller: AbortController,
    readonly outer: AbortSignal | undefined,
    readonly abortFromOutside: (() => void) | undefined,
  ) {}

  /** Stops tracking the request (it answered or failed). */
  end(): void {
    if (this.outer !== undefined) this.outer.removeEventListener("abort", this.abortFromOutside!);
    this.running.delete(this.entry);
    this.session.untrack(this.controller);
  }

  /** Ends the tracking once `result` settles; resolves (or rejects) as it does. */
  async endAfter<R>(result: Promise<R>): Promise<R> {
    try {
      return await result;
    } finally {
      this.end();
    }
  }
}

/** Aborts `controller` when `outer` aborts (now, if it has); returns the listener added. */
export function abortWith(controller: AbortController, outer: AbortSignal): () => void {
  const abort = () => controller.abort(outer.reason);
  outer.addEventListener("abort", abort, { once: true });
  if (outer.aborted) abort();
  return abort;
}
