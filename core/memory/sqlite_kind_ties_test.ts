import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import { tempDirSync } from "../testing/temp_dirs.ts";
import type { CandidateQuery } from "./backend.ts";
import type { MemoryRecord } from "./schema.ts";
import { LocalEmbedder } from "./embedder.ts";
import { KIND_TIES_SLICE } from "./kind_ties.ts";
import { otherConnection } from "./testing/other_connection.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import {
  HashedTestEmbedder,
  input,
  type MemoryFixture,
  memoryFixture,
} from "./testing/contract_fixture.ts";
import { type HandQuiet, handQuiet } from "./testing/quiet_moments.ts";

const KEYS = ["home", "beagl", "tire"];

/** The kind keys of {@linkcode KEYS} Aria's memories tie, as a search asks the backend. */
async function tied(f: MemoryFixture): Promise<string[] | undefined> {
  const [vector] = await new LocalEmbedder().embed(["the care home"]);
  const query: CandidateQuery = {
    personaId: f.aria.id,
    othersVisibility: [],
    vector: vector!,
    embedder: f.memory.embedderId,
    terms: ["care", "home"],
    minImportance: 0,
    limit: 50,
  };
  const found = await f.backend.tiedKinds!(query, KEYS);
  return found === undefined ? undefined : [...found].sort();
}

/** {@linkcode tied} once the quiet moments have read every slice (at most 100 of them). */
async function tiedWhenRead(f: MemoryFixture, quiet: HandQuiet): Promise<string[]> {
  for (let moment = 0; moment < 100; moment++) {
    const found = await tied(f);
    if (found !== undefined) return found;
    assert.ok(await quiet.fire(), "an unread reading waits for a quiet moment");
  }
  throw new Error("the kind ties were never read");
}

/** A fixture over a SQLite backend whose quiet moments `quiet` fires. */
function quietFixture(quiet: HandQuiet, options: { path?: string } = {}): Promise<MemoryFixture> {
  return memoryFixture(
    (db) => new SqliteBackend(db as SqliteDatabase, { whenQuiet: quiet.whenQuiet }),
    options,
  );
}

/**
 * A fixture over a SQLite file whose first memories, `inputs` (in that order), another
 * connection stored: its index loads them from the file at its first search, their ties left to
 * the quiet reading (a persona this process writes from empty has them complete, perf61).
 */
async function storedElsewhere(
  quiet: HandQuiet,
  inputs: ReturnType<typeof input>[],
): Promise<{ f: MemoryFixture; stored: MemoryRecord[] }> {
  const path = `${tempDirSync("kind-ties-")}/persona.db`;
  const f = await quietFixture(quiet, { path });
  const other = otherConnection(path, f.clock);
  try {
    return { f, stored: await other.theirs.storeMany(f.aria, inputs) };
  } finally {
    await other.close();
  }
}

/** `count` memories that tie no kind. */
function filler(count: number): ReturnType<typeof input>[] {
  return Array.from({ length: count }, (_, i) => input({ content: `day ${i} at the market` }));
}

Deno.test("SQLite kind ties follow a store, an import, an update, a reindex and a delete", async () => {
  const quiet = handQuiet();
  const f = await quietFixture(quiet);
  try {
    assert.deepEqual(await tiedWhenRead(f, quiet), [], "no memory: nothing tied");
    const home = await f.memory.store(
      f.aria,
      input({ content: "Elmhurst is the care home off Forest Road" }),
    );
    assert.deepEqual(await tied(f), ["home"], "written through: no reading");
    const [beagle] = await f.memory.storeMany(f.aria, [
      input({ content: "our beagle Biscuit is 5" }),
      input({ content: "Tom was tired after the match" }),
    ]);
    assert.deepEqual(await tied(f), ["beagl", "home"]);
    await f.memory.update(home.id, { content: "Elmhurst shut in May" });
    assert.deepEqual(await tied(f), ["beagl"]);
    // A reindex writes a vector, not the content: the ties stay.
    const hashed = new HashedTestEmbedder(8);
    const [vector] = await hashed.embed([beagle!.content]);
    await f.backend.writeVectors([{ record: beagle!, embedder: hashed.id, vector: vector! }]);
    assert.deepEqual(await tied(f), ["beagl"]);
    await f.memory.delete(beagle!.id);
    assert.deepEqual(await tied(f), []);
    assert.equal(quiet.waiting, false, "complete: nothing left for a quiet moment");
  } finally {
    await f.close();
  }
});

Deno.test("SQLite kind ties: a search reads no slice, the quiet moments read them all; a store ahead of the reading is read once", async () => {
  const quiet = handQuiet();
  const { f } = await storedElsewhere(quiet, [
    ...filler(KIND_TIES_SLICE + 10),
    input({ content: "our beagle Biscuit is 5" }),
  ]);
  try {
    // Before the quiet reading (issue 17) two searches read both slices and the third knew.
    for (let search = 0; search < 3; search++) {
      assert.equal(await tied(f), undefined, `search ${search}: no slice read, not known`);
    }
    assert.equal(quiet.waiting, true, "the reading waits for a quiet moment");
    assert.ok(await quiet.fire(), "the first quiet slice");
    // At most KIND_TIES_SLICE of the 267 read: this row number is ahead of the reading.
    await f.memory.store(f.aria, input({ content: "Elmhurst is the care home" }));
    assert.deepEqual(await tiedWhenRead(f, quiet), ["beagl", "home"], "the rest read");
    assert.equal(quiet.waiting, false, "complete: no more quiet moments waited for");
  } finally {
    await f.close();
  }
});

Deno.test("SQLite kind ties keep writes behind an unfinished reading (update and delete of read memories)", async () => {
  const quiet = handQuiet();
  const { f, stored: [home, beagle] } = await storedElsewhere(quiet, [
    input({ content: "Elmhurst is the care home" }),
    input({ content: "our beagle Biscuit is 5" }),
    ...filler(KIND_TIES_SLICE + 10),
  ]);
  try {
    assert.equal(await tied(f), undefined);
    assert.ok(await quiet.fire(), "the first quiet slice (the first row at least)");
    // The first row lies behind the reading: no later slice reads it again, so only the write
    // itself can take its tie away (the second, if not read yet, goes with its row).
    await f.memory.update(home!.id, { content: "Elmhurst shut in May" });
    await f.memory.delete(beagle!.id);
    assert.deepEqual(await tiedWhenRead(f, quiet), [], "the rest read: neither tie left");
  } finally {
    await f.close();
  }
});

Deno.test("SQLite kind ties keep a write made between two quiet slices", async () => {
  const quiet = handQuiet();
  const { f, stored: [home] } = await storedElsewhere(quiet, [
    input({ content: "Elmhurst is the care home" }),
    ...filler(KIND_TIES_SLICE + 10),
  ]);
  try {
    assert.equal(await tied(f), undefined);
    assert.ok(await quiet.fire(), "the first quiet slice");
    assert.equal(quiet.waiting, true, "more to read: the next quiet moment waited for");
    // Between the slices: the read row loses its tie, a new one ties "beagle".
    await f.memory.update(home!.id, { content: "Elmhurst shut in May" });
    await f.memory.store(f.aria, input({ content: "our beagle Biscuit is 5" }));
    assert.equal(await tied(f), undefined, "a search between the slices reads none");
    assert.deepEqual(await tiedWhenRead(f, quiet), ["beagl"]);
  } finally {
    await f.close();
  }
});

Deno.test("SQLite kind ties follow another connection's commits and a rolled back transaction", async () => {
  const path = `${tempDirSync("kind-ties-")}/persona.db`;
  const quiet = handQuiet();
  const ours = await quietFixture(quiet, { path });
  const other = otherConnection(path, ours.clock);
  const { theirs } = other;
  try {
    await ours.memory.store(ours.aria, input({ content: "The ferry leaves at noon" }));
    assert.deepEqual(await tiedWhenRead(ours, quiet), []);
    const added = await theirs.store(ours.aria, input({ content: "Elmhurst is the care home" }));
    // Their commit reloads our index: its ties go with it and are read again.
    assert.equal(await tied(ours), undefined, "their store: the ties dropped with the index");
    assert.deepEqual(await tiedWhenRead(ours, quiet), ["home"], "their store");
    await theirs.delete(added.id);
    assert.deepEqual(await tiedWhenRead(ours, quiet), [], "their delete");
    await assert.rejects(
      ours.db.transaction(async () => {
        await ours.memory.store(ours.aria, input({ content: "our beagle Biscuit is 5" }));
        assert.deepEqual(await tied(ours), ["beagl"], "inside the transaction");
        throw new Error("the caller fails");
      }),
      /the caller fails/,
    );
    assert.deepEqual(await tiedWhenRead(ours, quiet), [], "rolled back");
  } finally {
    await other.close();
    await ours.close();
  }
});

Deno.test("SQLite kind ties: an index dropped before the quiet moment is not read, the next search asks again", async () => {
  const path = `${tempDirSync("kind-ties-")}/persona.db`;
  const quiet = handQuiet();
  const ours = await quietFixture(quiet, { path });
  const other = otherConnection(path, ours.clock);
  const { theirs } = other;
  try {
    // Stored elsewhere: our index loads it from the file, its ties left to the quiet reading.
    await theirs.store(ours.aria, input({ content: "The ferry leaves at noon" }));
    assert.equal(await tied(ours), undefined);
    assert.equal(quiet.waiting, true);
    // Their commit: our index is dropped at the quiet slice's refresh, its ties with it.
    await theirs.store(ours.aria, input({ content: "Elmhurst is the care home" }));
    assert.ok(await quiet.fire());
    assert.equal(quiet.waiting, false, "nothing loaded to read: the persona leaves the queue");
    assert.deepEqual(await tiedWhenRead(ours, quiet), ["home"], "the next search asks again");
  } finally {
    await other.close();
    await ours.close();
  }
});

Deno.test("SQLite kind ties of a persona written from empty are complete at once and follow its writes, with no quiet moment", async () => {
  const quiet = handQuiet();
  const f = await quietFixture(quiet);
  try {
    // No search first: the first store loads the empty index, every write after keeps it.
    const [home, beagle] = await f.memory.storeMany(f.aria, [
      input({ content: "Elmhurst is the care home" }),
      input({ content: "our beagle Biscuit is 5" }),
      ...filler(KIND_TIES_SLICE + 10),
    ]);
    assert.deepEqual(await tied(f), ["beagl", "home"], "no stored content read");
    assert.equal(quiet.waiting, false, "no quiet moment waited for");
    await f.memory.update(home!.id, { content: "Elmhurst shut in May" });
    assert.deepEqual(await tied(f), ["beagl"], "an update");
    await f.memory.delete(beagle!.id);
    assert.deepEqual(await tied(f), [], "a delete");
    await f.memory.store(f.aria, input({ content: "Oakwood is the care home now" }));
    assert.deepEqual(await tied(f), ["home"], "a store");
    assert.equal(quiet.waiting, false);
  } finally {
    await f.close();
  }
});

Deno.test("SQLite kind ties: a store to a persona with memories stored elsewhere leaves them to the quiet reading", async () => {
  const quiet = handQuiet();
  const { f } = await storedElsewhere(quiet, [input({ content: "Elmhurst is the care home" })]);
  try {
    await f.memory.store(f.aria, input({ content: "our beagle Biscuit is 5" }));
    assert.equal(await tied(f), undefined, "the first memory's ties not known without reading");
    assert.deepEqual(await tiedWhenRead(f, quiet), ["beagl", "home"]);
  } finally {
    await f.close();
  }
});

Deno.test("SQLite kind ties of a persona whose first store is rolled back start again from empty", async () => {
  const quiet = handQuiet();
  const f = await quietFixture(quiet);
  try {
    await assert.rejects(
      f.db.transaction(async () => {
        await f.memory.store(f.aria, input({ content: "our beagle Biscuit is 5" }));
        assert.deepEqual(await tied(f), ["beagl"], "inside the transaction");
        throw new Error("the caller fails");
      }),
      /the caller fails/,
    );
    assert.deepEqual(await tied(f), [], "rolled back: empty again, complete");
    await f.memory.store(f.aria, input({ content: "Elmhurst is the care home" }));
    assert.deepEqual(await tied(f), ["home"]);
    assert.equal(quiet.waiting, false);
  } finally {
    await f.close();
  }
});
