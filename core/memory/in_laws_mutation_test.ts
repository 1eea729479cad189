/**
 * In-laws' edges (mut59): the owner walk reaches exactly IN_LAW_OWNER_REACH words back, crosses
 * "nor" as a join and stops at a sentence's end; the bridges read only the persona's lines that
 * match, ask the partner roles at equal priors, and need the question's own "in-laws" term.
 */
import assert from "node:assert/strict";
import type { Candidate, CandidateQuery } from "./backend.ts";
import { asksOwnInLaws, IN_LAW_OWNER_REACH, partnerTies } from "./in_laws.ts";
import { inLawBridges, speakerPartner } from "./in_law_bridges.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { bridgeQueryOf } from "./testing/bridge_fixture.ts";

Deno.test("asksOwnInLaws: an owner IN_LAW_OWNER_REACH (4) words back owns the in-laws; one more is too far", () => {
  assert.equal(IN_LAW_OWNER_REACH, 4);
  assert.equal(asksOwnInLaws("how are Dev's lovely kind new in-laws"), undefined, "4 back");
  assert.equal(
    asksOwnInLaws("how are Dev's very lovely kind new in-laws"),
    "in-laws",
    "5 back: too far to own them",
  );
});

Deno.test("asksOwnInLaws: 'nor' joins a list the owner governs, as 'and' and 'or' do", () => {
  for (const join of ["and", "or", "nor"]) {
    assert.equal(asksOwnInLaws(`neither Dev's parents ${join} in-laws came`), undefined, join);
  }
});

Deno.test("asksOwnInLaws: a sentence's end before 'in-laws' ends the walk back", () => {
  assert.equal(asksOwnInLaws("the blue car is his. in-laws arrive when"), "in-laws");
  assert.equal(asksOwnInLaws("the blue car is his in-laws' one"), undefined);
});

Deno.test("asksOwnInLaws: 'my' before them wins over an 'of' phrase after", () => {
  assert.equal(asksOwnInLaws("when do my in-laws of the north arrive"), "in-laws");
});

Deno.test("asksOwnInLaws: the walk back crosses a comma list, and stops at a capitalised word", () => {
  assert.equal(asksOwnInLaws("are Dev's parents, siblings, in-laws all coming"), undefined);
  // A capitalised word that is no nationality or language is read as a name: it ends the walk.
  assert.equal(asksOwnInLaws("how are Dev's Priya in-laws"), "in-laws");
});

Deno.test("asksOwnInLaws: the walk back crosses a nationality or language adjective (fix160)", () => {
  assert.equal(asksOwnInLaws("how are Dev's Polish in-laws"), undefined);
  assert.equal(asksOwnInLaws("are Dev's lovely Italian in-laws coming"), undefined);
  assert.equal(asksOwnInLaws("his Welsh in-laws visited"), undefined);
  assert.equal(asksOwnInLaws("how are Dev's Polish-American in-laws"), undefined, "each part one");
  assert.equal(
    asksOwnInLaws("how are Dev's Polish-Priya in-laws"),
    "in-laws",
    "a part no adjective",
  );
  assert.equal(asksOwnInLaws("how are my Polish in-laws"), "in-laws");
  assert.equal(
    asksOwnInLaws("did Dev meet the Polish in-laws"),
    "in-laws",
    "'the' opens the phrase",
  );
  // Still within the reach: "Dev's" five words back is out of it.
  assert.equal(asksOwnInLaws("Dev's very own lovely old Polish in-laws"), "in-laws");
});

Deno.test("asksOwnInLaws: only 'of' right after them, with a blank either side, opens an owner phrase", () => {
  assert.equal(asksOwnInLaws("do the in-laws like the food"), "in-laws", "no 'of'");
  assert.equal(asksOwnInLaws("who are the in-laws of, the groom"), "in-laws", "'of' then a comma");
  assert.equal(asksOwnInLaws("are you coming to the in-laws of"), "in-laws", "'of' ends the text");
  assert.equal(asksOwnInLaws("who are the in-laws of the groom"), undefined);
});

Deno.test("asksOwnInLaws reads every 'in-laws': someone else's first, the speaker's after", () => {
  assert.equal(asksOwnInLaws("his in-laws and my in-laws"), "in-laws");
  assert.equal(asksOwnInLaws("his in-laws and her in-laws"), undefined);
});

Deno.test("partnerTies: no one is their own partner; each owner's partners all kept", () => {
  assert.deepEqual(partnerTies("Theo's partner Theo is here"), []);
  assert.deepEqual(partnerTies("my wife Colleen, and my partner Sam"), [
    { owner: undefined, name: "colleen" },
    { owner: undefined, name: "sam" },
  ]);
});

Deno.test("partnerTies: the speaker's ties as relation_names reads them, partners only", () => {
  assert.deepEqual(partnerTies("my lovely wife Colleen is a nurse"), [
    { owner: undefined, name: "colleen" },
  ]);
  assert.deepEqual(partnerTies("my sister is Kasia"), []);
});

Deno.test("partnerTies: a role needs its owner right before it, a blank between; a role that fails goes on to the next", () => {
  assert.deepEqual(partnerTies("wife Colleen rang"), [], "a role opening the text");
  assert.deepEqual(partnerTies("That car is Theo's. Partner Jonah drove it"), [], "a stop between");
  assert.deepEqual(partnerTies("the dog's partner Rex"), [], "a possessive that is no name");
  assert.deepEqual(partnerTies("Theo partner Jonah"), [], "a name that is no possessive");
  const tie = [{ owner: "theo", name: "jonah" }];
  assert.deepEqual(partnerTies("ok, partner stuff aside, Theo's partner Jonah called"), tie);
  assert.deepEqual(partnerTies("a partner at work, and Theo's partner Jonah"), tie);
});

Deno.test("partnerTies: a name after a comma is in apposition only with a comma after it too", () => {
  assert.deepEqual(partnerTies("Theo's partner, Jonah and Sam came to dinner"), []);
  assert.deepEqual(partnerTies("Theo's partner, Jonah, came to dinner"), [
    { owner: "theo", name: "jonah" },
  ]);
});

Deno.test("partnerTies: a name two words on needs a copula before it; two words back, a copula after it", () => {
  assert.deepEqual(partnerTies("Theo's partner and Jonah went out"), []);
  assert.deepEqual(partnerTies("Jonah met Theo's partner"), []);
  assert.deepEqual(partnerTies("Jonah is Theo's partner"), [{ owner: "theo", name: "jonah" }]);
});

Deno.test("speakerPartner: a text that opens with a reply line holds no tie of the speaker's", () => {
  assert.equal(speakerPartner(["\nJuno replied: my husband is Gareth"], new Set()), undefined);
  assert.equal(speakerPartner(["my husband is Gareth"], new Set()), "gareth");
  assert.equal(speakerPartner(["my husband is Gareth\nJuno replied: hi"], new Set()), "gareth");
});

function candidate(id: string, content: string, persona: string, lexical: number): Candidate {
  const record = sampleRecord({ id, content, persona_id: persona });
  return { record: { ...record, superseded_by: null }, similarity: 0, lexical };
}

/** The lookups `inLawBridges` makes when each answers `found`; `own` overrides the query's terms. */
async function lookups(found: Candidate[], own?: readonly string[]) {
  const asked: CandidateQuery[] = [];
  const backend = {
    candidates: (query: CandidateQuery) => {
      asked.push(query);
      return Promise.resolve(found.map((one) => ({ ...one })));
    },
  };
  const text = "who are my in-laws";
  const candidateQuery = bridgeQueryOf(text, "aria");
  await inLawBridges({ text, own: own ?? candidateQuery.terms, candidateQuery, pool: [] }, backend);
  return asked;
}

Deno.test("in-law bridges ask the partner roles at equal priors of 1", async () => {
  const priors = (await lookups([]))[0]?.priors ?? [];
  assert.ok(priors.length > 0);
  assert.ok(priors.every((prior) => prior === 1), JSON.stringify(priors));
});

Deno.test("in-law bridges pass over a partner line that matched no term or is another persona's", async () => {
  const tie = "my wife is Colleen, we met in 1998";
  assert.equal((await lookups([candidate("a", tie, "aria", 0.5)])).length, 2, "the tie is read");
  assert.equal((await lookups([candidate("a", tie, "aria", 0)])).length, 1, "lexical 0");
  assert.equal((await lookups([candidate("a", tie, "kira", 0.5)])).length, 1, "another persona");
});

Deno.test("in-law bridges: no partner lookup when the question's own terms lack its 'in-laws' term", async () => {
  const tie = candidate("a", "my wife is Colleen, we met in 1998", "aria", 0.5);
  assert.equal((await lookups([tie], [])).length, 0);
});
