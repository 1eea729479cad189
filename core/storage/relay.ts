/**
 * Messages between the nodes of one PostgreSQL deployment (`pg_notify` on
 * {@linkcode RELAY_CHANNEL}, heard through the LISTEN connection the change stamps use): what one
 * node must tell the node doing some work now, such as "stop the request 7 of session S" or "stop
 * task T". Delivery is best effort: a node whose listening connection is down misses what is sent
 * meanwhile, so a sender that needs a guarantee also writes what it asks into a row that the
 * worker reads again (a task's `cancel_requested`). SQLite has one node: no relay.
 *
 * @module
 */
import type { Database } from "./database.ts";

/** The channel relayed messages travel on; the payload is a JSON object. */
export const RELAY_CHANNEL = "persona_mcp_relay";

/** Longest payload sent (PostgreSQL's NOTIFY takes less than 8000 bytes). */
export const MAX_PAYLOAD_BYTES = 7_900;

/** A message to every node (including the sender). */
export type RelayMessage = Record<string, unknown> & { kind: string };

/** Sends and hears relayed messages. */
export interface Relay {
  /** Sends `message` to every node. */
  send(message: RelayMessage): Promise<void>;
  /** Calls `handler` with each message any node sends, from now on. */
  on(handler: (message: RelayMessage) => void): void;
}

/** The relay over `db`; undefined on SQLite (one node) or where the database cannot listen. */
export function relayFor(db: Database): Relay | undefined {
  const listen = db.listen?.bind(db);
  if (db.dialect !== "postgres" || listen === undefined) return undefined;
  const handlers: Array<(message: RelayMessage) => void> = [];
  let listening: Promise<void> | undefined;
  const hear = (payload: string) => {
    let message: unknown;
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if (typeof message !== "object" || message === null) return;
    if (typeof (message as RelayMessage).kind !== "string") return;
    for (const handler of handlers) handler(message as RelayMessage);
  };
  return {
    async send(message) {
      const payload = JSON.stringify(message);
      // PostgreSQL refuses payloads of 8000 bytes or more: such a message is not sent.
      if (!db.isOpen || new TextEncoder().encode(payload).length > MAX_PAYLOAD_BYTES) return;
      await db.get("SELECT pg_notify(?, ?)", RELAY_CHANNEL, payload);
    },
    on(handler) {
      handlers.push(handler);
      listening ??= listen(RELAY_CHANNEL, hear).catch(() => {
        // No LISTEN (a pooler in transaction mode): senders fall back on what they stored.
      });
    },
  };
}
