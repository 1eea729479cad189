/**
 * The storage contract: every repository behaves the same on SQLite and on PostgreSQL (each case
 * runs on both, `eachDatabase`). Personas, relationships and emotions have their own cases
 * beside their services; memory has its contract suite (`core/memory/testing/`). Chat history:
 * contract_history_test.ts; dialogues: contract_dialogues_test.ts.
 */
import assert from "node:assert/strict";
import { AssetRepository } from "../characters/mod.ts";
import { ICON_HEAD_BYTES } from "../characters/repository.ts";
import { LorebookRepository } from "../lore/mod.ts";
import { PurgeQueue } from "../memory/mod.ts";
import type { Persona } from "../personas/mod.ts";
import { RoomRepository } from "../rooms/mod.ts";
import { SavedSessionStore } from "../sessions/mod.ts";
import { eachDatabase } from "./testing/databases.ts";
import { setup } from "./testing/contract_fixture.ts";

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
