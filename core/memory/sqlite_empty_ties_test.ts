import assert from "node:assert/strict";
import { KIND_TIES_SLICE } from "./kind_ties.ts";
import { input } from "./testing/contract_fixture.ts";
import { handQuiet } from "./testing/quiet_moments.ts";
import {
  filler,
  KEYS,
  quietFixture,
  storedElsewhere,
  tied,
  tiedWhenRead,
} from "./testing/kind_ties.ts";
import type { MemoryFixture } from "./testing/contract_fixture.ts";
import { otherConnection } from "./testing/other_connection.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { tempDirSync } from "../testing/temp_dirs.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import type { MemoryWrite } from "./backend.ts";
import { IndexCache } from "./index_cache.ts";
import { tiesOf } from "./kind_ties.ts";
import { RowCache } from "./row_cache.ts";
import type { SqliteBackend } from "./sqlite_backend.ts";
import { TouchWriter } from "./sqlite_touch_writer.ts";
import { deletePersonaMemories, insertMemories, type WriteTargets } from "./sqlite_writes.ts";

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

Deno.test("SQLite kind ties take in content saved with no vector (as PostgreSQL's keys do)", async () => {
  const quiet = handQuiet();
  const f = await quietFixture(quiet);
  try {
    const [left] = await f.memory.storeMany(f.aria, [input({ content: "Tom left home early" })]);
    assert.deepEqual(await tied(f), [], "no name tied to a kind");
    // An internal save of new content without a vector (no save from the wire lacks one today).
    await f.backend.save([{ record: { ...left!, content: "Elmhurst is the care home" } }]);
    assert.deepEqual(await tied(f), ["home"], "the saved content's ties, not the old one's");
    assert.equal(quiet.waiting, false);
  } finally {
    await f.close();
  }
});

Deno.test("SQLite personas only written hold no index, only their kind ties, complete at their first search", async () => {
  const quiet = handQuiet();
  const f = await quietFixture(quiet);
  try {
    const [home, beagle] = await f.memory.storeMany(f.aria, [
      input({ content: "Elmhurst is the care home" }),
      input({ content: "our beagle Biscuit is 5" }),
      ...filler(3),
    ]);
    await f.memory.store(f.kira, input({ content: "our beagle Biscuit is 5" }));
    // Written while not loaded: the kept ties follow an update, a delete and another store.
    await f.memory.update(home!.id, { content: "Elmhurst shut in May" });
    await f.memory.delete(beagle!.id);
    await f.memory.store(f.aria, input({ content: "Oakwood is the care home now" }));
    const backend = f.backend as SqliteBackend;
    assert.equal(backend.indexed(f.aria.id), false, "Aria's indexes not loaded by her writes");
    assert.equal(backend.indexed(f.kira.id), false, "nor Kira's");
    assert.deepEqual(await tied(f), ["home"], "Aria's first search: her ties complete");
    assert.deepEqual(await tied(f, undefined, { personaId: f.kira.id }), ["beagl"], "Kira's");
    assert.equal(backend.indexed(f.aria.id), true, "loaded by the search");
    assert.equal(quiet.waiting, false, "no quiet moment waited for");
  } finally {
    await f.close();
  }
});

Deno.test("SQLite kind ties kept without indexes are dropped by another connection's commit to their persona", async () => {
  const quiet = handQuiet();
  const path = `${tempDirSync("written-ties-")}/persona.db`;
  const f = await quietFixture(quiet, { path });
  const other = otherConnection(path, f.clock);
  try {
    await f.memory.store(f.aria, input({ content: "Elmhurst is the care home" }));
    await f.memory.store(f.kira, input({ content: "Tom left early" }));
    await other.theirs.store(f.aria, input({ content: "our beagle Biscuit is 5" }));
    assert.equal(await tied(f), undefined, "Aria's: not known without reading theirs");
    assert.deepEqual(await tiedWhenRead(f, quiet), ["beagl", "home"]);
    assert.deepEqual(await tied(f, undefined, { personaId: f.kira.id }), [], "Kira's kept");
  } finally {
    await other.close();
    await f.close();
  }
});

/** An index cache over the fixture's connection and what its writes keep in step. */
function writeTargets(f: MemoryFixture): WriteTargets {
  const storage = f.db as SqliteDatabase;
  const rows = new RowCache();
  return {
    db: storage.connection,
    cache: new IndexCache(storage.connection),
    rows,
    touches: new TouchWriter(storage, rows),
  };
}

/** A new memory of `personaId` with a small vector of its own. */
function written(personaId: string, content: string): MemoryWrite {
  const vector = new Float32Array(8).map((_, i) => (content.length + i) % 5);
  return { record: sampleRecord({ persona_id: personaId, content, embedder: "e" }), vector };
}

const tiedKeys = (cache: IndexCache, personaId: string) => {
  const found = cache.ties(personaId)?.tied(KEYS);
  return found && [...found].sort();
};

/** Moves a persona's version as a write not through the cache does. */
const writtenAside = (targets: WriteTargets, id: string) =>
  targets.db.run("UPDATE memories SET importance = importance / 2 WHERE id = ?", id);

Deno.test("SQLite kind ties kept without indexes: adopted by the first load at their version only", async () => {
  const f = await quietFixture(handQuiet());
  try {
    const targets = writeTargets(f);
    const { cache } = targets;
    insertMemories(targets, [written(f.aria.id, "Elmhurst is the care home")]);
    assert.equal(cache.loadedVectors(f.aria.id, "e"), undefined, "no vectors loaded");
    assert.equal(cache.loadedLexical(f.aria.id), undefined, "no postings loaded");
    assert.deepEqual(tiedKeys(cache, f.aria.id), ["home"]);
    const kept = cache.ties(f.aria.id);
    const { lexical } = cache.get(f.aria.id, "e", 8);
    assert.equal(tiesOf(lexical), kept, "adopted by the load");
    const beagle = written(f.kira.id, "our beagle Biscuit is 5");
    insertMemories(targets, [beagle]);
    writtenAside(targets, beagle.record.id);
    cache.get(f.kira.id, "e", 8);
    assert.equal(cache.ties(f.kira.id), undefined, "at another version: dropped at the load");
  } finally {
    await f.close();
  }
});

Deno.test("SQLite kind ties kept without indexes: a write after another version's drops them", async () => {
  const f = await quietFixture(handQuiet());
  try {
    const targets = writeTargets(f);
    const first = written(f.aria.id, "Elmhurst is the care home");
    insertMemories(targets, [first]);
    writtenAside(targets, first.record.id);
    insertMemories(targets, [written(f.aria.id, "our beagle Biscuit is 5")]);
    assert.equal(targets.cache.ties(f.aria.id), undefined, "not moved on past a version unseen");
  } finally {
    await f.close();
  }
});

Deno.test("SQLite kind ties kept without indexes are forgotten with their persona, and by clear", async () => {
  const f = await quietFixture(handQuiet());
  try {
    const targets = writeTargets(f);
    insertMemories(targets, [written(f.aria.id, "Elmhurst is the care home")]);
    insertMemories(targets, [written(f.kira.id, "our beagle Biscuit is 5")]);
    deletePersonaMemories(targets, f.aria.id);
    assert.equal(targets.cache.ties(f.aria.id), undefined, "a deleted persona's");
    assert.deepEqual(tiedKeys(targets.cache, f.kira.id), ["beagl"]);
    targets.cache.clear();
    assert.equal(targets.cache.ties(f.kira.id), undefined, "cleared");
  } finally {
    await f.close();
  }
});

Deno.test("SQLite kind ties kept without indexes are forgotten by the refresh that sees another connection's commit to their persona", async () => {
  const path = `${tempDirSync("written-ties-")}/persona.db`;
  const f = await quietFixture(handQuiet(), { path });
  const other = otherConnection(path, f.clock);
  try {
    const targets = writeTargets(f);
    insertMemories(targets, [written(f.aria.id, "Elmhurst is the care home")]);
    insertMemories(targets, [written(f.kira.id, "our beagle Biscuit is 5")]);
    await other.theirs.store(f.aria, input({ content: "Tom left early" }));
    assert.equal(targets.cache.refresh(), true);
    assert.equal(targets.cache.ties(f.aria.id), undefined, "Aria's, written elsewhere");
    assert.deepEqual(tiedKeys(targets.cache, f.kira.id), ["beagl"], "Kira's kept");
  } finally {
    await other.close();
    await f.close();
  }
});
