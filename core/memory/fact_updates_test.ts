import assert from "node:assert/strict";
import { rankedAfter } from "./testing/ranked_after.ts";
import type { Candidate, CandidateQuery } from "./backend.ts";
import type { MemoryRecord } from "./schema.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { FACT_LOOKUP_TERMS, factUpdateCandidates, lookupTerms } from "./fact_updates.ts";
import { changesFact } from "./update_evidence.ts";
import { WordVectors } from "./meaning/word_vectors.ts";

Deno.test("a newer memory that shares no word with the question comes first through its fact", async () => {
  // "Dario moved out ..." shares no word with the question and is no match of its own; the fact
  // the question finds names Dario, and the change befalls him.
  const ranked = await rankedAfter(
    ["I share a flat with my cousin Dario.", "Dario moved out and now I live on my own."],
    "Who is my flatmate?",
  );
  assert.deepEqual(ranked.slice(0, 2), [1, 0]);
});

Deno.test("a newer change its fact's words find is not taken when it changes something else", async () => {
  // "bought" finds the newer memory, but what it sold and bought is not what the fact told of.
  const ranked = await rankedAfter(
    [
      "I bought a second-hand piano for the living room.",
      "I sold the Volvo and bought an electric bicycle to get around.",
    ],
    "Where is my piano?",
  );
  assert.equal(ranked[0], 0);
});

Deno.test("a change acting on what a fact told changes it; another change does not", () => {
  const flat = "I share a flat with my cousin Dario.";
  assert.ok(changesFact(flat, "Dario moved out and now I live on my own."));
  assert.ok(
    changesFact(
      "I work as a software engineer at a company that builds farming robots.",
      "I left the robotics company and now teach mathematics at a secondary school.",
    ),
  );
  assert.ok(
    !changesFact(
      "I bought a second-hand piano for the living room.",
      "I sold the Volvo and bought an electric bicycle to get around.",
    ),
  );
  assert.ok(!changesFact(flat, "I share a flat with my cousin Dario and his cat."));
});

Deno.test("a fact is looked up by its most informative words the query does not say", async () => {
  const words = await WordVectors.shared();
  const terms = lookupTerms(["share", "flat", "cousin", "dario"], ["flat"], words);
  assert.ok(!terms.includes("flat"));
  assert.ok(terms.includes("dario"));
  const many = lookupTerms(["a1", "b2", "c3", "d4", "e5", "f6"], [], words);
  assert.equal(many.length, FACT_LOOKUP_TERMS);
});

/** A record of `content` stored at minute `minute`. */
function record(id: string, content: string, minute: number): MemoryRecord {
  return sampleRecord({
    id,
    persona_id: "p",
    content,
    created_at: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
  });
}

/** `factUpdateCandidates` over `pool` for a query of `terms`, its backend answering `found`. */
async function lookedUp(pool: Candidate[], terms: string[], found: Candidate[]) {
  const asked: CandidateQuery[] = [];
  const added = await factUpdateCandidates(pool, {
    personaId: "p",
    othersVisibility: [],
    vector: new Float32Array(2),
    embedder: "e",
    terms,
    minImportance: 0,
    limit: 50,
  }, {
    backend: { candidates: (query) => (asked.push(query), Promise.resolve(found)) },
    words: await WordVectors.shared(),
  });
  return { asked, added };
}

Deno.test("the lookup adds newer memories that tell a change and hold a fact's word", async () => {
  const fact = record("fact", "I share a flat with my cousin Dario.", 1);
  const found: Candidate[] = [
    {
      record: record("moved", "Dario moved out and now I live on my own.", 3),
      similarity: 0.1,
      lexical: 0.4,
    },
    { record: record("older", "Dario moved here from Turin.", 0), similarity: 0.1, lexical: 0.4 },
    { record: record("same", "Dario cooks risotto on Sundays.", 4), similarity: 0.1, lexical: 0.4 },
    { record: record("quiet", "I stopped the dripping tap.", 5), similarity: 0.8, lexical: 0.3 },
  ];
  const pool: Candidate[] = [
    { record: fact, similarity: 0.3, lexical: 0.5 },
    { ...found[3]!, lexical: 0, similarity: 0 },
  ];
  const { asked, added } = await lookedUp(pool, ["flatmat"], found);
  assert.equal(asked.length, 1);
  assert.ok(asked[0]!.lexicalOnly);
  // Newer, telling a change, not yet a candidate: added, with no lexical part of its own.
  assert.deepEqual(added.map((c) => [c.record.id, c.lexical, c.fact]), [["moved", 0, "fact"]]);
  // Already a candidate but no match: marked with the fact.
  assert.equal(pool[1]!.fact, "fact");
});

Deno.test("the fact looked up is the best in a compared voice, though a remark in no one's ranks above it", async () => {
  const fact = record("fact", "My laptop is an old ThinkPad that I refuse to replace.", 1);
  const newer = record(
    "newer",
    "My old ThinkPad finally died and I replaced it with a Framework.",
    3,
  );
  const pool: Candidate[] = [
    // In no one's voice and the best match: no fact of the persona's to look up.
    {
      record: record("remark", "The office laptops were all replaced in March.", 0),
      similarity: 0.9,
      lexical: 0.9,
    },
    { record: fact, similarity: 0.3, lexical: 0.5 },
  ];
  const { asked, added } = await lookedUp(pool, ["laptop"], [
    { record: newer, similarity: 0.1, lexical: 0.4 },
  ]);
  assert.equal(asked.length, 1);
  assert.ok(asked[0]!.terms.includes("thinkpad"));
  assert.deepEqual(added.map((c) => [c.record.id, c.fact]), [["newer", "fact"]]);
});

Deno.test("the lookup adds a newer ending or move of the fact's subject, told with no word of change", async () => {
  const fact = record("fact", "We have an old greyhound named Rocket.", 1);
  const pool: Candidate[] = [{ record: fact, similarity: 0.3, lexical: 0.5 }];
  const found = (id: string, content: string): Candidate => ({
    record: record(id, content, 3),
    similarity: 0.1,
    lexical: 0.4,
  });
  const { added } = await lookedUp(pool, ["pet"], [
    found("ended", "Rocket passed away in May."),
    found("moved", "Rocket and I moved to Leeds in June."),
    found("news", "Rocket chased a squirrel up the oak tree."),
    // A move told with no word of change at all (`changeTold` is false): only `tellsMove`.
    found("relocated", "Rocket and I relocated to York in June."),
  ]);
  assert.deepEqual(added.map((c) => c.record.id), ["ended", "moved", "relocated"]);
});
