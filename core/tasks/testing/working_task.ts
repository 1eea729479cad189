/**
 * A task row as `tasks/*` inserts one when it starts: working, nothing told yet. Test code only.
 *
 * @module
 */
import type { TaskRecord } from "../records.ts";

/** A working task `id` of `runner` started at `at` (ms), with `ttlMs` (an hour) to live. */
export function workingTask(
  id: string,
  options: { runner?: string; at: number; ttlMs?: number },
): TaskRecord {
  const { at, ttlMs = 3_600_000 } = options;
  return {
    id,
    runner: options.runner ?? id,
    owner: null,
    status: "working",
    statusMessage: null,
    resultJson: null,
    error: null,
    createdAt: at,
    updatedAt: at,
    expiresAt: at + ttlMs,
    ttlMs,
    pollIntervalMs: 1_000,
    heartbeatAt: at,
    cancelRequested: false,
  };
}
