/**
 * The watchdog's deadline (`replySilenceMs`): a connection may stay silent for the statement
 * deadline plus a grace for the server's own cancel to arrive, as long again but at most 5 s.
 *
 * @module
 */
import assert from "node:assert/strict";
import { replySilenceMs } from "./postgres_pool.ts";

Deno.test("a reply's silence deadline: the statement deadline plus a grace of at most 5 s", () => {
  assert.equal(replySilenceMs(300), 600, "a short deadline: as long again");
  assert.equal(replySilenceMs(5_000), 10_000, "5 s: the grace's bound exactly");
  assert.equal(replySilenceMs(5_001), 10_001, "past 5 s the grace stays 5 s");
  assert.equal(replySilenceMs(30_000), 35_000, "the default, 30 s: 35 s");
  assert.equal(replySilenceMs(0), 0, "no statement deadline: no watchdog");
});
