/**
 * One node's task store on a shared database, for the tests that run two of them: the store
 * with the table's records and the database's relay, and a `stop` that ends its lifetime as a
 * server would and waits for its close.
 *
 * @module
 */
import { systemClock } from "../../clock.ts";
import { type Database, relayFor } from "../../storage/mod.ts";
import { TaskRecords } from "../../tasks/mod.ts";
import { TaskStore, type TaskStoreOptions } from "../task_store.ts";

/** A task's failure as the wire would carry an unknown error. */
export const toError = (error: unknown) => ({ code: -32603, message: String(error) });

/** A node's task store on `db` (options override the defaults), and how to stop it. */
export function taskNode(
  db: Database,
  options: Partial<TaskStoreOptions> = {},
): { tasks: TaskStore; stop: () => Promise<void> } {
  const lifetime = new AbortController();
  const tasks = new TaskStore({
    clock: systemClock,
    lifetime: lifetime.signal,
    records: new TaskRecords(db),
    relay: relayFor(db),
    onError: (error) => console.error(error),
    ...options,
  });
  return {
    tasks,
    stop: async () => {
      lifetime.abort(new Error("server stops"));
      await tasks.close();
    },
  };
}
