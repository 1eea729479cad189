import assert from "node:assert/strict";
import { CHANGE_CHECK_MS } from "./database.ts";
import { SqliteChangeStamp } from "./sqlite_change_stamp.ts";
import { SqliteConnection } from "./sqlite_connection.ts";
import { SqliteDatabase } from "./sqlite.ts";

/** Waits past the stamp's check interval (its timer has fired by then). */
const pastWindow = () => new Promise((resolve) => setTimeout(resolve, CHANGE_CHECK_MS.sqlite + 20));

/** A stamp over a counter the test moves, and how often it was read. */
function countedStamp(delayMs = 0) {
  const state = { version: 1, reads: 0 };
  const stamp = new SqliteChangeStamp({
    soleWriter: false,
    readVersion: async () => {
      state.reads++;
      const version = state.version;
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return { data_version: version };
    },
  });
  return { stamp, state };
}

Deno.test("a stamp is known until its check interval ends, then read again", async () => {
  const { stamp, state } = countedStamp();
  try {
    assert.equal(stamp.known(), undefined, "nothing read yet");
    assert.equal(await stamp.stamp(), "1");
    assert.equal(stamp.known(), "1");
    state.version = 2;
    await pastWindow();
    assert.equal(stamp.known(), undefined, "due for a read once the interval ended");
    assert.equal(await stamp.stamp(), "2");
    assert.equal(state.reads, 2);
  } finally {
    stamp.close();
  }
});

Deno.test("a read that outlasts its window is not trusted", async () => {
  const { stamp } = countedStamp(CHANGE_CHECK_MS.sqlite + 20);
  try {
    assert.equal(await stamp.stamp(), "1");
    assert.equal(stamp.known(), undefined);
  } finally {
    stamp.close();
  }
});

Deno.test("a closed stamp is never known and keeps no timer", async () => {
  const { stamp } = countedStamp();
  await stamp.stamp();
  await stamp.stamp(true);
  assert.equal(stamp.pendingTimers, 1, "a fresh read inside the window keeps its timer");
  stamp.close();
  assert.equal(stamp.known(), undefined);
  assert.equal(stamp.pendingTimers, 0);
  // A read still pending at close is not trusted when it lands.
  const { stamp: late } = countedStamp(5);
  const reading = late.stamp();
  late.close();
  assert.equal(await reading, "1");
  assert.equal(late.known(), undefined);
  await late.stamp();
  assert.equal(late.known(), undefined, "no window opens after close");
});

Deno.test("another connection's commit is seen once the check interval ended", async () => {
  const dir = await Deno.makeTempDir({ prefix: "persona-stamp-" });
  const path = `${dir}/persona.db`;
  const db = new SqliteDatabase(path);
  const other = new SqliteConnection(path);
  try {
    await db.exec("CREATE TABLE t (a INTEGER)");
    const before = await db.changeStamp("t");
    other.run("INSERT INTO t (a) VALUES (1)");
    await pastWindow();
    assert.equal(db.knownStamp("t"), undefined);
    const after = await db.changeStamp("t");
    assert.notEqual(after, before);
    assert.equal(db.knownStamp("t"), after);
    await db.close();
    assert.equal(db.knownStamp("t"), undefined, "not after close");
  } finally {
    other.close();
    await db.close();
    await Deno.remove(dir, { recursive: true });
  }
});
