import assert from "node:assert/strict";
import { SqliteConnection, type SqliteDatabase } from "../storage/mod.ts";
import { LocalEmbedder } from "./embedder.ts";
import { insertedRow } from "./inserted_rows.ts";
import { queryTerms } from "./lexical_index.ts";
import type { MemoryRecord } from "./schema.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { recordValues, STORED_COLUMNS } from "./sqlite_rows.ts";
import { rowsBySeqs } from "./sqlite_candidates.ts";
import { input, type MemoryFixture, memoryFixture } from "./testing/contract_fixture.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { tempDirSync } from "../testing/temp_dirs.ts";

async function sqliteFixture() {
  return await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
}

/** The backend's candidates for `text` among Aria's memories: id → record. */
async function candidates(fixture: MemoryFixture, text: string, backend = fixture.backend) {
  const embedder = new LocalEmbedder();
  const [vector] = await embedder.embed([text]);
  const found = await backend.candidates({
    personaId: fixture.aria.id,
    othersVisibility: [],
    vector: vector!,
    embedder: embedder.id,
    terms: queryTerms(text),
    minImportance: 0,
    limit: 50,
  });
  return new Map(found.map(({ record }) => [record.id, record]));
}

/** Runs `work`, counting the candidate rows read out of SQLite meanwhile (`rowsBySeqs`). */
async function countingRowReads<T>(work: () => Promise<T>): Promise<{ result: T; reads: number }> {
  const prepare = SqliteConnection.prototype.prepare;
  let reads = 0;
  SqliteConnection.prototype.prepare = function (this: SqliteConnection, sql: string) {
    if (sql.includes("WHERE seq IN (SELECT value FROM json_each(?))")) reads++;
    return prepare.call(this, sql);
  };
  try {
    return { result: await work(), reads };
  } finally {
    SqliteConnection.prototype.prepare = prepare;
  }
}

/** The row kept for `record` inserted as row `seq` (the values bound as the insert binds them). */
function kept(record: MemoryRecord, seq: number) {
  return insertedRow(record, { seq, values: recordValues(record, STORED_COLUMNS) });
}

/** A record of Aria's with every column set (`fields` over it). */
function record(fixture: MemoryFixture, fields: Partial<MemoryRecord>): MemoryRecord {
  return sampleRecord({
    id: crypto.randomUUID(),
    persona_id: fixture.aria.id,
    content: "Aria keeps bees on the roof",
    importance_set_at: "2026-06-01T00:00:00.000Z",
    created_at: "2026-06-01T00:00:00.000Z",
    embedder: new LocalEmbedder().id,
    ...fields,
  });
}

Deno.test("inserted rows: each is the row a read gives back, or none when SQLite changes it", async () => {
  const fixture = await sqliteFixture();
  try {
    const connection = (fixture.db as SqliteDatabase).connection;
    const records = [
      record(fixture, {}),
      record(fixture, {
        content: "Café naïve 🐝 — ünïcode",
        importance: 1,
        base_importance: 0.25,
        emotional_valence: -0,
        related_personas: [fixture.kira.id],
        metadata: { dialogue: "d1", nested: { list: [1, "two", null, true] } },
        accessed_count: 3,
        last_accessed: "2026-05-30T10:00:00.000Z",
        visibility: "shared",
        supersedes: ["a"],
        source_ids: ["b", "c"],
      }),
      record(fixture, { memory_type: "fact", emotional_valence: -0.75, importance: 0 }),
    ];
    const [vector] = await new LocalEmbedder().embed(["bees"]);
    await fixture.backend.insert(records.map((record) => ({ record, vector: vector! })));
    for (const record of records) {
      const { seq } = connection.get<{ seq: number }>(
        "SELECT seq FROM memories WHERE id = ?",
        record.id,
      )!;
      assert.deepStrictEqual(kept(record, seq), rowsBySeqs(connection, [seq])[0]);
    }
    // A lone surrogate is stored as U+FFFD: that row is left to the read.
    const broken = record(fixture, { content: "bees \ud800 honey" });
    await fixture.backend.insert([{ record: broken, vector: vector! }]);
    const { seq } = connection.get<{ seq: number }>(
      "SELECT seq FROM memories WHERE id = ?",
      broken.id,
    )!;
    assert.equal(rowsBySeqs(connection, [seq])[0]!.content, "bees \ufffd honey");
    assert.equal(kept(broken, seq), undefined);
    assert.equal(kept(record(fixture, { importance: NaN }), seq), undefined);
    assert.equal(kept(record(fixture, { accessed_count: Infinity }), seq), undefined);
  } finally {
    await fixture.close();
  }
});

Deno.test("inserted rows: a search after a store reads no row back, and finds the same records", async () => {
  const fixture = await sqliteFixture();
  try {
    const { memory, aria } = fixture;
    await candidates(fixture, "bees"); // the index is loaded
    const stored = await memory.store(aria, input({ content: "Aria keeps bees on the roof" }));
    const { result, reads } = await countingRowReads(() => candidates(fixture, "bees"));
    assert.equal(reads, 0, "the new row was kept at its insert");
    // A backend of its own over the same connection reads every row out of SQLite.
    const fresh = await candidates(
      fixture,
      "bees",
      new SqliteBackend(fixture.db as SqliteDatabase),
    );
    assert.deepStrictEqual(result, fresh);
    assert.equal(result.get(stored.id)?.content, "Aria keeps bees on the roof");
  } finally {
    await fixture.close();
  }
});

Deno.test("inserted rows: rows stored before the backend's first search are kept for it", async () => {
  const fixture = await sqliteFixture();
  try {
    const { memory, aria } = fixture;
    // No search, no read of any kind yet: the first look for other connections' commits comes
    // with the search below, and none was made since the backend was (perf49: it forgot them).
    await memory.store(aria, input({ content: "Aria keeps bees on the roof" }));
    await memory.store(aria, input({ content: "The bees swarmed in May" }));
    const { result, reads } = await countingRowReads(() => candidates(fixture, "bees"));
    assert.equal(result.size, 2);
    assert.equal(reads, 0, "both rows were kept at their insert");
  } finally {
    await fixture.close();
  }
});

Deno.test("inserted rows: another connection's commit before the first search still drops them", async () => {
  const path = `${tempDirSync("inserted-rows-")}/persona.db`;
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), { path });
  try {
    const { memory, aria } = fixture;
    const stored = await memory.store(aria, input({ content: "Aria keeps bees on the roof" }));
    const other = new SqliteConnection(path);
    try {
      other.run("UPDATE memories SET content = 'Aria keeps wild bees' WHERE id = ?", stored.id);
    } finally {
      other.close();
    }
    const { result, reads } = await countingRowReads(() => candidates(fixture, "bees"));
    assert.equal(reads, 1, "the kept row was forgotten and read again");
    assert.equal(result.get(stored.id)?.content, "Aria keeps wild bees");
  } finally {
    await fixture.close();
  }
});

Deno.test("inserted rows: rows kept at their insert follow touch, update and delete", async () => {
  const fixture = await sqliteFixture();
  try {
    const { memory, aria, backend } = fixture;
    await candidates(fixture, "bees");
    const bees = await memory.store(aria, input({ content: "Aria keeps bees on the roof" }));
    await backend.touch([bees], "2026-06-02T00:00:00.000Z");
    await backend.flush?.(); // written: the kept row itself counts it now
    let found = await candidates(fixture, "bees");
    assert.equal(found.get(bees.id)!.accessed_count, 1);
    assert.equal(found.get(bees.id)!.last_accessed, "2026-06-02T00:00:00.000Z");
    const honey = await memory.store(aria, input({ content: "Aria sells bees' honey" }));
    await memory.update(honey.id, { content: "Aria sells bees' wax", importance: 0.9 });
    found = await candidates(fixture, "bees");
    assert.equal(found.get(honey.id)!.content, "Aria sells bees' wax");
    assert.equal(found.get(honey.id)!.importance, 0.9);
    await memory.delete(honey.id);
    const wax = await memory.store(aria, input({ content: "Aria melts bees' candles" }));
    found = await candidates(fixture, "bees");
    assert.equal(found.has(honey.id), false);
    assert.equal(found.get(wax.id)?.content, "Aria melts bees' candles");
  } finally {
    await fixture.close();
  }
});

Deno.test("inserted rows: an insert in a caller's transaction is not kept (it may roll back)", async () => {
  const fixture = await sqliteFixture();
  try {
    const { db, memory, aria } = fixture;
    await memory.store(aria, input({ content: "Aria keeps bees on the roof" }));
    await candidates(fixture, "bees");
    await assert.rejects(
      db.transaction(async () => {
        await memory.store(aria, input({ content: "Aria dreams of bees in winter" }));
        throw new Error("the caller fails");
      }),
      /the caller fails/,
    );
    // Another backend on the same connection (this one is not told) takes the row number the
    // rolled back insert had.
    const other = new SqliteBackend(db as SqliteDatabase);
    const [vector] = await new LocalEmbedder().embed(["bees"]);
    const taken = record(fixture, { content: "Aria sells bees' honey" });
    await other.insert([{ record: taken, vector: vector! }]);
    const found = await candidates(fixture, "bees");
    assert.equal(found.get(taken.id)?.content, "Aria sells bees' honey");
    assert.ok([...found.values()].every((r) => r.content !== "Aria dreams of bees in winter"));
  } finally {
    await fixture.close();
  }
});
