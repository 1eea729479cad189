/**
 * `KeptVersions` alone (mut59): the version a persona's indexes load at is noted once, kind ties
 * start only for a persona whose indexes are not loaded, and forgetting or clearing drops both.
 */
import assert from "node:assert/strict";
import { withConnection } from "./testing/sqlite_connection.ts";
import { KeptVersions } from "./kept_versions.ts";

Deno.test("KeptVersions.loading notes a persona's index version once: a later loading keeps the first", () => {
  const kept = new KeptVersions();
  let read = 0;
  kept.loading("p", () => (read++, 3));
  kept.loading("p", () => (read++, 5));
  assert.equal(kept.indexVersion("p"), 3);
  assert.equal(read, 1, "the version is not read again");
  assert.equal(kept.indexVersion("q"), undefined);
  assert.equal(kept.tracks("p"), true);
  assert.equal(kept.tracks("q"), false);
});

Deno.test("KeptVersions: ties start only for a persona whose indexes are not loaded, and follow its writes", async () => {
  await withConnection((db) => {
    const kept = new KeptVersions();
    kept.loading("loaded", () => 2);
    kept.startTies(db, "loaded");
    assert.equal(kept.ties.of("loaded"), undefined, "its loaded indexes keep its ties");
    kept.startTies(db, "empty");
    assert.notEqual(kept.ties.of("empty"), undefined);
    assert.equal(kept.tracks("empty"), true, "tracked by its ties alone");
    assert.equal(kept.current("empty", 0), true);
    kept.moved("empty", 4);
    assert.equal(kept.indexVersion("empty"), undefined, "a move notes no index version");
    assert.equal(kept.current("empty", 4), true);
    assert.equal(kept.current("empty", 0), false);
    kept.moved("loaded", 6);
    assert.equal(kept.indexVersion("loaded"), 6);
    assert.equal(kept.current("loaded", 6), true);
    assert.equal(kept.current("loaded", 2), false);
    assert.equal(kept.current("unknown", 9), true, "nothing kept is never out of date");
    assert.deepEqual(kept.entries(), [["loaded", 6], ["empty", 4]]);
    kept.forget("empty");
    assert.equal(kept.tracks("empty"), false);
    assert.equal(kept.ties.of("empty"), undefined);
    kept.startTies(db, "other");
    kept.clear();
    assert.deepEqual(kept.entries(), []);
    assert.equal(kept.ties.size, 0, "clearing drops the ties too");
  });
});
