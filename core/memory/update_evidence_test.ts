import assert from "node:assert/strict";
import { rankedAfter } from "./testing/ranked_after.ts";
import { changeClauseTerms, changeOnAsked } from "./change_clauses.ts";
import { tellsChange } from "./query_now.ts";
import { terms } from "./text.ts";
import { namedEvent, sameOwnerUntold } from "./update_evidence.ts";
import { openingNames, opensWithVerb, tellsEvent, toldEvent } from "./told_events.ts";

Deno.test("a verb in the past after its subject or a date tells an event; a habit does not", () => {
  assert.deepEqual(toldEvent("Felix relocated to Lisbon for a new job.").verbs, ["reloc"]);
  assert.deepEqual(toldEvent("Hannah and I got married in June.").verbs, ["got"]);
  assert.deepEqual(toldEvent("My knee has healed completely.").verbs, ["heal"]);
  assert.ok(toldEvent("Since January I have been fully vegan.").dated);
  for (const state of ["I need three espressos a day.", "Grandpa Karl lives near the lake."]) {
    assert.ok(!tellsEvent(toldEvent(state)), state);
  }
  assert.ok(!tellsEvent(toldEvent("I go swimming in the morning on Sundays.")));
});

Deno.test("the name a remark opens with, and a remark that opens with its verb", () => {
  assert.deepEqual(openingNames("Grandpa Karl died in his sleep."), ["grandpa", "karl"]);
  assert.deepEqual(openingNames("I moved to Porto."), []);
  assert.ok(opensWithVerb("got a part time job at the cinema"));
  assert.ok(opensWithVerb("FINALLY hit diamond in valorant"));
  assert.ok(!opensWithVerb("main game rn is valorant"));
  assert.ok(!opensWithVerb("I quit the cinema"));
  assert.ok(sameOwnerUntold("got a job at the garden centre", "quit the garden centre"));
});

Deno.test("an event told of the name a standing fact names, with a verb the fact does not say", () => {
  const fact = "My cousin Joris lives on a houseboat in Utrecht.";
  assert.ok(namedEvent(fact, "Joris bought a flat in Rotterdam last spring."));
  // The same verb tells of the same state, not of its end; a fact that is an event is no state.
  assert.ok(!namedEvent(fact, "Joris lived in Delft before."));
  assert.ok(!namedEvent("Joris sold his boat in May.", "Joris bought a flat."));
  // Opening with another name, or not with a name.
  assert.ok(!namedEvent(fact, "Marta bought a flat in Rotterdam."));
  assert.ok(!namedEvent(fact, "The houseboat sank."));
});

Deno.test("a change befalls the words after its change word, to its clause's end", () => {
  const clauses = changeClauseTerms("I stopped going to the choir; on Thursdays I now play chess.");
  assert.ok(clauses.has("choir") && clauses.has("chess"));
  assert.ok(!changeClauseTerms("My uncle is a retired policeman.").has("uncl"));
  const older = new Set(terms("I sing in the church choir every Thursday."));
  assert.ok(changeOnAsked(clauses, older, terms("Do I sing in the choir?")));
  assert.ok(!changeOnAsked(clauses, older, terms("Do I play the piano?")));
});

Deno.test("'these days', 'nowadays' and 'lately' tell a change, as 'now' does", () => {
  for (const text of ["These days I take oat milk.", "Nowadays I cycle.", "Lately I read poems."]) {
    assert.ok(tellsChange(text), text);
  }
});

/** Each: a fact, then its update stored a minute later without a link, and a question. */
const UPDATES: ReadonlyArray<{ name: string; told: readonly [string, string]; query: string }> = [
  {
    name: "an event told of the name a fact names comes first for a question about now",
    told: [
      "My cousin Joris lives on a houseboat in Utrecht.",
      "Joris bought a flat in Rotterdam last spring and rents the houseboat out.",
    ],
    query: "Does Joris still live on the houseboat?",
  },
  {
    name: "a change befalling the word asked about comes first though it shares little else",
    told: [
      "I help out at the animal shelter every Sunday morning.",
      "I stopped going to the animal shelter; on Sundays I now coach my niece's hockey team.",
    ],
    query: "Do I help out at the animal shelter every Sunday morning?",
  },
  {
    name: "two remarks told without their subject are one speaker's fact and update",
    told: [
      "got a weekend job at the garden centre on the ring road",
      "quit the garden centre, doing shifts at the pub now instead",
    ],
    query: "is the garden centre job still going",
  },
  {
    name: "'these days' tells the newer fact",
    told: [
      "I take my coffee black with two sugars.",
      "These days I have oat milk in my coffee and no sugar.",
    ],
    query: "Do I take my coffee black with sugar?",
  },
];

for (const { name, told, query } of UPDATES) {
  Deno.test(`search: ${name} (real SQLite)`, async () => {
    assert.deepEqual((await rankedAfter(told, query)).slice(0, 2), [1, 0]);
  });
}
