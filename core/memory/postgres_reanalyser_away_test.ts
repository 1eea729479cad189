/**
 * The background re-analysis a search begins holds none of the search's turn
 * (core/turn_away.ts `outsideTurn`): its database waits give nothing of the request back.
 */
import assert from "node:assert/strict";
import type { Database } from "../storage/database.ts";
import { awayFromTurn, holdingTurn } from "../turn_away.ts";
import { loggedClaim } from "../testing/logged_claim.ts";
import { BackgroundReanalysis } from "./postgres_reanalyser.ts";

Deno.test("a re-analysis begun inside a search's request waits on the database outside its turn", async () => {
  // Every call waits away, as PostgresDatabase's calls do, then fails: the pass ends at once.
  const calls: string[] = [];
  const db = new Proxy({ inTransaction: false }, {
    get: (target, key) =>
      key in target ? target[key as keyof typeof target] : (..._args: unknown[]) => {
        calls.push(String(key));
        return awayFromTurn(() => Promise.reject(new Error("no database here")));
      },
  }) as unknown as Database;
  const reanalysis = new BackgroundReanalysis(db);
  const log: string[] = [];
  holdingTurn(loggedClaim(log), () => reanalysis.begin());
  await reanalysis.running?.catch(() => {});
  assert.ok(calls.length > 0, "the pass called the database");
  assert.deepEqual(log, [], "the search's turn was neither given back nor taken");
});
