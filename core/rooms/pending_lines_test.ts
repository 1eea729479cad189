/**
 * A room round's lines are pending until it answers (`round_writes.ts`, attack25 F1/F2), on both
 * storages: the transcript's readers (history pages and anchors, counts, a member's view) see
 * only the lines of rounds that ended, a round's own prompts its pending lines too; a commit
 * makes them everyone's; a failed round's removal takes only its own; the room's next round
 * removes a cut off round's leftovers; and the removal of cut off rounds (a start, the sweep)
 * keeps the rounds running in this process and, on PostgreSQL, those of a room whose claim a
 * node holds (its lease not run out); a fenced round's lines are pending too, and a round whose
 * claim was lost keeps none.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { PersonaRepository } from "../personas/mod.ts";
import { personaMigrations } from "../personas/migrations.ts";
import { PersonaCreate } from "../personas/schema.ts";
import { PersonaService } from "../personas/service.ts";
import type { Database } from "../storage/mod.ts";
import { storageMigrations } from "../storage/migrations.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { FencedRoomRepository } from "./fenced_repository.ts";
import { type RoomMessage, roomMigrations, RoomRepository } from "./mod.ts";

let lines = 0;

/** A user line of room `roomId` saying `content`. */
function line(roomId: string, content: string): Omit<RoomMessage, "seq"> {
  return {
    id: `rmsg_${++lines}_${content}`,
    room_id: roomId,
    speaker_kind: "user",
    persona_id: null,
    speaker: "Ann",
    content,
    reason: null,
    model: null,
    tokens: 0,
    created_at: "2026-01-01T00:00:00.000Z",
  };
}

/** Rooms r1 and r2, Kit a member of both. */
async function setup(db: Database): Promise<{ rooms: RoomRepository; kit: string }> {
  await db.migrate([...storageMigrations, ...personaMigrations, ...roomMigrations]);
  const personas = new PersonaService(new PersonaRepository(db), new ManualClock());
  const kit = (await personas.create(PersonaCreate.parse({ name: "Kit" }))).id;
  const rooms = new RoomRepository(db);
  for (const id of ["r1", "r2"]) {
    await rooms.create({
      id,
      name: id,
      scenario: "",
      reply_mode: "everyone",
      max_replies: 3,
      created_at: "t",
    });
    await rooms.join(id, { personaId: kit, at: "t" });
  }
  return { rooms, kit };
}

const texts = (messages: RoomMessage[]) => messages.map((m) => m.content);

eachDatabase("room lines: readers see ended rounds only; a round sees its own", async (db) => {
  const { rooms, kit } = await setup(db);
  await rooms.append(line("r1", "done"));
  const pending = await rooms.append(line("r1", "pending"), "rnd_a");
  await rooms.append(line("r1", "other"), "rnd_b");

  assert.deepEqual(texts(await rooms.page("r1", { limit: 10 })), ["done"]);
  assert.deepEqual(texts(await rooms.page("r1", { limit: 10, round: "rnd_a" })), [
    "pending",
    "done",
  ]);
  assert.equal(await rooms.findMessage("r1", pending.id), undefined, "no anchor while pending");
  assert.equal(await rooms.count("r1"), 1);
  assert.equal(await rooms.count("r1", { round: "rnd_a" }), 2);
  assert.deepEqual((await rooms.countsOf(["r1"])).get("r1"), 1);
  assert.deepEqual(texts(await rooms.seenBy("r1", { personaId: kit, limit: 10 })), ["done"]);
  assert.deepEqual(
    texts(await rooms.seenBy("r1", { personaId: kit, limit: 10, round: "rnd_a" })),
    ["done", "pending"],
  );

  await rooms.commitRound("r1", { round: "rnd_a", lines: 1 });
  assert.deepEqual(texts(await rooms.page("r1", { limit: 10 })), ["pending", "done"]);
  assert.ok(await rooms.findMessage("r1", pending.id));
  assert.equal(await rooms.count("r1"), 2);
});

eachDatabase("room lines: a commit that finds fewer lines keeps none of them", async (db) => {
  const { rooms } = await setup(db);
  await rooms.append(line("r1", "a"), "rnd_a");
  await rooms.append(line("r1", "b"), "rnd_a");
  await assert.rejects(
    rooms.commitRound("r1", { round: "rnd_a", lines: 3 }),
    /removed as a cut off round's/,
  );
  assert.deepEqual(texts(await rooms.page("r1", { limit: 10 })), [], "rolled back: none kept");
  assert.equal(await rooms.count("r1", { round: "rnd_a" }), 2);
});

eachDatabase(
  "room lines: a failed round and the next round remove only cut off lines",
  async (db) => {
    const { rooms } = await setup(db);
    await rooms.append(line("r1", "done"));
    await rooms.append(line("r1", "a"), "rnd_a");
    await rooms.append(line("r1", "b"), "rnd_b");
    await rooms.append(line("r2", "c"), "rnd_c");
    assert.equal(await rooms.removeRound("r1", "rnd_a"), 1);
    // The room's next round (rnd_d) holds the room: r1's other pending lines are cut off; r2's not.
    await rooms.append(line("r1", "d"), "rnd_d");
    assert.equal(await rooms.removeOtherRounds("r1", "rnd_d"), 1);
    const rows = await db.all<{ content: string }>(
      "SELECT content FROM room_messages ORDER BY seq",
    );
    assert.deepEqual(rows.map((r) => r.content), ["done", "c", "d"]);
  },
);

eachDatabase("room lines: the sweep removes cut off rounds, not running ones", async (db) => {
  const { rooms } = await setup(db);
  await rooms.append(line("r1", "done"));
  await rooms.append(line("r1", "dead"), "rnd_dead");
  await rooms.append(line("r2", "running"), "rnd_live");
  if (db.dialect === "postgres") {
    // r1's claim is held by a node (lease running): its pending lines are that node's round's.
    await db.run(
      `INSERT INTO room_round_claims (room_id, token, claim_until)
       VALUES ('r1', 1, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint + 60000)`,
    );
    assert.equal(await rooms.removeCutRounds(new Set(["rnd_live"])), 0, "claimed room kept");
    // Its lease ran out by the database's clock (the node died): the claim holds no more.
    await db.run(
      "UPDATE room_round_claims SET claim_until = claim_until - 120000 WHERE room_id = 'r1'",
    );
  }
  assert.equal(await rooms.removeCutRounds(new Set(["rnd_live"])), 1);
  const rows = await db.all<{ content: string }>(
    "SELECT content FROM room_messages ORDER BY seq",
  );
  assert.deepEqual(rows.map((r) => r.content), ["done", "running"]);
  // At a start nothing runs: every pending line is a cut off round's (SQLite, or unclaimed).
  assert.equal(await rooms.removeCutRounds(new Set()), 1);
  assert.equal(await rooms.count("r2"), 0);
});

eachDatabase(
  "room lines: a fenced round writes pending lines; its claim lost, it keeps none",
  async (db) => {
    const { rooms, kit } = await setup(db);
    let held = true;
    const fenced = new FencedRoomRepository(
      db,
      (write) => held ? write() : Promise.reject(new Error("claim lost")),
    );
    await fenced.append(line("r1", "user"), "rnd_a");
    const reply = { ...line("r1", "reply"), speaker_kind: "persona" as const, persona_id: kit };
    assert.ok(await fenced.appendWhilePresent(reply, "rnd_a"));
    assert.deepEqual(texts(await rooms.page("r1", { limit: 10 })), [], "pending");
    assert.equal(await rooms.count("r1", { round: "rnd_a" }), 2);
    held = false;
    await assert.rejects(fenced.commitRound("r1", { round: "rnd_a", lines: 2 }), /claim lost/);
    assert.deepEqual(texts(await rooms.page("r1", { limit: 10 })), [], "none kept");
  },
);
