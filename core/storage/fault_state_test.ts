/**
 * `FaultState` (`faults.ts`) and `describeOpenFailure` (`sqlite_open.ts`) on their own: a
 * success with no fault logs nothing, each fault episode counts its own failed writes, and a
 * storage error met at start keeps its hint in the start-up line.
 *
 * @module
 */
import assert from "node:assert/strict";
import { createLogger } from "../log.ts";
import { faultError, FaultState } from "./faults.ts";
import { describeOpenFailure } from "./sqlite_open.ts";
import { databaseHealth } from "../server/rest/health.ts";
import type { Database } from "./mod.ts";

/** SQLite's error for a full disk, as node:sqlite raises it. */
function diskFull(): Error {
  return Object.assign(new Error("database or disk is full"), { code: "ERR_SQLITE_ERROR" });
}

/** A fault state logging its lines to `lines`. */
function logged() {
  const lines: string[] = [];
  const faults = new FaultState(
    "/data/persona.db",
    createLogger("debug", {
      write: (line) => lines.push(line),
    }),
  );
  return { faults, lines };
}

Deno.test("a write that succeeds with no fault under way logs nothing", () => {
  const { faults, lines } = logged();
  faults.recovered();
  faults.recovered();
  assert.equal(faults.current, null);
  assert.deepEqual(lines, []);
});

Deno.test("each fault episode counts its own failed writes", () => {
  const { faults, lines } = logged();
  faults.failed(diskFull());
  faults.failed(diskFull());
  faults.recovered();
  faults.failed(diskFull());
  faults.recovered();
  const counts = lines.flatMap((line) => line.match(/failed_writes=(\d+)/)?.[1] ?? []);
  assert.deepEqual(counts, ["2", "1"]);
});

Deno.test("a storage error at start keeps its hint beside the file's name", () => {
  const error = describeOpenFailure("/data/persona.db", faultError("disk_full")) as Error;
  assert.match(error.message, /^database \/data\/persona\.db: Storage unavailable: /);
  assert.match(error.message, /\(free space on the disk holding DATA_DIR/);
});

Deno.test("a database that does not answer is down, with no degraded reason beside it", async () => {
  const db = {
    isOpen: true,
    health: () => Promise.resolve({ up: false, degraded: "disk_full" as const }),
  } as unknown as Database;
  assert.deepEqual(await databaseHealth(db), {
    database: "unavailable",
    storage: { status: "down" },
  });
});
