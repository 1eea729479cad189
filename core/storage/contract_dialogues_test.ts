/**
 * The storage contract, dialogues: derived totals, endings, one claim at a time, and a persona
 * deleted meanwhile, the same on SQLite and on PostgreSQL (`eachDatabase`). The other
 * repositories: contract_test.ts.
 */
import assert from "node:assert/strict";
import { PersonaNotFound } from "../errors.ts";
import { HistoryRepository } from "../chat/mod.ts";
import { DialogueRepository } from "../dialogue/mod.ts";
import { SavedSessionStore } from "../sessions/mod.ts";
import { eachDatabase } from "./testing/databases.ts";
import { dialogue, message, setup, turn } from "./testing/contract_fixture.ts";

eachDatabase("dialogues: derived totals, newest first, stale and orphaned endings", async (db) => {
  const { aria, kira } = await setup(db);
  const dialogues = new DialogueRepository(db);
  await dialogues.create(dialogue("c1", [aria.id, kira.id], 1000));
  await dialogues.create(dialogue("c2", [kira.id, aria.id], 1000));
  await dialogues.addTurn(turn("c1", 1, aria));
  await dialogues.addTurn(turn("c1", 2, kira));
  const found = await dialogues.find("c1");
  assert.deepEqual(
    [found?.turn_count, found?.tokens_used, found?.last_score, found?.last_speaker_id],
    [2, 20, 52, kira.id],
  );
  assert.deepEqual(found?.participant_ids, [aria.id, kira.id]);
  assert.deepEqual((await dialogues.turns("c1")).map((t) => [t.turn_number, t.reasons]), [
    [1, ["r"]],
    [2, ["r"]],
  ]);
  assert.deepEqual(await dialogues.list({ limit: 10 }), ["c2", "c1"], "equal starts: newest first");
  assert.deepEqual((await dialogues.activeFor(kira.id)).sort(), ["c1", "c2"]);
  assert.equal(await dialogues.lastActivity("c1"), 1002);
  assert.equal(await dialogues.endStale(1001, { reason: "timed_out", at: 5000 }), 1, "c2 only");
  assert.equal((await dialogues.find("c2"))?.end_reason, "timed_out");
  await db.run("DELETE FROM personas WHERE id = ?", kira.id);
  assert.equal(await dialogues.endOrphaned({ reason: "participant_left", at: 6000 }), 1);
  await assert.rejects(dialogues.addTurn(turn("c1", 2, aria)), "turn numbers are unique");
});

eachDatabase(
  "a persona deleted meanwhile: its chat or dialogue is persona-not-found, a saved state lets it go",
  async (db) => {
    const { aria, kira } = await setup(db);
    await db.run("DELETE FROM personas WHERE id = ?", kira.id);
    const history = new HistoryRepository(db);
    await assert.rejects(history.append(message(kira, 1)), PersonaNotFound);
    const dialogues = new DialogueRepository(db);
    await assert.rejects(dialogues.create(dialogue("c1", [aria.id, kira.id], 1000)), (error) => {
      assert.ok(error instanceof PersonaNotFound);
      assert.deepEqual(error.data, { persona_id: kira.id });
      return true;
    });
    assert.equal(await dialogues.find("c1"), undefined, "nothing of the dialogue is kept");
    const state = { key: "slot", active_persona_id: kira.id, visual_context: null, saved_at: "t1" };
    const saved = new SavedSessionStore(db);
    assert.deepEqual(await saved.save(state), { ...state, active_persona_id: null });
    assert.deepEqual(await saved.load("slot"), { ...state, active_persona_id: null });
  },
);

eachDatabase("dialogues: one claim at a time; a stale token commits nothing", async (db) => {
  const { aria, kira } = await setup(db);
  const dialogues = new DialogueRepository(db);
  await dialogues.create(dialogue("c1", [aria.id, kira.id], 1000));
  const first = await dialogues.claimTurn("c1", { now: 10, until: 100 });
  assert.deepEqual(first, { status: "claimed", token: 1 });
  assert.deepEqual(await dialogues.claimTurn("c1", { now: 50, until: 150 }), {
    status: "busy",
    until: 100,
  });
  assert.equal(await dialogues.renewClaim("c1", 1, 200), true);
  // The lease runs out: another claim takes over; the first one's token is stale.
  const second = await dialogues.claimTurn("c1", { now: 201, until: 300 });
  assert.deepEqual(second, { status: "claimed", token: 2 });
  assert.equal(await dialogues.renewClaim("c1", 1, 400), false);
  const stale = await dialogues.commitClaimed(
    "c1",
    1,
    () => dialogues.addTurn(turn("c1", 1, aria)),
  );
  assert.deepEqual(stale, { committed: false });
  assert.equal((await dialogues.turns("c1")).length, 0, "nothing written for a stale token");
  const fresh = await dialogues.commitClaimed("c1", 2, async () => {
    await dialogues.addTurn(turn("c1", 1, kira));
    return "done";
  });
  assert.deepEqual(fresh, { committed: true, value: "done" });
  assert.equal(
    await dialogues.releaseClaim("c1", 2),
    false,
    "the commit released the claim: its release changes (writes) nothing",
  );
  assert.deepEqual(await dialogues.claimTurn("c1", { now: 250, until: 350 }), {
    status: "claimed",
    token: 3,
  }, "a committed turn frees the claim before its lease ends");
  assert.equal(await dialogues.releaseClaim("c1", 3), true, "an uncommitted claim is freed");
  // A heartbeat that lands after its turn was released (or committed) revives nothing.
  assert.equal(await dialogues.renewClaim("c1", 3, 10_000), false, "no renewal once released");
  assert.deepEqual(await dialogues.claimTurn("c1", { now: 260, until: 360 }), {
    status: "claimed",
    token: 4,
  });
  await dialogues.releaseClaim("c1", 4);
  assert.deepEqual(await dialogues.claimTurn("missing", { now: 0, until: 1 }), {
    status: "missing",
  });
});
