/**
 * `room.list` shows each room's scenario as an excerpt (`listed.ts`): at most 200 UTF-16 units,
 * cut between characters (graphemes), `scenario_truncated: true` when there is more, and
 * `room.get` still has the whole text. A page of 100 rooms with scenarios of the largest size
 * stays tens of kilobytes (before: 2 MB). On SQLite a list reads at most the first overflow pages
 * of a scenario, never all of it (by the bytes this thread reads from files, not by timing), and
 * the migration fills the head of rooms stored before it, on each database.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import {
  type Persona,
  PersonaCreate,
  personaMigrations,
  PersonaRepository,
  PersonaService,
} from "../personas/mod.ts";
import { type Database, storageMigrations } from "../storage/mod.ts";
import { SqliteDatabase } from "../storage/sqlite.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { EXCERPT_CASES, LONG_TEXT_MAX, LONGEST_TEXTS } from "../storage/testing/excerpts.ts";
import { bytesRead, readBy } from "../storage/testing/thread_reads.ts";
import { cutText } from "../text_cut.ts";
import { LISTED_SCENARIO_MAX } from "./listed.ts";
import { roomMigrations, RoomRepository } from "./repository.ts";
import { type RoomDeps, RoomService } from "./service.ts";

/** The largest scenario room.create takes (UTF-16 units). */
const SCENARIO_MAX = LONG_TEXT_MAX;
const BASE = [...storageMigrations, ...personaMigrations];

async function setup(db: Database, rooms = roomMigrations) {
  await db.migrate([...BASE, ...rooms]);
  const clock = new ManualClock();
  const personas = new PersonaService(new PersonaRepository(db), clock);
  const repository = new RoomRepository(db);
  // Listing uses the rooms, personas and the clock only.
  const service = new RoomService({ repository, personas, clock } as unknown as RoomDeps);
  const people: Persona[] = [];
  for (const name of ["Ann", "Bo", "Cy"]) {
    people.push(await personas.create(PersonaCreate.parse({ name })));
  }
  return { clock, rooms: service, repository, people };
}

const a = (n: number) => "a".repeat(n);
const BOUNDARY = EXCERPT_CASES;

eachDatabase(
  "a listed room's scenario is its excerpt at the boundary; room.get has it whole",
  async (db) => {
    const { rooms, people } = await setup(db);
    const ids = new Map<string, string>();
    for (const [label, scenario] of BOUNDARY) {
      ids.set(label, (await rooms.create({ personas: people, scenario, name: label })).id);
    }
    const listed = new Map((await rooms.page({ limit: 100 })).items.map((room) => [room.id, room]));
    for (const [label, scenario, excerpt] of BOUNDARY) {
      const id = ids.get(label)!;
      const room = listed.get(id)!;
      assert.equal(room.scenario, excerpt ?? scenario, label);
      assert.equal(room.scenario, cutText(scenario, LISTED_SCENARIO_MAX), label);
      assert.equal(room.scenario_truncated, excerpt === undefined ? undefined : true, label);
      assert.equal("scenario_truncated" in room, excerpt !== undefined, label);
      assert.equal((await rooms.view(id)).scenario, scenario, label);
      assert.equal((await rooms.get(id)).scenario, scenario, label);
    }
  },
);

eachDatabase("a page of 100 rooms with scenarios of the largest size stays small", async (db) => {
  const { rooms, people } = await setup(db);
  const full = new Map<string, string>();
  for (let i = 0; i < 100; i++) {
    const scenario = LONGEST_TEXTS[i % LONGEST_TEXTS.length]!;
    full.set((await rooms.create({ personas: people, scenario })).id, scenario);
  }
  const page = await rooms.page({ limit: 100 });
  assert.equal(page.items.length, 100);
  const bytes = new TextEncoder().encode(JSON.stringify(page)).length;
  // Each room: its excerpt (at most 1.2 kB as JSON: 200 control characters) and 3 members.
  assert.ok(bytes < 100 * 1_800, `a page of 100 rooms is ${bytes} bytes`);
  for (const room of page.items) {
    assert.ok(room.scenario.length <= LISTED_SCENARIO_MAX);
    assert.equal(room.scenario_truncated, true);
    assert.ok((await rooms.view(room.id)).scenario === full.get(room.id));
  }
});

Deno.test({
  name: "a page of rooms reads a few pages of each scenario at most, not all of it [sqlite]",
  ignore: bytesRead() === undefined,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    const db = new SqliteDatabase(`${dir}/rooms.db`);
    try {
      db.connection.raw.exec("PRAGMA cache_size = 8"); // pages: a scenario is read from the file
      const { rooms, people } = await setup(db);
      const scenario = "語".repeat(SCENARIO_MAX); // 60 kB of UTF-8
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        ids.push((await rooms.create({ personas: people, scenario })).id);
      }
      const first = await rooms.page({ limit: 5 });
      const read = await readBy(async () => {
        await rooms.page({ limit: 20 });
        await rooms.page({ limit: 10, cursor: first.next_cursor! });
      });
      // A row's head may reach its first overflow page or two (how much of a row is stored
      // with it depends on the row's size): 30 rows read, whole scenarios 1.8 MB. Run alone it
      // reads about 50 kB; after the rest of core/lore and core/rooms, about 210 kB.
      assert.ok(read < 30 * 60_000 / 4, `two pages read ${read} bytes (scenarios: 30 × 60 kB)`);
      // The measure sees a scenario read: room.get reads it whole.
      const whole = await readBy(() => rooms.get(ids[3]!));
      assert.ok(whole > 40_000, `room.get read ${whole} bytes`);
    } finally {
      await db.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

eachDatabase("rooms stored before the scenario's head are listed right after it", async (db) => {
  await db.migrate([...BASE, ...roomMigrations.slice(0, 3)]);
  const insert = (id: string, scenario: string, at: string) =>
    db.run(
      `INSERT INTO rooms (id, name, scenario, reply_mode, max_replies, created_at)
       VALUES (?, ?, ?, 'natural', 2, ?)`,
      id,
      id,
      scenario,
      at,
    );
  const old = BOUNDARY.map(([, scenario]) => scenario);
  for (const [i, scenario] of old.entries()) {
    await insert(`room_${i}`, scenario, `2026-01-01T00:00:${String(i).padStart(2, "0")}.000Z`);
  }
  const { rooms } = await setup(db);
  // Written by raw SQL after it (no head given), and a scenario changed in place.
  await insert("room_later", a(300), "2026-01-02T00:00:00.000Z");
  await db.run("UPDATE rooms SET scenario = ? WHERE id = 'room_0'", "😀".repeat(150));
  const expected = new Map(old.map((scenario, i) => [`room_${i}`, scenario]));
  expected.set("room_later", a(300));
  expected.set("room_0", "😀".repeat(150));
  const page = await rooms.page({ limit: 100 });
  assert.equal(page.items.length, expected.size);
  for (const room of page.items) {
    const scenario = expected.get(room.id)!;
    assert.equal(room.scenario, cutText(scenario, LISTED_SCENARIO_MAX), room.id);
    assert.equal(room.scenario_truncated, scenario.length > LISTED_SCENARIO_MAX || undefined);
    assert.equal((await rooms.get(room.id)).scenario, scenario, room.id);
  }
});
