/**
 * `room.list`'s pages read in SQL (`RoomService.page`) on each database: the same rooms, order,
 * cursors and totals as paging every room's view in memory (`pageOf`, what the list did before)
 * for every cursor a client can hold, including one naming a deleted room (after which every
 * cursor, new or old, continues right after its place); and a page costs the same statements whatever
 * the number of rooms (before, about 20 per room for any page).
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { encodeCursor, pageOf } from "../paging.ts";
import {
  type Persona,
  PersonaCreate,
  personaMigrations,
  PersonaRepository,
  PersonaService,
} from "../personas/mod.ts";
import { type Database, storageMigrations } from "../storage/mod.ts";
import { withoutAt } from "../storage/testing/cursors.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { watchStatements } from "../storage/testing/statements.ts";
import { roomMigrations, RoomRepository } from "./repository.ts";
import { type RoomDeps, RoomService, type RoomView } from "./service.ts";

async function setup(db: Database) {
  await db.migrate([...storageMigrations, ...personaMigrations, ...roomMigrations]);
  const clock = new ManualClock();
  const personas = new PersonaService(new PersonaRepository(db), clock);
  const repository = new RoomRepository(db);
  // Listing uses the rooms, personas and the clock only.
  const rooms = new RoomService({ repository, personas, clock } as unknown as RoomDeps);
  const people: Persona[] = [];
  for (const name of ["Ann", "Bo", "Cy"]) {
    people.push(await personas.create(PersonaCreate.parse({ name })));
  }
  return { clock, rooms, repository, people };
}

/** Opens `n` rooms, some at the same time (their ids order them), with lines and leavers. */
async function fill(
  { clock, rooms, repository, people }: Awaited<ReturnType<typeof setup>>,
  n: number,
) {
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) clock.advance(1000);
    const room = await rooms.create({ personas: people.slice(0, 1 + (i % 3)), scenario: `s${i}` });
    for (let line = 0; line < i % 4; line++) {
      await repository.append({
        id: `${room.id}_${line}`,
        room_id: room.id,
        speaker_kind: "user",
        persona_id: null,
        speaker: "User",
        content: `line ${line}`,
        reason: null,
        model: null,
        tokens: 0,
        created_at: room.created_at,
      });
    }
    if (i % 5 === 4) await rooms.leave(room.id, people[0]!);
  }
}

/** The list as it was paged before: every room's view, then `pageOf`. */
async function pagedInMemory(rooms: RoomService, repository: RoomRepository, request: {
  limit: number;
  cursor?: string;
}) {
  const all: RoomView[] = [];
  for (const room of await repository.list()) all.push(await rooms.view(room.id));
  const { items, ...paging } = pageOf(all, request, (room) => room.id);
  return { items, total_count: all.length, ...paging };
}

eachDatabase("room pages read in SQL equal the rooms paged in memory", async (db) => {
  const fixture = await setup(db);
  await fill(fixture, 11);
  const { rooms, repository } = fixture;
  const ids = (await repository.list()).map((room) => room.id);
  const cursors: (string | undefined)[] = [
    undefined,
    encodeCursor({ offset: 4 }),
    encodeCursor({ offset: 11 }),
    encodeCursor({ offset: 50 }),
    encodeCursor({ offset: 3, key: ids[6]! }),
    encodeCursor({ offset: 3, key: "room_gone" }),
  ];
  for (const limit of [1, 2, 3, 5, 11, 20]) {
    // Walk the whole list, then try each other cursor.
    let cursor: string | undefined;
    do {
      const page = await rooms.page({ limit, cursor });
      assert.deepEqual(
        withoutAt(page),
        withoutAt(await pagedInMemory(rooms, repository, { limit, cursor })),
      );
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    for (const other of cursors) {
      assert.deepEqual(
        withoutAt(await rooms.page({ limit, cursor: other })),
        withoutAt(await pagedInMemory(rooms, repository, { limit, cursor: other })),
      );
    }
  }
  // The room a cursor names is deleted: the next page starts right after its place (attack11
  // F5: at its position, one room was skipped), read in SQL (the cursor names its created_at)
  // as in memory (the cursor names the room after it); a cursor of the old form, at its old place,
  // both ways.
  const first = await rooms.page({ limit: 4 });
  const firstInMemory = await pagedInMemory(rooms, repository, { limit: 4 });
  const all = (await rooms.page({ limit: 20 })).items;
  await rooms.delete(first.items.at(-1)!.id);
  const next = await rooms.page({ limit: 4, cursor: first.next_cursor! });
  assert.deepEqual(next.items, all.slice(4, 8));
  const inMemory = { limit: 4, cursor: firstInMemory.next_cursor! };
  assert.deepEqual((await pagedInMemory(rooms, repository, inMemory)).items, all.slice(4, 8));
  const old = { limit: 4, cursor: withoutAt(first).next_cursor! };
  const oldPage = await rooms.page(old);
  assert.deepEqual(oldPage.items, all.slice(4, 8));
  assert.deepEqual(withoutAt(oldPage), withoutAt(await pagedInMemory(rooms, repository, old)));
});

eachDatabase("a page of rooms costs the same statements at 4 rooms and at 40", async (db) => {
  const fixture = await setup(db);
  const log = watchStatements(db);
  // On the rooms' tables (the personas' cache may check its change stamp, whenever it is due).
  const statements = () => log.sql.filter((sql) => /\broom/.test(sql)).length;
  const cost = async () => {
    const first = await fixture.rooms.page({ limit: 2 });
    log.reset();
    await fixture.rooms.page({ limit: 2 });
    const fromStart = statements();
    log.reset();
    await fixture.rooms.page({ limit: 2, cursor: first.next_cursor! });
    return [fromStart, statements()];
  };
  await fill(fixture, 4);
  const few = await cost();
  await fill(fixture, 36);
  assert.deepEqual(await cost(), few);
  assert.ok(few[0]! <= 4 && few[1]! <= 6, `statements per page: ${few}`);
});
