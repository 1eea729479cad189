/**
 * Memory writes on PostgreSQL that PostgreSQL ends to break a deadlock (or a serialization
 * failure) are run once more, then refused as busy: never an internal error for the client.
 *
 * @module
 */
import { Busy } from "../errors.ts";
import { isTransactionConflict } from "../storage/errors.ts";

/**
 * How long the second run waits: long enough for the transaction that won the deadlock to take
 * the rows it waited for (at once, on our rollback) before we ask for them again — run at once,
 * the second run could win them back and deadlock the same way.
 */
export const RERUN_PAUSE_MS = 25;

/** Waits `ms` milliseconds. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `attempt` (a whole transaction: nothing of a failed one is kept, and it reads afresh)
 * once more when PostgreSQL ended it for a conflict with another transaction (a persona delete
 * through another node waiting for a memory row, say); throws {@linkcode Busy} when the second
 * run conflicts too. Between the runs it waits {@linkcode RERUN_PAUSE_MS} (`options.sleep`: how).
 */
export async function onceMoreOnConflict<T>(
  attempt: () => Promise<T>,
  options: { sleep?: (ms: number) => Promise<void> } = {},
): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!isTransactionConflict(error)) throw error;
  }
  // Tests pass their own `sleep` to see the pause without waiting for it.
  await (options.sleep ?? pause)(RERUN_PAUSE_MS);
  try {
    return await attempt();
  } catch (error) {
    if (!isTransactionConflict(error)) throw error;
    throw new Busy("Memory writes of this persona conflicted with other writes; try again");
  }
}
