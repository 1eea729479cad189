/**
 * The in-place answer of a connection (`Connection.exchange`, moved out of `connection.ts` as it
 * was): one decoded message dispatched for a transport that answers it where it came in
 * (Streamable HTTP), under the connection's limits and turns like any other message, its reply
 * resolved rather than sent.
 *
 * @module
 */
import type { Session } from "../../sessions/mod.ts";
import { holdingTurn } from "../../turn_away.ts";
import type { DispatchReply } from "../rpc/dispatcher_options.ts";
import type { NotificationSink } from "../rpc/handler_invoker.ts";
import { isCancelNotification, requestCount } from "./admission.ts";
import type { Claim } from "./claim.ts";
import type { ConnectionDeps } from "./connection_options.ts";
import { cancelledRequestId, type MessageTurns } from "./waiting_message.ts";

/** What {@linkcode exchange} needs of its connection: its private parts, lent for one call. */
export interface ExchangeHost {
  readonly session: Session;
  readonly deps: ConnectionDeps;
  readonly turns: MessageTurns;
  /** Why `value` may not run now (an answer, or undefined for none); null when it may. */
  refusal(value: unknown): DispatchReply | null;
  /** A message of `cost` requests admitted. */
  begin(cost: number): void;
  /** The message of `cost` requests holding `claim` is answered (or failed). */
  end(cost: number, claim: Claim): void;
  /** True when the message starting now is the connection's only one (see `connection.ts`). */
  alone(): boolean;
}

/** What the client side of one {@linkcode exchange} brings. */
export interface ExchangeOptions {
  /** Receives the notifications sent before the reply. */
  notify?: NotificationSink;
  /** Cancels the message's calls (the HTTP client went away). */
  signal?: AbortSignal;
}

/**
 * Dispatches one decoded `message` on `host`'s connection and resolves to its reply (see the
 * module documentation).
 */
export function exchange(
  host: ExchangeHost,
  message: unknown,
  options: ExchangeOptions,
): Promise<DispatchReply> {
  const { notify, signal } = options;
  host.session.lastSeen = host.deps.clock.now();
  const urgent = isCancelNotification(message);
  if (urgent) host.turns.cancel(cancelledRequestId(message));
  const refused = host.refusal(message);
  if (refused !== null) return Promise.resolve(refused);
  const cost = requestCount(message);
  host.begin(cost);
  const run = (value: unknown, claim: Claim) => {
    const answer = async () => {
      const reply = await host.deps.dispatcher.handleValue(value, host.session, notify, signal);
      // A shared session's changes go back to the store before the answer leaves.
      await host.deps.sessions.persist(host.session);
      return reply;
    };
    return host.alone() ? answer() : holdingTurn(claim, answer);
  };
  const claim = host.turns.enter(urgent);
  if (claim !== undefined) return ended(host, run(message, claim), { cost, claim });
  return new Promise<DispatchReply>((resolve, reject) =>
    host.turns.queue(message, cost, {
      // The client left while it waited: nothing runs for it (its batch reads -32800).
      start: (value, cost, claim) =>
        ended(host, signal?.aborted ? Promise.resolve(undefined) : run(value, claim), {
          cost,
          claim,
        }).then(resolve, reject),
      // Cancelled: no answer here (mcp_http_reply.ts answers the POSTed request -32800).
      dropped: resolve,
    })
  );
}

/** `work`, whose message's accounting (`cost` requests holding `claim`) ends with it. */
function ended<T>(
  host: ExchangeHost,
  work: Promise<T>,
  message: { cost: number; claim: Claim },
): Promise<T> {
  const end = () => host.end(message.cost, message.claim);
  work.then(end, end);
  return work;
}
