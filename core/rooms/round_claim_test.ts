/**
 * A room's round claim (`round_claim.ts`) on PostgreSQL, with two nodes (connections) sharing one
 * schema: rounds never overlap, a dead node's claim is taken once its lease runs out, a round
 * whose claim was taken over is cancelled, and a missing room is NotFound.
 */
import assert from "node:assert/strict";
import { Conflict, NotFound } from "../errors.ts";
import { onSharedPostgres } from "../storage/testing/databases.ts";
import { RoundClaims } from "./round_claim.ts";
import { cancelledBefore, roundElsewhere, setup } from "./round_claim_testing.ts";

onSharedPostgres("round claims: two nodes' rounds of one room never overlap", async (a, b) => {
  await setup(a);
  const nodes = [new RoundClaims(a, 5_000), new RoundClaims(b, 5_000)];
  let running = 0;
  let most = 0;
  const order: string[] = [];
  await Promise.all(Array.from({ length: 8 }, (_, i) =>
    nodes[i % 2]!.run("r1", async () => {
      running++;
      most = Math.max(most, running);
      order.push(`start ${i}`);
      // Another round asking meanwhile must wait: yield to it a few times.
      for (let k = 0; k < 3; k++) await a.get("SELECT 1 AS one");
      order.push(`end ${i}`);
      running--;
    })));
  assert.equal(most, 1, order.join(", "));
  const row = await a.get<{ claim_until: number | null }>(
    "SELECT claim_until FROM room_round_claims WHERE room_id = 'r1'",
  );
  assert.equal(row?.claim_until, null, "released after the last round");
});

onSharedPostgres(
  "round claims: a dead node's claim holds the room until its lease runs out",
  async (a, b) => {
    await setup(a);
    // A node that claimed the room and died: its lease (by the database's clock) ends in 300 ms.
    const dead = await a.get<{ until: number }>(
      `INSERT INTO room_round_claims (room_id, token, claim_until)
     VALUES ('r1', 7, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint + 300)
     RETURNING claim_until AS until`,
    );
    const ran = await new RoundClaims(b, 5_000).run("r1", async () => {
      const at = await b.get<{ now: number; token: number }>(
        `SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint AS now, token
       FROM room_round_claims WHERE room_id = 'r1'`,
      );
      return at!;
    });
    assert.ok(Number(ran.now) >= Number(dead!.until), "ran only once the dead node's lease ended");
    assert.equal(Number(ran.token), 8, "a new token: the dead node's writes are told apart");
  },
);

onSharedPostgres(
  "round claims: a round whose claim was taken over is cancelled, its caller's signal given too",
  async (a, b) => {
    await setup(a);
    // RoomService.send always passes its own signal: losing the claim must still cancel.
    const caller = new AbortController();
    let otherRan!: () => void;
    const otherDone = new Promise<void>((resolve) => otherRan = resolve);
    const error = await new RoundClaims(a, 300).run("r1", async (signal) => {
      // Another node takes the claim over (as if this one had stalled past its lease), and
      // then runs a round of its own once the lease this node last renewed has run out.
      await b.run("UPDATE room_round_claims SET token = token + 1 WHERE room_id = 'r1'");
      void roundElsewhere(b, 300).then(otherRan);
      return await cancelledBefore(
        signal,
        otherDone,
        "the round went on after its claim was taken over and another node's round ran",
      );
    }, caller.signal);
    await otherDone;
    assert.ok(error instanceof Conflict, String(error));
    assert.match((error as Error).message, /another round took its place/);
    assert.ok(!caller.signal.aborted);
  },
);

onSharedPostgres("round claims: a missing room is NotFound", async (a) => {
  await setup(a);
  await assert.rejects(
    new RoundClaims(a, 5_000).run("nope", () => Promise.resolve()),
    NotFound,
  );
});
