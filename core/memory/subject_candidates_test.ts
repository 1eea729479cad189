import assert from "node:assert/strict";
import { mayPairAsUpdates, subjectCandidates, WEIGHED_SHARE } from "./subject_candidates.ts";
import { comparedCandidates } from "./ranking.ts";
import type { Candidate } from "./backend.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { updateContenders } from "./update_contenders.ts";
import type { Voice } from "./query.ts";

Deno.test("subjectCandidates: twice as many kept ones as are compared, by relevance, in the compared voices, and the bridged", () => {
  assert.equal(WEIGHED_SHARE, 2);
  const candidate = (id: string, lexical: number, content: string): Candidate => ({
    record: sampleRecord({ id, content }),
    similarity: 0,
    lexical,
  });
  const own = Array.from(
    { length: 30 },
    (_, i) => candidate(`m${i}`, 0.9 - i * 0.02, `I keep note ${i} in my diary.`),
  );
  const picked = subjectCandidates([
    candidate("group", 0.95, "We keep chickens."),
    candidate("other", 0.99, "The shop keeps long hours."),
    candidate("unkept", 0, "I keep nothing here."),
    // Found through a name: ranked in the voice of the memory that named it.
    { ...candidate("bridged", 0, "Noor keeps bees."), bridge: { from: "m0", share: 1 } },
    ...own.toReversed(),
  ], 5);
  const compared = WEIGHED_SHARE * comparedCandidates(5);
  assert.deepEqual(
    picked.map((c) => c.record.id),
    ["group", ...own.slice(0, compared - 1).map((c) => c.record.id), "bridged"],
  );
});

Deno.test("mayPairAsUpdates: one in a compared voice tells a change, or two state numbers", () => {
  const candidate = (content: string, lexical = 0.5): Candidate => ({
    record: sampleRecord({ content }),
    similarity: 0,
    lexical,
  });
  const plain = candidate("I keep a diary.");
  assert.ok(!mayPairAsUpdates([plain, candidate("We keep chickens.")]));
  assert.ok(mayPairAsUpdates([plain, candidate("I moved to Porto last year.")]), "a change");
  assert.ok(!mayPairAsUpdates([plain, candidate("I weigh 80 kilos.")]), "one number");
  assert.ok(mayPairAsUpdates([candidate("I weigh 92 kilos."), candidate("We walk 5 km a day.")]));
  assert.ok(
    !mayPairAsUpdates([plain, candidate("The shop moved to a new street.")]),
    "no one's voice",
  );
  // A link may keep it in ranking (`rank.ts`).
  assert.ok(mayPairAsUpdates([plain, candidate("I moved to Porto.", 0)]), "not kept yet");
});

Deno.test("subjectCandidates: no one's memories with a number as many again, by relevance (measuringVoice)", () => {
  const candidate = (id: string, lexical: number, content: string): Candidate => ({
    record: sampleRecord({ id, content }),
    similarity: 0,
    lexical,
  });
  const compared = WEIGHED_SHARE * comparedCandidates(5);
  const others = Array.from(
    { length: compared + 2 },
    (_, i) => candidate(`o${i}`, 0.9 - i * 0.02, `The shop sold ${i + 2} bikes.`),
  );
  const picked = subjectCandidates([
    candidate("own", 0.5, "I keep 2 bikes."),
    candidate("wordy", 0.99, "The shop keeps long hours."),
    ...others.toReversed(),
  ], 5);
  assert.deepEqual(
    picked.map((c) => c.record.id),
    ["own", ...others.slice(0, compared).map((c) => c.record.id)],
  );
});

Deno.test("mayPairAsUpdates: two numbers in any voice", () => {
  const candidate = (content: string): Candidate => ({
    record: sampleRecord({ content }),
    similarity: 0,
    lexical: 0.5,
  });
  const rent = candidate("Our rent is 900 euros a month.");
  const raised = candidate("The landlord raised the rent to 1,050 euros.");
  assert.ok(mayPairAsUpdates([rent, raised]));
  assert.ok(mayPairAsUpdates([raised, rent]), "in any order");
  assert.ok(
    mayPairAsUpdates([raised, candidate("The shop sold 3 bikes.")]),
    "both in no one's voice",
  );
  assert.ok(!mayPairAsUpdates([raised, candidate("The shop rents bikes.")]), "one number");
});

Deno.test("subjectCandidates and mayPairAsUpdates read voices through the function given", () => {
  const candidate = (id: string, content: string): Candidate => ({
    record: sampleRecord({ id, content }),
    similarity: 0,
    lexical: 0.5,
  });
  const moved = candidate("moved", "The shop moved to a new street.");
  const plain = candidate("plain", "I keep a diary.");
  assert.ok(!mayPairAsUpdates([plain, moved]), "the shop's voice is no one's");
  const asked: string[] = [];
  const own = (record: { id: string }) => {
    asked.push(record.id);
    return "self" as const;
  };
  assert.ok(mayPairAsUpdates([plain, moved], own), "as the persona's own, a change told");
  assert.deepEqual(
    subjectCandidates([moved, plain], 5, own).map((c) => c.record.id),
    ["moved", "plain"],
  );
  assert.ok(asked.includes("moved"));
});

Deno.test("subjectCandidates: a remark about someone else that an own or group change acts on is weighed too", () => {
  const candidate = (id: string, lexical: number, content: string): Candidate => ({
    record: sampleRecord({ id, content }),
    similarity: 0,
    lexical,
  });
  const picked = subjectCandidates([
    candidate("fact", 0.9, "Pepper's vet is Dr Lund at Hillside Vets."),
    candidate("update", 0.8, "We've moved Pepper to the Riverside Animal Clinic."),
    candidate("aside", 0.7, "The clinic car park was full."),
  ], 5);
  assert.deepEqual(picked.map((c) => c.record.id), ["update", "fact"]);
});

Deno.test("mayPairAsUpdates: a restated slot or an altered thing pairs only one persona's memories (attack33 A1)", () => {
  const of = (persona_id: string, content: string): Candidate => ({
    record: sampleRecord({ persona_id, content }),
    similarity: 0,
    lexical: 0.5,
  });
  // A cross-persona search: each persona's fact, no update of either.
  assert.ok(!mayPairAsUpdates([of("a", "I live in Leeds."), of("b", "I live in Bristol.")]));
  assert.ok(mayPairAsUpdates([of("a", "I live in Leeds."), of("a", "I live in Bristol.")]));
  assert.ok(
    !mayPairAsUpdates([of("a", "I have long curly hair."), of("b", "I cut my hair short.")]),
  );
  assert.ok(
    mayPairAsUpdates([of("a", "I have long curly hair."), of("a", "I cut my hair short.")]),
  );
  // So does a value of one type of one thing (`restated_values.ts`): one persona's two only.
  const mondays = "My piano lesson is on Mondays.";
  const tuesdays = "My piano lesson is on Tuesdays.";
  assert.ok(!mayPairAsUpdates([of("a", mondays), of("b", tuesdays)]));
  assert.ok(mayPairAsUpdates([of("a", mondays), of("a", tuesdays)]));
});

Deno.test("mayPairAsUpdates: two in no one's voice pair when one's change acts on what the other names (perf47)", () => {
  const candidate = (content: string): Candidate => ({
    record: sampleRecord({ content }),
    similarity: 0,
    lexical: 0.5,
  });
  const fact = candidate("Priya works as a sound engineer at a recording studio in Glasgow.");
  const named = candidate("Her friend Priya Shah left the recording studio.");
  assert.ok(mayPairAsUpdates([fact, named]), "a change told of what the fact names");
  assert.ok(mayPairAsUpdates([named, fact]), "in any order");
  assert.ok(
    !mayPairAsUpdates([fact, candidate("Sam left the recording studio.")]),
    "no name shared",
  );
  assert.ok(
    !mayPairAsUpdates([fact, candidate("Priya Shah loves the recording studio.")]),
    "no change",
  );
  // Through a voice function of the caller's, the same answers.
  const other = () => "other" as const;
  assert.ok(mayPairAsUpdates([fact, named], other));
  assert.ok(!mayPairAsUpdates([fact, candidate("Sam left the recording studio.")], other));
});

Deno.test("subjectCandidates: a newer remark going on with the best compared fact is weighed too", () => {
  const candidate = (id: string, lexical: number, content: string, at: string): Candidate => ({
    record: sampleRecord({ id, content, created_at: at }),
    similarity: 0,
    lexical,
  });
  const picked = subjectCandidates([
    candidate("fact", 0.9, "I drink too much diet coke, like 4 cans a day", "2026-01-01T00:00:00Z"),
    candidate("newer", 0.8, "three weeks without a single diet coke", "2026-02-01T00:00:00Z"),
    candidate(
      "aside",
      0.7,
      "the vending machine at work is out of diet coke",
      "2026-02-01T00:00:00Z",
    ),
  ], 5);
  assert.deepEqual(picked.map((c) => c.record.id), ["fact", "newer"]);
});

Deno.test("subjectCandidates weighs the remark ranking compares as going on with its best fact, a link making that another", () => {
  // review49a M2: the best by its own relevance was replaced through a link; ranking's best
  // compared fact is the one replacing it (it takes the relevance on), whose continuation search
  // did not weigh.
  const at = (month: number) => `2026-0${month}-01T00:00:00Z`;
  const coke = {
    record: sampleRecord({
      id: "coke",
      content: "I drink too much diet coke, like 4 cans a day",
      created_at: at(1),
      superseded_by: "cut",
    }),
    similarity: 0,
    lexical: 0.9,
  };
  const cut = {
    record: sampleRecord({
      id: "cut",
      content: "I've cut out sugar completely",
      created_at: at(2),
    }),
    similarity: 0,
    lexical: 0.3,
  };
  const weeks = {
    record: sampleRecord({
      id: "weeks",
      content: "three weeks without sugar, feeling great",
      created_at: at(3),
    }),
    similarity: 0,
    lexical: 0.5,
  };
  const item = (candidate: Candidate, relevance: number, voice: Voice) => ({
    record: candidate.record,
    relevance,
    kept: true,
    voice,
  });
  // As ranking reads them: the linked one left out, the one replacing it with its relevance.
  const items = [item(coke, 0.9, "self"), item(cut, 0.9, "self"), item(weeks, 0.5, "other")];
  const { continuing } = updateContenders(items, {
    compared: 10,
    linked: (one) => one === items[0],
  });
  assert.deepEqual([...continuing.items].map((one) => one.record.id), ["weeks"]);
  assert.deepEqual(
    subjectCandidates([coke, cut, weeks], 5).map((c) => c.record.id),
    ["coke", "cut", "weeks"],
  );
});

Deno.test("mayPairAsUpdates and subjectCandidates: one naming a thing another awaits, in any voice", () => {
  const candidate = (id: string, content: string, lexical = 0.5): Candidate => ({
    record: sampleRecord({ id, content }),
    similarity: 0,
    lexical,
  });
  const interview = candidate(
    "interview",
    "Next Friday I have a job interview at a design agency.",
  );
  const went = candidate("went", "The interview went well and the agency offered me the position.");
  const other = candidate("other", "The agency is in an old warehouse.");
  // No number, no change told, no one's voice: only the awaited thing lets them pair.
  assert.ok(mayPairAsUpdates([interview, went]));
  assert.ok(!mayPairAsUpdates([interview, other]), "names nothing awaited");
  assert.ok(!mayPairAsUpdates([interview]), "only its own head");
  // Another persona's memory meets nothing awaited (a cross-persona search; review49b L1).
  const elsewhere = { ...went, record: { ...went.record, persona_id: "another" } };
  assert.ok(!mayPairAsUpdates([interview, elsewhere]), "another persona's");
  assert.deepEqual(
    subjectCandidates([interview, went, other], 5).map((c) => c.record.id),
    ["interview", "went"],
  );
});
