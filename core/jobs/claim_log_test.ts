/**
 * `ClaimLog` on its own: a busy database's failed claims are warned once per episode (a second
 * episode after claims worked again is warned again), and the "again" line follows only a
 * warning (an outage's polls, logged by the storage layer, are at debug and end silently).
 *
 * @module
 */
import assert from "node:assert/strict";
import { Busy, StorageUnavailable } from "../errors.ts";
import { createLogger } from "../log.ts";
import { ClaimLog } from "./claim_log.ts";

/** A claim log writing its lines at INFO and above to `lines`. */
function logged() {
  const lines: string[] = [];
  const claims = new ClaimLog(createLogger("info", { write: (line) => lines.push(line) }));
  /** The lines so far, level and message only. */
  const said = () =>
    lines.map((line) => line.split(" ").slice(1).join(" ").replace(/ \w+=.*$/, ""));
  return { claims, said };
}

const busy = () => new Busy("Database busy: locked", { reason: "database_locked" });

Deno.test("each busy episode is warned once, and its end said once", () => {
  const { claims, said } = logged();
  claims.failed(busy());
  claims.failed(busy());
  claims.claimed();
  claims.failed(busy());
  claims.claimed();
  assert.deepEqual(said(), [
    "WARN Could not claim a job; polls are skipped until the database answers",
    "INFO Claiming jobs again",
    "WARN Could not claim a job; polls are skipped until the database answers",
    "INFO Claiming jobs again",
  ]);
});

Deno.test("an outage's failed claims end without a line: none said they began", () => {
  const { claims, said } = logged();
  claims.failed(new StorageUnavailable(1_000));
  claims.failed(new StorageUnavailable(1_000));
  claims.claimed();
  assert.deepEqual(said(), []);
});
