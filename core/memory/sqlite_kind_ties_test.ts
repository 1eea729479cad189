import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import { tempDirSync } from "../testing/temp_dirs.ts";
import { keepTies, KIND_TIES_SLICE, KindTies } from "./kind_ties.ts";
import { KIND_TIES_FIRST_PAGE, readTiesSlice, TIES_SLICE_MS } from "./sqlite_kind_ties.ts";
import { SqliteDatabase as Database } from "../storage/mod.ts";
import type { LexicalIndex } from "./lexical_index.ts";
import { PREPARE_SLICE_MS } from "./memory_prep.ts";
import { otherConnection } from "./testing/other_connection.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { HashedTestEmbedder, input, memoryFixture } from "./testing/contract_fixture.ts";
import { handQuiet } from "./testing/quiet_moments.ts";
import {
  filler,
  KEYS,
  quietFixture,
  storedElsewhere,
  tied,
  tiedWhenRead,
} from "./testing/kind_ties.ts";

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

/**
 * `count` stored contents of one persona on a bare `memories` table, every tenth tying "beagl",
 * and a reading of their ties; the rows and queries the reading's SQL returned are counted.
 */
function countedReading(count: number) {
  const db = new Database(":memory:").connection;
  db.exec("CREATE TABLE memories (seq INTEGER PRIMARY KEY, persona_id TEXT, content TEXT)");
  const long = " Tom was tired after the match and Ann said the Foundry was shut.".repeat(40);
  for (let i = 0; i < count; i++) {
    const content = i % 10 === 0 ? `Biscuit${i}, the beagle.${long}` : `Day ${i}.${long}`;
    db.run("INSERT INTO memories (persona_id, content) VALUES ('p', ?)", content);
  }
  const read = { rows: 0, queries: 0 };
  const all = db.all.bind(db);
  db.all = <T>(sql: string, ...params: Parameters<typeof all>[1][]) => {
    const rows = all<T>(sql, ...params);
    read.queries++;
    read.rows += rows.length;
    return rows;
  };
  const lexical = {} as LexicalIndex<number>;
  const ties = keepTies(lexical, new KindTies<number>({ after: 0 }));
  const slice = (budgetMs: number) => readTiesSlice(db, { personaId: "p", lexical, budgetMs });
  return { read, ties, slice };
}

Deno.test("a quiet slice reads rows a page at a time: past its budget it has read at most a page more than it took in", () => {
  assert.equal(KIND_TIES_FIRST_PAGE, 8);
  const { read, ties, slice } = countedReading(40);
  // A budget of 0 ms is spent after every text: each slice takes in one.
  let slices = 0;
  while (slice(0)) slices++;
  assert.equal(slices + 1, 40, "one text a slice");
  // Before: every slice read all rows left up to KIND_TIES_SLICE (40 + 39 + ... + 1 = 820).
  assert.ok(read.rows <= 40 * KIND_TIES_FIRST_PAGE, `${read.rows} rows read for 40 texts`);
  assert.deepEqual([...ties.tied(["beagl", "tire"])!], ["beagl"]);
});

Deno.test("a quiet slice with time to spare takes in KIND_TIES_SLICE rows in pages doubling from KIND_TIES_FIRST_PAGE", () => {
  const { read, ties, slice } = countedReading(KIND_TIES_SLICE + 20);
  assert.equal(slice(Infinity), true, "more left");
  // 8 + 16 + 32 + 64 + 128, then the 8 left of 256.
  assert.deepEqual(read, { rows: KIND_TIES_SLICE, queries: 6 });
  assert.equal(ties.after, KIND_TIES_SLICE);
  assert.equal(slice(Infinity), false, "the rest, and done");
  // 8, then 12 of a page of 16: the last page.
  assert.deepEqual(read, { rows: KIND_TIES_SLICE + 20, queries: 8 });
  assert.deepEqual([...ties.tied(["beagl"])!], ["beagl"]);
});

Deno.test("SQLite kind ties: the quiet reading begins at the first row", async () => {
  const quiet = handQuiet();
  // The first memory stored (row number 1), before any search, and elsewhere (a store of ours
  // to an empty persona makes the ties complete): only the reading knows it.
  const { f } = await storedElsewhere(quiet, [
    input({ content: "Elmhurst is the care home" }),
    input({ content: "The ferry leaves at noon" }),
  ]);
  try {
    assert.equal(await tied(f), undefined);
    assert.deepEqual(await tiedWhenRead(f, quiet), ["home"]);
  } finally {
    await f.close();
  }
});

Deno.test("readTiesSlice: past its time a slice reads one row, in row order; the last row read says none is left", async () => {
  assert.equal(TIES_SLICE_MS, PREPARE_SLICE_MS);
  const f = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (
      const content of [
        "Elmhurst is the care home",
        "Tom was tired after the match",
        "our beagle Biscuit is 5",
      ]
    ) await f.memory.store(f.aria, input({ content }));
    const connection = (f.db as SqliteDatabase).connection;
    // Any object keys the ties: read from the first row on, as a search leaves them.
    const lexical = {} as LexicalIndex<number>;
    const ties = keepTies(lexical, new KindTies<number>({ after: 0 }));
    const slice = { personaId: f.aria.id, lexical, budgetMs: 0 };
    const left: boolean[] = [];
    for (let call = 0; call < 10 && !ties.complete; call++) {
      left.push(readTiesSlice(connection, slice));
      // One row a call, in row order: the ties are known only once the last is read.
      if (!ties.complete) assert.equal(ties.tied(KEYS), undefined);
    }
    assert.deepEqual(left, [true, true, false]);
    assert.deepEqual([...ties.tied(KEYS)!].sort(), ["beagl", "home"]);
    assert.equal(readTiesSlice(connection, slice), false, "complete: nothing to read");
  } finally {
    await f.close();
  }
});
