import assert from "node:assert/strict";
import { createLogger } from "../log.ts";
import { PersonaRepository, PersonaService } from "../personas/mod.ts";
import { SqliteDatabase } from "../storage/mod.ts";
import { tempDirSync } from "../testing/temp_dirs.ts";
import type { CandidateQuery } from "./backend.ts";
import { LocalEmbedder } from "./embedder.ts";
import { KIND_TIES_SLICE } from "./kind_ties.ts";
import { PurgeQueue } from "./purges.ts";
import { MemoryService } from "./service.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import {
  CONTRACT_SETTINGS,
  HashedTestEmbedder,
  input,
  type MemoryFixture,
  memoryFixture,
} from "./testing/contract_fixture.ts";

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

Deno.test("SQLite kind ties follow a store, an import, an update, a reindex and a delete", async () => {
  const f = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    assert.deepEqual(await tied(f), [], "no memory: read at once, nothing tied");
    const home = await f.memory.store(
      f.aria,
      input({ content: "Elmhurst is the care home off Forest Road" }),
    );
    assert.deepEqual(await tied(f), ["home"]);
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
  } finally {
    await f.close();
  }
});

Deno.test("SQLite kind ties are read KIND_TIES_SLICE memories a call until all are; a store ahead of the reading is read once", async () => {
  const f = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const filler = Array.from(
      { length: KIND_TIES_SLICE + 10 },
      (_, i) => input({ content: `day ${i} at the market` }),
    );
    await f.memory.storeMany(f.aria, [...filler, input({ content: "our beagle Biscuit is 5" })]);
    assert.equal(await tied(f), undefined, "the first slice read: not known yet");
    // Stored ahead of the reading (a row number above the slices read): read by a later slice.
    await f.memory.store(f.aria, input({ content: "Elmhurst is the care home" }));
    assert.deepEqual(await tied(f), ["beagl", "home"], "the rest read");
  } finally {
    await f.close();
  }
});

Deno.test("SQLite kind ties keep writes behind an unfinished reading (update and delete of read memories)", async () => {
  const f = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const filler = Array.from(
      { length: KIND_TIES_SLICE + 10 },
      (_, i) => input({ content: `day ${i} at the market` }),
    );
    const [home, beagle] = await f.memory.storeMany(f.aria, [
      input({ content: "Elmhurst is the care home" }),
      input({ content: "our beagle Biscuit is 5" }),
      ...filler,
    ]);
    assert.equal(await tied(f), undefined, "the first slice read (both ties in it)");
    // Both rows lie behind the reading: no later slice reads them again, so only the writes
    // themselves can take their ties away.
    await f.memory.update(home!.id, { content: "Elmhurst shut in May" });
    await f.memory.delete(beagle!.id);
    assert.deepEqual(await tied(f), [], "the rest read: neither tie left");
  } finally {
    await f.close();
  }
});

Deno.test("SQLite kind ties follow another connection's commits and a rolled back transaction", async () => {
  const path = `${tempDirSync("kind-ties-")}/persona.db`;
  const ours = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), { path });
  const otherDb = new SqliteDatabase(path);
  const theirs = new MemoryService({
    backend: new SqliteBackend(otherDb),
    embedder: new LocalEmbedder(),
    personas: new PersonaService(new PersonaRepository(otherDb), ours.clock),
    clock: ours.clock,
    log: createLogger("error", { write: () => {} }),
    purges: new PurgeQueue(otherDb),
    settings: CONTRACT_SETTINGS,
  });
  try {
    await ours.memory.store(ours.aria, input({ content: "The ferry leaves at noon" }));
    assert.deepEqual(await tied(ours), []);
    const added = await theirs.store(ours.aria, input({ content: "Elmhurst is the care home" }));
    assert.deepEqual(await tied(ours), ["home"], "their store");
    await theirs.delete(added.id);
    assert.deepEqual(await tied(ours), [], "their delete");
    await assert.rejects(
      ours.db.transaction(async () => {
        await ours.memory.store(ours.aria, input({ content: "our beagle Biscuit is 5" }));
        assert.deepEqual(await tied(ours), ["beagl"], "inside the transaction");
        throw new Error("the caller fails");
      }),
      /the caller fails/,
    );
    assert.deepEqual(await tied(ours), [], "rolled back");
  } finally {
    await theirs.close();
    otherDb.close();
    await ours.close();
  }
});
