import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { queryTerms } from "./lexical_index.ts";
import { appositiveNames, BRIDGE_SHARE } from "./name_bridge.ts";
import { rank } from "./rank.ts";
import type { Candidate } from "./backend.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

const terms = (query: string) => new Set(queryTerms(query));

Deno.test("a name is a capitalised word right after a query word, with only spaces between", () => {
  const husband = terms("What does my husband do?");
  assert.deepEqual(appositiveNames("My husband Tomas is training for a marathon.", husband), [
    { name: queryTerms("Tomas")[0], term: "husband" },
  ]);
  // Not after a query word, a sentence start, "I", a lower-case word, a comma between.
  assert.deepEqual(appositiveNames("Tomas met my husband in Berlin.", husband), []);
  assert.deepEqual(appositiveNames("I saw my husband. Then I left.", husband), []);
  assert.deepEqual(appositiveNames("My husband is tall.", husband), []);
  assert.deepEqual(appositiveNames("My husband, Tomas, is tall.", husband), []);
  assert.deepEqual(appositiveNames("I miss my husband\nAria: he is away.", husband), []);
  // A name the query says itself is no bridge: the query finds its memories already.
  assert.deepEqual(appositiveNames("My husband Tomas is tall.", terms("my husband Tomas")), []);
});

Deno.test("a text's names are read once, each query's terms choosing among them afresh", () => {
  const content = "My husband Tomas met my sister Ines and my husband Tomas again. Dear Ines";
  const [tomas, ines] = [queryTerms("Tomas")[0]!, queryTerms("Ines")[0]!];
  assert.deepEqual(appositiveNames(content, terms("husband")), [{ name: tomas, term: "husband" }]);
  assert.deepEqual(appositiveNames(content, terms("sister")), [{ name: ines, term: "sister" }]);
  assert.deepEqual(appositiveNames(content, terms("husband sister")), [
    { name: tomas, term: "husband" },
    { name: ines, term: "sister" },
  ]);
  assert.deepEqual(appositiveNames(content, terms("dear")), [{ name: ines, term: "dear" }]);
  assert.deepEqual(appositiveNames(content, terms("husband Tomas")), []);
  assert.deepEqual(appositiveNames(content, terms("husband")), [{ name: tomas, term: "husband" }]);
});

Deno.test("a memory of a name the query's words introduce is found through the memory naming it", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (
      const content of [
        "The ferry leaves at noon on Sundays.",
        "We talked about the price of train tickets.",
        "Nadia from work recommended a thriller.",
        "It rained all weekend at the campsite.",
      ]
    ) await fixture.memory.store(fixture.aria, input({ content }));
    // "dentist" is no relation word (`relation_names.ts`): for "my husband" the name's memory
    // would take a lexical part of its own (`relation_expansion.ts`), and so it would for "My
    // dentist Tomas", an owned kind (`kind_names.ts`); "the dentist Tomas" is neither's, and
    // this bridge alone is watched.
    const naming = await fixture.memory.store(
      fixture.aria,
      input({ content: "The dentist Tomas is training for the Berlin marathon." }),
    );
    const named = await fixture.memory.store(
      fixture.aria,
      input({ content: "Tomas designs public libraries for an architecture firm." }),
    );
    const hits = await fixture.memory.search(fixture.aria, {
      query: "What do I know about my dentist?",
      n_results: 5,
      min_importance: 0,
      explain: true,
    });
    const ids = hits.map((hit) => hit.id);
    assert.equal(ids[0], naming.id);
    assert.ok(ids.includes(named.id), "the memory of Tomas answers 'my dentist'");
    const bridged = hits.find((hit) => hit.id === named.id)!;
    assert.equal(bridged.score_parts!.lexical, 0, "it shares no word with the query");
    assert.ok(bridged.relevance <= BRIDGE_SHARE * hits[0]!.relevance + 1e-4);
  } finally {
    await fixture.close();
  }
});

Deno.test("a bridged memory takes the naming memory's relevance times the naming word's share, and its voice", () => {
  const created = new Date(Date.UTC(2026, 5, 1)).toISOString();
  const record = (id: string) => sampleRecord({ id, content: id, created_at: created });
  const naming: Candidate = {
    record: { ...record("My husband Tomas runs."), importance: 0.5 },
    similarity: 0,
    lexical: 1,
  };
  const named: Candidate = {
    record: { ...record("Tomas designs libraries."), importance: 0.5 },
    similarity: 0,
    lexical: 0,
    bridge: { from: naming.record.id, share: 0.5 },
  };
  const ranked = rank([naming, named], {
    now: Date.parse(created),
    limit: 5,
    voice: "self",
  });
  const [first, second] = ranked;
  assert.equal(first!.record.id, naming.record.id);
  assert.equal(second!.record.id, named.record.id, "kept though it matches nothing itself");
  assert.ok(Math.abs(second!.relevance - BRIDGE_SHARE * 0.5 * first!.relevance) < 1e-9);
  // Told in the naming memory's voice: no perspective penalty for "Tomas ...".
  assert.ok(Math.abs(second!.score / first!.score - BRIDGE_SHARE * 0.5) < 1e-9);
});
