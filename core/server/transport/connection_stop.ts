/**
 * A connection's stop at a server shutdown (`Connection.stop`, its end moved out of
 * `connection.ts` as it was): the messages running get their replies for a grace period, and
 * the requests still running then are answered -32008 by the connection itself.
 *
 * @module
 */
import type { Session } from "../../sessions/mod.ts";
import { failure } from "../rpc/envelope.ts";
import { shuttingDown, toWireError } from "../rpc/wire_errors.ts";

/** What {@linkcode answerUnsettled} needs of a connection already refusing new messages. */
export interface StoppingConnection {
  /** Resolves once everything received so far is answered. */
  settled(): Promise<void>;
  readonly session: Pick<Session, "inflightIds">;
  /** Sends one message the connection itself produces. */
  send(message: unknown): void;
}

/**
 * Waits up to `graceMs` for `connection`'s messages to be answered (the server's lifetime has
 * cancelled them, so those replies are -32008 too), then answers -32008 for each request still
 * running.
 */
export async function answerUnsettled(
  connection: StoppingConnection,
  graceMs: number,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => timer = setTimeout(resolve, graceMs));
  await Promise.race([connection.settled(), deadline]);
  clearTimeout(timer);
  for (const id of connection.session.inflightIds()) {
    connection.send(failure(id, toWireError(shuttingDown(id)).error));
  }
}
