import assert from "node:assert/strict";
import type { Candidate, CandidateQuery } from "./backend.ts";
import { inLawBridges, PARTNER_SOURCES, speakerPartner } from "./in_law_bridges.ts";
import { namedVoices } from "./relation_expansion.ts";
import { FAMILY_SOURCES } from "./family_bridges.ts";
import { FAMILY_MEMBER_TERMS } from "./owned_family.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { bridgeQueryOf } from "./testing/bridge_fixture.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

const PERSONA = "aria";

function candidate(id: string, content: string, persona = PERSONA): Candidate {
  const record = sampleRecord({ id, content, persona_id: persona });
  return { record: { ...record, superseded_by: null }, similarity: 0, lexical: 0.5 };
}

/** The bridges `text` finds when every lookup answers `found`, and the lookups it made. */
async function bridgesOf(
  text: string,
  found: Candidate[],
  options: { pool?: Candidate[]; asker?: string } = {},
) {
  const asked: CandidateQuery[] = [];
  const backend = {
    candidates: (query: CandidateQuery) => {
      asked.push(query);
      return Promise.resolve(found.map((one) => ({ ...one })));
    },
  };
  const candidateQuery = bridgeQueryOf(text, PERSONA);
  const bridges = await inLawBridges({
    text,
    own: candidateQuery.terms,
    candidateQuery,
    pool: options.pool ?? [],
    asker: options.asker,
  }, backend);
  return { bridges, asked };
}

Deno.test("in-law bridges: PARTNER_SOURCES lines by the partner roles, then the partner's family; no lookup for other questions", async () => {
  assert.equal(PARTNER_SOURCES, 24);
  const { asked } = await bridgesOf("who are my in-laws", [
    candidate("a", "my wife is Colleen, we met in 1998"),
  ]);
  assert.equal(asked.length, 2);
  assert.deepEqual(asked[0]!.terms, [
    "wife",
    "husband",
    "spous",
    "partner",
    "boyfriend",
    "girlfriend",
    "fianc",
    "fiance",
    // The verbs of becoming partners ("Maja and I got married", `partnerTies`).
    "marri",
    "engag",
    "togeth",
  ]);
  assert.equal(asked[0]!.limit, PARTNER_SOURCES);
  assert.equal(asked[0]!.lexicalOnly, true);
  assert.deepEqual(asked[1]!.terms, ["colleen", ...FAMILY_MEMBER_TERMS]);
  assert.equal(asked[1]!.limit, FAMILY_SOURCES);
  // No partner tied: no second lookup. No in-laws asked: no lookup at all.
  assert.equal((await bridgesOf("who are my in-laws", [])).asked.length, 1);
  for (const text of ["who are Dev's in-laws", "what does the law say", "my wife"]) {
    assert.equal((await bridgesOf(text, [])).asked.length, 0, text);
  }
});

Deno.test("in-law bridges: the user's partner's relatives stand for 'in-laws' where their tie is told, in the speaker's voice", async () => {
  const lines = [
    candidate("e", "Theo said: we're adopting a greyhound\nJuno replied: Lovely!"),
    candidate("p", "Jonah (Theo's partner) is a physio"),
    candidate("g", "Dev's girlfriend Mirela is a vet nurse"),
    candidate("m", "Jonah's mum Pauline lives in Hull"),
    candidate("n", "Mirela's mum Ana is in Porto"),
    candidate("t", "Jonah's partner Theo"),
  ];
  const { bridges } = await bridgesOf("who are my in-laws", lines);
  assert.deepEqual(
    bridges.map(({ name, term, from, voice, relativeOf }) => ({
      name,
      term,
      from,
      voice,
      relativeOf,
    })),
    [{ name: "paulin", term: "law", from: "m", voice: "self", relativeOf: "jonah" }],
  );
  // Theo is a user only as the exchanges' sender, or as the asker: without either, Jonah is
  // someone else's partner.
  const unknown = await bridgesOf(
    "who are my in-laws",
    lines.filter(({ record }) => record.id !== "e"),
  );
  assert.deepEqual(unknown.bridges, []);
  const asker = await bridgesOf("who are my in-laws", lines.slice(1), { asker: "Theo" });
  assert.deepEqual(asker.bridges.map(({ name }) => name), ["paulin"]);
  const pool = await bridgesOf("who are my in-laws", lines.slice(1), { pool: [lines[0]!] });
  assert.deepEqual(pool.bridges.map(({ name }) => name), ["paulin"]);
});

Deno.test("speakerPartner: the speaker's own tie first, then a user's; never a persona's reply", () => {
  const users = new Set(["theo"]);
  assert.equal(
    speakerPartner(["Jonah (Theo's partner) is a physio", "my husband is Gareth"], users),
    "gareth",
  );
  assert.equal(speakerPartner(["Jonah (Theo's partner) is a physio"], users), "jonah");
  assert.equal(speakerPartner(["Dev's girlfriend Mirela climbs"], users), undefined);
  assert.equal(
    speakerPartner(["Theo said: hi\nJuno replied: my husband Gareth says hi"], users),
    undefined,
  );
});

Deno.test("who are my in-laws finds the partner's relatives' ties over lines that only name them (real SQLite)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const store = (content: string) => fixture.memory.store(fixture.aria, input({ content }));
    await store("Theo said: we're off to the coast this weekend\nJuno replied: Have fun, Theo!");
    await store("Jonah (Theo's partner) is a physio on the wards at the Northern General");
    // Short lines that name the in-laws without saying who they are, and other people's family.
    for (let i = 0; i < 12; i++) await store(`Pauline rang about the garden, call ${i}`);
    await store("Dev's girlfriend Mirela is a vet nurse");
    await store("Mirela's mum Ana lives in Porto");
    const { id: mum } = await store("Jonah's mum Pauline lives in Hull and rings every Sunday");
    const { id: brother } = await store("Jonah's brother Aaron is a plumber in Beverley");
    const hits = await fixture.memory.search(fixture.aria, {
      query: "who are my in-laws",
      n_results: 5,
      min_importance: 0,
    });
    const ids = hits.map((hit) => hit.id);
    assert.deepEqual(ids.slice(0, 2).sort(), [mum, brother].sort(), JSON.stringify(hits));
    assert.ok(!hits.some((hit) => hit.content.includes("Ana")), JSON.stringify(hits));
  } finally {
    await fixture.close();
  }
});

Deno.test("an in-law's tie ranks in the speaker's voice, the memory that gave the name too", async () => {
  const giver = candidate("m", "Jonah's mum Pauline lives in Hull");
  const { bridges } = await bridgesOf("who are my in-laws", [
    candidate("e", "Theo said: hi\nJuno replied: Hello Theo"),
    candidate("p", "Jonah (Theo's partner) is a physio"),
    giver,
  ]);
  assert.equal(bridges[0]?.from, "m");
  const voices = namedVoices([giver, candidate("r", "Pauline rang about the garden")], bridges);
  // The giver says the tie; the other line names her without it.
  assert.deepEqual([...voices], [["m", "self"]]);
});

Deno.test("in-law bridges: a current memory's partner before a replaced one's, which still stands alone", async () => {
  const replaced = (id: string, content: string): Candidate => {
    const one = candidate(id, content);
    return { ...one, record: { ...one.record, superseded_by: "x" } };
  };
  const old = replaced("o", "my girlfriend is Ana, she's a nurse");
  const { asked } = await bridgesOf("who are my in-laws", [
    old,
    candidate("n", "my girlfriend is Sara, she's a chef"),
  ]);
  assert.equal(asked[1]!.terms[0], "sara");
  // News of the partner's job replaced the only tie: she is still the partner.
  const alone = await bridgesOf("who are my in-laws", [old]);
  assert.equal(alone.asked[1]!.terms[0], "ana");
});

Deno.test("someone else's in-laws bring in none of the speaker's partner's family (real SQLite)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const store = (content: string) => fixture.memory.store(fixture.aria, input({ content }));
    await store("Theo said: we're off to the coast this weekend\nJuno replied: Have fun, Theo!");
    await store("Jonah (Theo's partner) is a physio on the wards at the Northern General");
    await store("Dev says his in-laws are visiting from Porto next month");
    await store("Dev's wife Mirela is a vet nurse");
    await store("Mirela's parents Ana and Rui live in Porto");
    const { id: mum } = await store("Jonah's mum Pauline lives in Hull and rings every Sunday");
    const { id: brother } = await store("Jonah's brother Aaron is a plumber in Beverley");
    for (const query of ["how are his new in-laws", "how are Dev's new in-laws"]) {
      const hits = await fixture.memory.search(fixture.aria, {
        query,
        n_results: 5,
        min_importance: 0,
      });
      const ids = hits.map((hit) => hit.id);
      assert.ok(!ids.includes(mum) && !ids.includes(brother), `${query}: ${JSON.stringify(hits)}`);
    }
  } finally {
    await fixture.close();
  }
});

Deno.test("in-law bridges: the newest line's partner first among current lines", async () => {
  // review44b L3: the first own tie was taken in the lookup's order, so an old line about "my
  // wife Ana" could name the partner after "Maja and I got married".
  const at = (one: Candidate, created_at: string): Candidate => ({
    ...one,
    record: { ...one.record, created_at },
  });
  const old = at(candidate("o", "my wife Ana loved this town"), "2024-01-01T00:00:00.000Z");
  const now = at(candidate("n", "Maja and I got married in Gdansk"), "2026-06-01T00:00:00.000Z");
  for (const found of [[old, now], [now, old]]) {
    const { asked } = await bridgesOf("who are my in-laws", found);
    assert.equal(asked[1]!.terms[0], "maja");
  }
});

Deno.test("'engaged in' or 'married to' ties no partner: no in-laws through them (real SQLite)", async () => {
  // review45b L2: "Jo and I are engaged in a lawsuit" made Jo the partner, her mum an in-law.
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const store = (content: string) => fixture.memory.store(fixture.aria, input({ content }));
    await store("Jo and I are engaged in a lawsuit with the landlord.");
    await store("Sam and I were married to brothers.");
    const { id: jo } = await store("Jo's mum Pauline lives in Hull and rings every Sunday");
    const { id: sam } = await store("Sam's dad Rui is a plumber in Beverley");
    const hits = await fixture.memory.search(fixture.aria, {
      query: "who are my in-laws",
      n_results: 5,
      min_importance: 0,
    });
    const ids = hits.map((hit) => hit.id);
    assert.ok(!ids.includes(jo) && !ids.includes(sam), JSON.stringify(hits));
  } finally {
    await fixture.close();
  }
});
