/**
 * The session a modern request runs in on a connection (`eras.ts`): a fresh one that no registry
 * holds, so it cannot see nor change what earlier requests left behind (an active persona) and
 * counts against no session limit, yet tied to the connection's session: a
 * `notifications/cancelled` naming the request, or the connection closing, stops it; the MCP
 * tasks it starts belong to the connection's session (`Session.taskOwner`); its open
 * `subscriptions/listen` requests end when the connection's input does.
 *
 * @module
 */
import { CancelRequest, type RequestId, Session } from "../../sessions/mod.ts";

/** The method whose requests stay open until the client or the server ends them. */
export const LISTEN_METHOD = "subscriptions/listen";

/** Why a subscription ended when its input closed or the server stopped (a graceful end). */
export class SubscriptionEnded extends Error {
  override name = "SubscriptionEnded";
}

/** One modern request's own session, open until {@linkcode StatelessRun.finish}. */
export interface StatelessRun {
  /** The session the request runs in. */
  readonly session: Session;
  /** Unties the request from the connection's session and closes its own. */
  finish(): void;
}

/** Opens modern requests' sessions and keeps each connection session's open listens. */
export class StatelessSessions {
  /** The open `subscriptions/listen` requests of each connection session. */
  readonly #listens = new WeakMap<Session, Set<AbortController>>();

  /**
   * Opens the session `request` runs in, tied to `parent` (the connection's session); the caller
   * calls `finish` once the request is answered.
   */
  open(request: { id: RequestId; method: string }, parent: Session): StatelessRun {
    // Its tasks belong to the connection's session (or to what that session was given).
    // It is the connection's client's too (its listens count against MAX_LISTENS_PER_CLIENT).
    const own = new Session("stateless", undefined, undefined, {
      owner: parent.taskOwner,
      client: parent.client,
    });
    // Registered in the connection's session: a cancel naming the id, or the connection closing,
    // aborts it, and the abort is passed on to the request's own session.
    const link = parent.track(request.id);
    const listens = this.#listensOf(parent);
    if (request.method === LISTEN_METHOD) listens.add(link);
    const passOn = () => {
      const reason: unknown = link.signal.reason;
      if (reason instanceof CancelRequest) {
        own.cancel(request.id, reason.message, { reply: reason.reply });
      } else own.close(reason instanceof Error ? reason.message : "connection closed");
    };
    link.signal.addEventListener("abort", passOn, { once: true });
    return {
      session: own,
      finish() {
        link.signal.removeEventListener("abort", passOn);
        listens.delete(link);
        parent.untrack(link);
        own.close("request finished");
      },
    };
  }

  /**
   * Ends the open subscriptions of `session` gracefully (each gets its closing result): its
   * input ended, and a subscription would otherwise keep it open forever.
   */
  endSubscriptions(session: Session, reason = "input closed"): void {
    const listens = this.#listens.get(session);
    if (!listens) return;
    for (const link of listens) link.abort(new SubscriptionEnded(reason));
    listens.clear();
  }

  #listensOf(session: Session): Set<AbortController> {
    let listens = this.#listens.get(session);
    if (!listens) {
      listens = new Set();
      this.#listens.set(session, listens);
    }
    return listens;
  }
}
