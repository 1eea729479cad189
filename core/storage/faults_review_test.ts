/**
 * Storage faults (`faults.ts`) no other test pins (mutation review, session 27): a failing disk
 * (SQLite's "disk I/O error") is a fault of its own kind, and a fault tells the client to come
 * back in the five seconds `core/storage/README.md` documents (`Retry-After: 5`).
 *
 * @module
 */
import assert from "node:assert/strict";
import { StorageUnavailable } from "../errors.ts";
import { retryAfterSeconds } from "../server/security/refusals.ts";
import { faultError, FaultState, storageFaultOf } from "./faults.ts";

/** An error as node:sqlite raises it, with `message`. */
function sqliteError(message: string): Error {
  return Object.assign(new Error(message), { code: "ERR_SQLITE_ERROR" });
}

Deno.test("a disk that fails a read or write is an io_error fault (-32009)", () => {
  assert.equal(storageFaultOf(sqliteError("disk I/O error")), "io_error");
  const faults = new FaultState("/data/persona.db");
  const mapped = faults.failed(sqliteError("disk I/O error"));
  assert.ok(mapped instanceof StorageUnavailable);
  assert.equal((mapped.data as { reason: string }).reason, "io_error");
  assert.equal(faults.current, "io_error");
  // Another SQLite error is no fault: passed on as it is.
  const other = sqliteError("no such table: x");
  assert.equal(faults.failed(other), other);
});

Deno.test("a storage fault tells the client to retry in five seconds", () => {
  for (const fault of ["disk_full", "read_only", "io_error"] as const) {
    const error = faultError(fault);
    assert.equal(error.retryAfterMs, 5_000, fault);
    assert.equal((error.data as { retry_after_ms: number }).retry_after_ms, 5_000, fault);
    assert.equal(retryAfterSeconds(error.retryAfterMs), 5, fault);
  }
});
