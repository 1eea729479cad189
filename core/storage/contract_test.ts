/**
 * The storage contract: every repository behaves the same on SQLite and on PostgreSQL (each case
 * runs on both, `eachDatabase`). Personas, relationships and emotions have their own cases
 * beside their services; memory has its contract suite (`core/memory/testing/`).
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { PersonaNotFound } from "../errors.ts";
import { historyMigrations, HistoryRepository, type StoredMessage } from "../chat/mod.ts";
import { AssetRepository, characterMigrations } from "../characters/mod.ts";
import { ICON_HEAD_BYTES } from "../characters/repository.ts";
import { dialogueMigrations, DialogueRepository } from "../dialogue/mod.ts";
import type { Dialogue, DialogueTurn } from "../dialogue/repository.ts";
import { LorebookRepository, loreMigrations } from "../lore/mod.ts";
import { memoryMigrationsFor, PurgeQueue } from "../memory/mod.ts";
import {
  type Persona,
  PersonaCreate,
  personaMigrations,
  PersonaRepository,
  PersonaService,
} from "../personas/mod.ts";
import { roomMigrations, RoomRepository } from "../rooms/mod.ts";
import { savedSessionMigrations, SavedSessionStore } from "../sessions/mod.ts";
import type { Database } from "./database.ts";
import { storageMigrations } from "./migrations.ts";
import { eachDatabase } from "./testing/databases.ts";

async function setup(db: Database) {
  await db.migrate([
    ...storageMigrations,
    ...personaMigrations,
    ...savedSessionMigrations,
    ...historyMigrations,
    ...dialogueMigrations,
    ...characterMigrations,
    ...roomMigrations,
    ...loreMigrations,
    ...memoryMigrationsFor({ MEMORY_BACKEND: "chroma" }),
  ]);
  const personas = new PersonaService(new PersonaRepository(db), new ManualClock());
  const aria = await personas.create(PersonaCreate.parse({ name: "Aria" }));
  const kira = await personas.create(PersonaCreate.parse({ name: "Kira" }));
  return { personas, aria, kira };
}

function message(persona: Persona, n: number, fields: Partial<StoredMessage> = {}): StoredMessage {
  return {
    id: `msg_${n}`,
    persona_id: persona.id,
    session_id: "s1",
    room_id: null,
    sender: "user",
    content: `hello ${n}`,
    response: `hi ${n}`,
    model: "m",
    prompt_tokens: 3,
    completion_tokens: 4,
    response_time_ms: 5,
    created_at: `2026-01-01T00:00:0${n}.000Z`,
    kind: "exchange",
    greeting_index: null,
    ...fields,
  };
}

eachDatabase("history: pages newest first with has_more, scopes, counts, greetings", async (db) => {
  const { aria } = await setup(db);
  const history = new HistoryRepository(db);
  for (let n = 1; n <= 5; n++) await history.append(message(aria, n));
  await history.append(message(aria, 6, { room_id: "r1" }));
  const first = await history.page({ personaId: aria.id, roomId: null }, { limit: 2 });
  assert.deepEqual(first.messages.map((m) => m.id), ["msg_5", "msg_4"]);
  assert.equal(first.has_more, true);
  const last = await history.page({ personaId: aria.id, roomId: null }, {
    limit: 3,
    beforeId: "msg_4",
  });
  assert.deepEqual(last.messages.map((m) => m.id), ["msg_3", "msg_2", "msg_1"]);
  assert.equal(last.has_more, false, "exactly the rest: no more");
  assert.deepEqual(
    (await history.recent({ personaId: aria.id, roomId: "r1" }, 5)).map((m) => m.id),
    [
      "msg_6",
    ],
  );
  assert.equal(await history.countInSession(aria.id, "s1"), 5);
  assert.deepEqual(await history.recentSince(aria.id, "2026-01-01T00:00:04.000Z"), {
    count: 3,
    oldest: "2026-01-01T00:00:04.000Z",
  });
  assert.equal((await history.first({ personaId: aria.id }))?.id, "msg_1");
  await history.append(message(aria, 7, { kind: "greeting", greeting_index: 0, content: "" }));
  await history.replaceGreeting("msg_7", { response: "Welcome back", index: 2 });
  const greeting = (await history.page({ personaId: aria.id }, { limit: 1 })).messages[0];
  assert.deepEqual([greeting?.response, greeting?.greeting_index, greeting?.kind], [
    "Welcome back",
    2,
    "greeting",
  ]);
  await assert.rejects(history.page({ personaId: aria.id }, { limit: 1, beforeId: "nope" }));
});

eachDatabase(
  "history: a prompt's window is recent()'s messages, narrower; a session has messages iff it counts some",
  async (db) => {
    const { aria, kira } = await setup(db);
    const history = new HistoryRepository(db);
    const scope = { personaId: aria.id, sessionId: "s1", roomId: null };
    assert.deepEqual(await history.promptWindow(scope, 3), []);
    assert.equal(await history.hasSessionMessages(aria.id, "s1"), false);
    await history.append(message(aria, 1, { kind: "greeting", greeting_index: 2, content: "" }));
    for (let n = 2; n <= 5; n++) await history.append(message(aria, n));
    await history.append(message(aria, 6, { room_id: "r1" }));
    await history.append(message(aria, 7, { session_id: "s2" }));
    await history.append(message(kira, 8));
    for (const count of [1, 3, 5, 9]) {
      // Rows as plain objects: SQLite's come without a prototype.
      const narrow = (await history.promptWindow(scope, count)).map((m) => ({ ...m }));
      const whole = await history.recent(scope, count);
      assert.deepEqual(
        narrow,
        whole.map(({ id, sender, content, response, kind, greeting_index }) => ({
          id,
          sender,
          content,
          response,
          kind,
          greeting_index,
        })),
        `window of ${count}`,
      );
    }
    assert.deepEqual((await history.promptWindow(scope, 2)).map((m) => m.id), ["msg_4", "msg_5"]);
    assert.deepEqual({ ...(await history.promptWindow(scope, 9))[0] }, {
      id: "msg_1",
      sender: "user",
      content: "",
      response: "hi 1",
      kind: "greeting",
      greeting_index: 2,
    });
    for (
      const [persona, session] of [[aria, "s1"], [aria, "s2"], [kira, "s1"], [kira, "s2"]] as const
    ) {
      assert.equal(
        await history.hasSessionMessages(persona.id, session),
        await history.countInSession(persona.id, session) > 0,
        `${persona.name} in ${session}`,
      );
    }
    // A room's messages are not the session's.
    await history.append(message(kira, 9, { session_id: "s3", room_id: "r1" }));
    assert.equal(await history.hasSessionMessages(kira.id, "s3"), false);
  },
);

function dialogue(id: string, participants: string[], startedAt: number): Dialogue {
  return {
    id,
    topic: "tea",
    token_budget: 100,
    tokens_used: 0,
    turn_count: 0,
    last_score: null,
    last_speaker_id: null,
    status: "active",
    end_reason: null,
    started_at: startedAt,
    ended_at: null,
    participant_ids: participants,
  };
}

function turn(id: string, n: number, speaker: Persona): DialogueTurn {
  return {
    dialogue_id: id,
    turn_number: n,
    speaker_id: speaker.id,
    speaker_name: speaker.name,
    content: `line ${n}`,
    continue_score: 50 + n,
    reasons: ["r"],
    factors: { f: 1 },
    response_type: "full",
    quality: 0.5,
    tokens: 10,
    created_at: 1000 + n,
  };
}

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

eachDatabase("saved sessions and pending purges round-trip", async (db) => {
  const { aria } = await setup(db);
  const saved = new SavedSessionStore(db);
  const visual = { type: "scene", data: { at: "tavern" }, updated_at: "2026-01-01T00:00:00.000Z" };
  await saved.save({
    key: "slot",
    active_persona_id: aria.id,
    visual_context: visual,
    saved_at: "t1",
  });
  await saved.save({
    key: "slot",
    active_persona_id: aria.id,
    visual_context: null,
    saved_at: "t2",
  });
  assert.deepEqual(await saved.load("slot"), {
    key: "slot",
    active_persona_id: aria.id,
    visual_context: null,
    saved_at: "t2",
  });
  await db.run("DELETE FROM personas WHERE id = ?", aria.id);
  assert.equal((await saved.load("slot"))?.active_persona_id, null, "a deleted persona is let go");
  const purges = new PurgeQueue(db);
  await purges.add("p2", "2026-01-02");
  await purges.add("p1", "2026-01-01");
  await purges.add("p1", "2026-01-03");
  assert.deepEqual(await purges.pending(), ["p1", "p2"]);
  await purges.done("p1");
  assert.deepEqual(await purges.pending(), ["p2"]);
});

eachDatabase(
  "saved sessions: bounded by count (least recently saved out), deleted, expired",
  async (db) => {
    await setup(db);
    const saved = new SavedSessionStore(db, { maxStates: 3 });
    const state = (key: string, at: string) => ({
      key,
      active_persona_id: null,
      visual_context: null,
      saved_at: `2026-01-01T00:00:0${at}.000Z`,
    });
    await saved.save(state("a", "1"));
    await saved.save(state("b", "2"));
    await saved.save(state("c", "3"));
    await saved.save(state("a", "4")); // an overwrite: still three, "a" now the newest
    assert.ok(await saved.load("b"));
    await saved.save(state("d", "5")); // a fourth key: the least recently saved ("b") goes
    assert.equal(await saved.load("b"), undefined);
    assert.deepEqual(
      (await db.all<{ key: string }>("SELECT key FROM session_states ORDER BY key")).map((r) =>
        r.key
      ),
      ["a", "c", "d"],
    );
    assert.equal(await saved.delete("c"), true);
    assert.equal(await saved.delete("c"), false, "nothing left under the key");
    assert.equal(await saved.load("c"), undefined);
    assert.equal(await saved.expire("2026-01-01T00:00:05.000Z"), 1, "saved before: a (at 4)");
    assert.deepEqual(await saved.load("d"), state("d", "5"));
    assert.equal(await saved.load("a"), undefined);
  },
);

eachDatabase("card assets keep their bytes and order; replacing replaces", async (db) => {
  const { aria, kira } = await setup(db);
  const assets = new AssetRepository(db);
  await assets.replace(aria.id, [
    { type: "icon", name: "main", ext: "png", data: new Uint8Array([137, 80, 78, 71, 0, 255]) },
    { type: "background", name: "sky", ext: "jpg", uri: "https://example.test/sky.jpg" },
    { type: "x", name: "y", ext: "z", extra: { note: "kept" } },
  ]);
  const listed = await assets.list(aria.id);
  assert.deepEqual(listed.map((a) => a.name), ["main", "sky", "y"]);
  assert.deepEqual([...listed[0]!.data!], [137, 80, 78, 71, 0, 255]);
  assert.deepEqual(listed[2]!.extra, { note: "kept" });
  assert.deepEqual(await assets.summary(aria.id), { count: 3, bytes: 6 });
  await assets.replace(kira.id, [
    { type: "icon", name: "link", ext: "png", uri: "https://example.test/k.png" },
    { type: "icon", name: "main", ext: "webp", data: Uint8Array.from({ length: 20 }, (_, i) => i) },
  ]);
  // Every icon without its bytes, in card order (the avatars persona.list shows).
  const icons = await assets.icons();
  const of = (persona: Persona) =>
    icons.filter((icon) => icon.persona_id === persona.id).map(({ name, ext, bytes }) => ({
      name,
      ext,
      bytes,
    }));
  assert.equal(icons.length, 3);
  assert.deepEqual(of(aria), [{ name: "main", ext: "png", bytes: 6 }]);
  assert.deepEqual(of(kira), [
    { name: "link", ext: "png", bytes: null },
    { name: "main", ext: "webp", bytes: 20 },
  ]);
  // With their first bytes (ICON_HEAD_BYTES), enough to type them as GET /avatar does.
  const heads = (persona: Persona) =>
    icons.filter((icon) => icon.persona_id === persona.id).map(({ head }) => head && [...head]);
  assert.deepEqual(heads(aria), [[137, 80, 78, 71, 0, 255]]);
  assert.deepEqual(heads(kira), [null, Array.from({ length: ICON_HEAD_BYTES }, (_, i) => i)]);
  await assets.replace(aria.id, []);
  assert.deepEqual(await assets.summary(aria.id), { count: 0, bytes: 0 });
});

eachDatabase("lorebooks: books, ownership, attachments in order, cascades", async (db) => {
  const { aria, kira } = await setup(db);
  const rooms = new RoomRepository(db);
  await rooms.create({
    id: "room1",
    name: "Tavern",
    scenario: "",
    reply_mode: "natural",
    max_replies: 3,
    created_at: "t",
  });
  const lore = new LorebookRepository(db);
  const book = (id: string, owner: string | null = null) => ({
    id,
    name: `Book ${id}`,
    owner_persona_id: owner,
    book: { extensions: {}, entries: [], name: id },
    created_at: `t${id}`,
    updated_at: `t${id}`,
  });
  await lore.insert(book("b1"));
  await lore.insert(book("b2"));
  await lore.insert(book("own", aria.id));
  await lore.attach("b2", { personaId: aria.id });
  await lore.attach("b1", { personaId: aria.id });
  await lore.attach("b1", { personaId: aria.id });
  await lore.attach("b1", { roomId: "room1" });
  assert.deepEqual((await lore.attachedTo({ personaId: aria.id })).map((b) => b.id), ["b2", "b1"]);
  assert.deepEqual(await lore.attachments("b1"), { persona_ids: [aria.id], room_ids: ["room1"] });
  assert.equal((await lore.ownedBy(aria.id))?.id, "own");
  assert.deepEqual((await lore.list()).map((b) => b.id), ["b1", "b2", "own"]);
  assert.equal(await lore.detach("b2", { personaId: aria.id }), true);
  assert.equal(await lore.detach("b2", { personaId: aria.id }), false);
  await lore.update({ ...book("b1"), name: "Renamed", updated_at: "later" });
  assert.equal((await lore.find("b1"))?.name, "Renamed");
  await db.run("DELETE FROM personas WHERE id = ?", aria.id);
  assert.equal(await lore.find("own"), undefined, "a card's own book goes with its persona");
  assert.equal(await lore.delete("b1"), true);
  assert.deepEqual(await lore.attachments("b1"), { persona_ids: [], room_ids: [] });
  void kira;
});

eachDatabase("rooms: members over time hear only what was said while present", async (db) => {
  const { aria, kira } = await setup(db);
  const rooms = new RoomRepository(db);
  await rooms.create({
    id: "r",
    name: "Tavern",
    scenario: "",
    reply_mode: "natural",
    max_replies: 3,
    created_at: "t",
  });
  const say = (n: number) =>
    rooms.append({
      id: `l${n}`,
      room_id: "r",
      speaker_kind: "user",
      persona_id: null,
      speaker: "user",
      content: `line ${n}`,
      reason: null,
      model: null,
      tokens: 0,
      created_at: `t${n}`,
    });
  assert.equal(await rooms.join("r", { personaId: aria.id, at: "t0" }), "joined");
  assert.equal(await rooms.join("r", { personaId: aria.id, at: "t0" }), "present", "already there");
  assert.equal(await rooms.join("r", { personaId: kira.id, at: "t0", cap: 1 }), "full");
  assert.equal((await say(1)).seq > 0, true);
  await rooms.join("r", { personaId: kira.id, at: "t1" });
  await say(2);
  assert.equal(await rooms.leave("r", { personaId: aria.id, at: "t2" }), true);
  await say(3);
  assert.deepEqual((await rooms.members("r")).map((m) => m.persona_id), [kira.id]);
  assert.deepEqual((await rooms.seenBy("r", { personaId: aria.id, limit: 10 })).map((m) => m.id), [
    "l1",
    "l2",
  ]);
  assert.deepEqual((await rooms.seenBy("r", { personaId: kira.id, limit: 10 })).map((m) => m.id), [
    "l2",
    "l3",
  ]);
  assert.equal(await rooms.count("r"), 3);
  const page = await rooms.page("r", { limit: 2 });
  assert.deepEqual(page.map((m) => m.id), ["l3", "l2"]);
  assert.equal((await rooms.findMessage("r", "l1"))?.content, "line 1");
  assert.deepEqual((await rooms.list()).map((r) => r.id), ["r"]);
  assert.equal(await rooms.delete("r"), true);
  assert.equal(await rooms.find("r"), undefined);
});
