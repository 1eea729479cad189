import assert from "node:assert/strict";
import { PgliteDatabase } from "../storage/testing/pglite.ts";
import type { MemoryBackend } from "./backend.ts";
import { PgvectorStore } from "./pgvector_store.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { REFERENT_WINDOW_MS } from "./pronoun_referents.ts";
import { candidateReferents, resolveReferents } from "./kept_referents.ts";
import { MEMORY_STORED_BEFORE } from "./referent_rows.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { TextFactors } from "./text_factors.ts";
import { input, type MemoryFixture, memoryFixture } from "./testing/contract_fixture.ts";

/** The backends a referent is kept on: SQLite, and PostgreSQL (PGlite, with pgvector). */
const BACKENDS: Array<[string, () => Promise<MemoryFixture>]> = [
  ["SQLite", () => memoryFixture((db) => new SqliteBackend(db as SqliteDatabase))],
  [
    "PostgreSQL",
    async () =>
      memoryFixture((db) => new PostgresMemoryBackend(db, new PgvectorStore(db)), {
        database: await PgliteDatabase.open(),
        pgvector: true,
      }),
  ],
];

/** Stores `lines` for Aria a minute apart (or `gap` ms); returns their ids. */
async function storeLines(f: MemoryFixture, lines: readonly string[], gap = 60_000) {
  const ids: string[] = [];
  for (const content of lines) {
    f.clock.advance(gap);
    ids.push((await f.memory.store(f.aria, input({ content }))).id);
  }
  return ids;
}

const DAD = [
  "Dad's blood pressure is fine, the nurse said",
  "Dad's chest X-ray was clear",
  "Fiona's husband had a heart attack in the spring, he's on warfarin now",
  "Dad's hearing aids are the NHS ones from audiology at the Leicester Royal",
  "he takes bisoprolol 2.5mg in the morning for his heart as well as the warfarin",
];

for (const [name, open] of BACKENDS) {
  Deno.test(`${name}: a line opening with "he" is found by the name of the person the line before names`, async () => {
    const f = await open();
    try {
      const ids = await storeLines(f, DAD);
      assert.deepEqual(await f.backend.referents!(ids), new Map([[ids[4]!, "Dad"]]));
      const [first] = await f.memory.search(f.aria, {
        query: "what does Dad take for his heart",
        n_results: 3,
        min_importance: 0,
      });
      assert.equal(first?.id, ids[4]);
    } finally {
      await f.close();
    }
  });

  Deno.test(`${name}: a line opening with "he" is judged as naming the person it stands for`, async () => {
    const f = await open();
    try {
      const ids = await storeLines(f, [
        // "football": a line of Mo's holding nothing else asked loses OTHER_THING (other_things.ts).
        "Mo's football coach is Darren, he's Jacob's dad",
        "Declan's back is playing up after the garden",
        "Mo's got braces top and bottom, the orthodontist is Smile Studio on Baxter Gate",
        "he plays left back for Shelthorpe Colts under-12s on Sunday mornings",
      ]);
      const hits = await f.memory.search(f.aria, {
        query: "where does Mo play football",
        n_results: 4,
        min_importance: 0,
        explain: true,
      });
      const adjustment = (id: string) => hits.find((hit) => hit.id === id)?.score_parts?.adjustment;
      // As "Mo's coach ..." (names Mo), not as "Declan's back ..." (names someone else).
      assert.equal(adjustment(ids[3]!), adjustment(ids[0]!));
      assert.notEqual(adjustment(ids[3]!), adjustment(ids[1]!));
    } finally {
      await f.close();
    }
  });

  Deno.test(`${name}: no referent past REFERENT_WINDOW_MS, and a referent goes with its memory`, async () => {
    const f = await open();
    try {
      const late = await storeLines(f, DAD.slice(3), REFERENT_WINDOW_MS + 1);
      assert.deepEqual(await f.backend.referents!(late), new Map());
      const kept = await storeLines(f, DAD.slice(3), REFERENT_WINDOW_MS);
      assert.deepEqual(await f.backend.referents!(kept), new Map([[kept[1]!, "Dad"]]));
      await f.memory.delete(kept[1]!);
      assert.deepEqual(await f.backend.referents!(kept), new Map());
    } finally {
      await f.close();
    }
  });

  Deno.test(`${name}: several stored at once read the one before within the store`, async () => {
    const f = await open();
    try {
      await storeLines(f, ["Bernie Walsh next door has our spare key, she's 84"]);
      const records = await f.memory.storeMany(f.aria, [
        input({ content: "Kieran, the boy next door, cuts our grass" }),
        input({ content: "he wants to be a paramedic" }),
      ]);
      const ids = records.map((record) => record.id);
      assert.deepEqual(await f.backend.referents!(ids), new Map([[ids[1]!, "Kieran"]]));
    } finally {
      await f.close();
    }
  });

  Deno.test(`${name}: an update of the content resolves the referent again from the memory stored before`, async () => {
    const f = await open();
    try {
      const ids = await storeLines(f, DAD.slice(3));
      const referents = () => f.backend.referents!(ids);
      // "she" cannot be Dad: the old referent goes, and none is found for the new text.
      await f.memory.update(ids[1]!, { content: "she takes statins" });
      assert.deepEqual(await referents(), new Map());
      await f.memory.update(ids[1]!, { content: "his GP is Dr Ferris" });
      assert.deepEqual(await referents(), new Map([[ids[1]!, "Dad"]]));
      await f.memory.update(ids[1]!, { content: "Mo takes statins" });
      assert.deepEqual(await referents(), new Map());
      // Another change keeps it: it is resolved only when the content changes.
      await f.memory.update(ids[1]!, { content: "he takes bisoprolol" });
      await f.memory.update(ids[1]!, { importance: 0.9 });
      assert.deepEqual(await referents(), new Map([[ids[1]!, "Dad"]]));
    } finally {
      await f.close();
    }
  });

  Deno.test(`${name}: the memory before an updated one is the one stored before it, on a tie too`, async () => {
    const f = await open();
    try {
      // Stored at once: one time for all three, the one before is the one stored before.
      const ids = (await f.memory.storeMany(f.aria, [
        input({ content: "Mum's knee is better since the physio" }),
        input({ content: "he takes bisoprolol" }),
        input({ content: "Dad's hearing aids are the NHS ones" }),
      ])).map((record) => record.id);
      assert.deepEqual(await f.backend.referents!(ids), new Map());
      await f.memory.update(ids[1]!, { content: "she takes statins" });
      assert.deepEqual(await f.backend.referents!(ids), new Map([[ids[1]!, "Mum"]]));
    } finally {
      await f.close();
    }
  });
}

Deno.test("a backend that keeps no referents (Chroma's) or fails to read gets none, and the store goes on", async () => {
  const record = sampleRecord({ content: "he takes bisoprolol" });
  const none = {} as MemoryBackend;
  assert.deepEqual(await resolveReferents(none, [record]), []);
  assert.equal(await candidateReferents(none, [record]), undefined);
  const failing = {
    memoryBefore: () => Promise.reject(new Error("down")),
    writeReferents: () => Promise.resolve(),
  } as unknown as MemoryBackend;
  assert.deepEqual(await resolveReferents(failing, [record]), []);
});

Deno.test("a search reads referents only for candidates opening with a pronoun", async () => {
  const asked: string[][] = [];
  const backend = {
    referents: (ids: readonly string[]) => {
      asked.push([...ids]);
      return Promise.resolve(new Map());
    },
  } as unknown as MemoryBackend;
  const plain = sampleRecord({ id: "a", content: "Dad's chest X-ray was clear" });
  const pronoun = sampleRecord({ id: "b", content: "he takes bisoprolol" });
  assert.equal(await candidateReferents(backend, [plain]), undefined);
  await candidateReferents(backend, [plain, pronoun]);
  assert.deepEqual(asked, [["b"]]);
});

Deno.test("a line opening with a pronoun takes its referent's voice: Dad's is the speaker's family", () => {
  const record = sampleRecord({ id: "r", content: "he takes bisoprolol for his heart" });
  assert.equal(new TextFactors({}).voice(record), "other");
  assert.equal(new TextFactors({ referents: new Map([["r", "Dad"]]) }).voice(record), "self");
  assert.equal(new TextFactors({ referents: new Map([["r", "Bernie"]]) }).voice(record), "other");
});

Deno.test("the memory stored before an updated one is read by an index walk bounded by its time (SQLite's plan, attack40 R1)", async () => {
  const f = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const plan = (await f.db.all<{ detail: string }>(
      `EXPLAIN QUERY PLAN ${MEMORY_STORED_BEFORE}`,
      "x",
      "x",
    )).map((step) => step.detail).join("; ");
    // Bounded by the persona alone, the walk read every later memory of an old one's persona.
    assert.match(
      plan,
      /SEARCH m USING INDEX memories_by_created \(persona_id=\? AND created_at<\?\)/,
      plan,
    );
    assert.doesNotMatch(plan, /TEMP B-TREE/, plan);
  } finally {
    await f.close();
  }
});

Deno.test("SQLite: a he or she line after a person word and a mark refers to that person alone", async () => {
  const f = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const ids = await storeLines(f, [
      "Dad. Reena rang about the wedding",
      "he wants a grey suit for it",
      "Mum, Reena and I went to the market",
      "she bought saag and paneer",
      "Dad, Reena and I went to the market",
      "she bought saag and paneer",
    ]);
    assert.deepEqual(
      await f.backend.referents!(ids),
      new Map([[ids[1]!, "Dad"], [ids[3]!, "Mum"]]),
    );
  } finally {
    await f.close();
  }
});
