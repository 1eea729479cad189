/**
 * A room round's claim (`round_claim.ts`) against its lease, on PostgreSQL with two nodes
 * (connections): heartbeats keep a long round's claim, a round whose heartbeats fail is cancelled
 * once its lease has run out, and a round that lost its claim writes no further line.
 */
import assert from "node:assert/strict";
import { Conflict } from "../errors.ts";
import type { Database } from "../storage/mod.ts";
import { onSharedPostgres } from "../storage/testing/databases.ts";
import { RoundClaims } from "./round_claim.ts";
import { breakableBeats, cancelledBefore, roundElsewhere, setup } from "./round_claim_testing.ts";

/** The database's clock (epoch ms). */
async function dbNow(db: Database): Promise<number> {
  const row = await db.get<{ now: number }>(
    "SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint AS now",
  );
  return Number(row!.now);
}

function line(id: string) {
  return {
    id,
    room_id: "r1",
    speaker_kind: "user" as const,
    persona_id: null,
    speaker: "Ann",
    content: id,
    reason: null,
    model: null,
    tokens: 0,
    created_at: "2026-01-01T00:00:01.000Z",
  };
}

onSharedPostgres(
  "round claims: heartbeats keep a round running three leases while another node asks",
  async (a, b) => {
    await setup(a);
    const leaseMs = 600;
    const events: string[] = [];
    let first: AbortSignal | undefined;
    const long = new RoundClaims(a, leaseMs).run("r1", async (signal) => {
      first = signal;
      events.push("a start");
      const until = await dbNow(a) + 3 * leaseMs;
      // The other node asks meanwhile; this round runs on by the database's clock.
      while (await dbNow(a) < until && !signal.aborted) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      events.push(signal.aborted ? `a aborted: ${signal.reason}` : "a end");
    });
    while (first === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    const other = new RoundClaims(b, leaseMs).run("r1", async (signal) => {
      events.push("b start");
      // Its lease runs from its own claim, not from when it began to wait.
      // (a timer due at its lease's end, were that counted from before, fires before this one).
      await b.get("SELECT 1 AS one");
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (signal.aborted) events.push(`b aborted: ${signal.reason}`);
    });
    await Promise.all([long, other]);
    assert.deepEqual(events, ["a start", "a end", "b start"]);
  },
);

onSharedPostgres(
  "round claims: a round whose heartbeats fail is cancelled once its lease has run out",
  async (a, b) => {
    await setup(a);
    const spy = breakableBeats(a);
    spy.failing = true;
    const leaseMs = 150;
    let otherRan!: () => void;
    const otherDone = new Promise<void>((resolve) => otherRan = resolve);
    const error = await new RoundClaims(spy.db, leaseMs).run("r1", async (signal) => {
      // Node b claims the room once the lease (unrenewed) has run out, then does a few reads.
      void roundElsewhere(b, leaseMs).then(otherRan);
      return await cancelledBefore(
        signal,
        otherDone,
        "the round went on after its lease ran out and another node's round ran",
      );
    }, new AbortController().signal);
    await otherDone;
    assert.ok(error instanceof Conflict, String(error));
    assert.match((error as Error).message, /could not be renewed/);
  },
);

onSharedPostgres("round claims: a round that lost its claim writes no line", async (a, b) => {
  await setup(a);
  const repository = new RoundClaims(a, 5_000).run("r1", async (_signal, held) => {
    await held.repository.append(line("m1"));
    await b.run("UPDATE room_round_claims SET token = token + 1 WHERE room_id = 'r1'");
    await assert.rejects(held.repository.append(line("m2")), /another round took its place/);
    assert.ok(held.signal.aborted, "the round's signal aborted by the refused write");
    await assert.rejects(
      held.repository.appendWhilePresent({ ...line("m3"), persona_id: "p1" }),
      Conflict,
    );
  });
  await repository;
  const ids = await a.all<{ id: string }>("SELECT id FROM room_messages ORDER BY seq");
  assert.deepEqual(ids.map((row) => row.id), ["m1"]);
});
