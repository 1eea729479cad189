/**
 * A transaction refused before it began (a full pool queue) gives its error only once its
 * connection turn is back (`postgres.ts`'s transaction, mutation testing, session 44): the turn's
 * return is awaited, not merely started. Real PostgreSQL (TEST_DATABASE_URL).
 */
import assert from "node:assert/strict";
import { holdingTurn, type TurnClaim } from "../turn_away.ts";
import { POSTGRES_SKIPPED } from "./testing/databases.ts";
import { holdOnlyConnection, oneConnectionDatabase } from "./testing/one_connection.ts";

const options = { ignore: POSTGRES_SKIPPED, sanitizeOps: false, sanitizeResources: false };

/** The most macrotasks the test lets pass while it waits for the claim's "back". */
const LOOKS = 1000;

Deno.test({
  name: "a refused transaction throws only once the turn it waits to take again is given",
  ...options,
}, async () => {
  const db = await oneConnectionDatabase({ poolQueue: 0 });
  try {
    // The pool's one connection is held, and nobody may queue for it: the next one is refused.
    const holder = await holdOnlyConnection(db);
    const log: string[] = [];
    let giveTurn!: () => void;
    const turn = new Promise<void>((resolve) => giveTurn = resolve);
    const claim: TurnClaim = {
      leave: () => void log.push("leave"),
      back: () => {
        log.push("back");
        return turn;
      },
      fork: () => {},
      finished: () => {},
    };
    const outcome = holdingTurn(claim, () => db.transaction(() => Promise.resolve("ran")))
      .then(() => "ran", () => "refused");
    void outcome.then((value) => log.push(value));
    for (let look = 0; look < LOOKS && !log.includes("back"); look++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    for (let look = 0; look < 5; look++) await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(log, ["leave", "back"], "refused, but still waiting for its turn");
    giveTurn();
    assert.equal(await outcome, "refused");
    assert.deepEqual(log, ["leave", "back", "refused"]);
    holder.release();
    await holder.done;
  } finally {
    await db.close();
  }
});

Deno.test({
  name: "a transaction goes on at once once it holds its pooled connection, in order when refused",
  ...options,
}, async () => {
  const db = await oneConnectionDatabase({ poolQueue: 0 });
  const backs: (boolean | undefined)[] = [];
  const claim: TurnClaim = {
    leave: () => {},
    back: (atOnce) => void backs.push(atOnce),
    fork: () => {},
    finished: () => {},
  };
  try {
    assert.equal(
      await holdingTurn(claim, () => db.transaction(() => Promise.resolve("ran"))),
      "ran",
    );
    assert.deepEqual(backs, [true], "it holds a pooled connection: past the turn limit");
    const holder = await holdOnlyConnection(db);
    await assert.rejects(holdingTurn(claim, () => db.transaction(() => Promise.resolve("ran"))));
    assert.deepEqual(backs, [true, false], "refused: it holds nothing, so it waits its turn");
    holder.release();
    await holder.done;
  } finally {
    await db.close();
  }
});
