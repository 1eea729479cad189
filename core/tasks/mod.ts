/**
 * The stored state of MCP tasks, shared by every node of a deployment (`records.ts`); running
 * them is the server's (core/server/task_store.ts).
 *
 * @module
 */
export {
  type TaskCleanup,
  type TaskEnd,
  taskMigrations,
  type TaskRecord,
  type TaskRecordOptions,
  TaskRecords,
} from "./records.ts";
