/**
 * Taking a PostgreSQL advisory lock inside a transaction (`Database.lock` on PostgreSQL), the
 * caller's turn kept while the lock is free and given back only while it waits for a holder.
 *
 * @module
 */
import type postgres from "postgres";
import { awayFromTurn } from "../turn_away.ts";
import { LOCK_SQL, TRY_LOCK_SQL } from "./postgres_values.ts";

/** A wait inside a transaction ends holding its pooled connection: it goes on at once. */
const GO_ON_AT_ONCE = { goOnAtOnce: () => true };

/**
 * Takes the advisory lock of `key` (keys are per schema) on the transaction `tx`, held until
 * it ends; waits while another transaction holds it.
 */
export async function takeAdvisoryLock(tx: postgres.TransactionSql, key: string): Promise<void> {
  // Keys are per schema: two deployments (or tests) in one database do not wait on each other.
  // A free lock (the usual case) is taken keeping the turn, as the transaction's other calls
  // do: giving it back would hold this transaction and its row locks open until a turn frees.
  const [tried] = await tx.unsafe<{ taken: boolean }[]>(TRY_LOCK_SQL, [key]);
  if (tried?.taken === true) return;
  // Waiting for another holder uses no CPU here: the request's turn goes back meanwhile. Taken
  // (or failed), it goes on at once: its connection and row locks are what others wait for.
  await awayFromTurn(async () => await tx.unsafe(LOCK_SQL, [key]), GO_ON_AT_ONCE);
}
