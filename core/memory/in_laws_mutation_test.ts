/**
 * In-laws' edges (mut59): the owner walk reaches exactly IN_LAW_OWNER_REACH words back, crosses
 * "nor" as a join and stops at a sentence's end; the bridges read only the persona's lines that
 * match, ask the partner roles at equal priors, and need the question's own "in-laws" term.
 */
import assert from "node:assert/strict";
import type { Candidate, CandidateQuery } from "./backend.ts";
import { asksOwnInLaws, IN_LAW_OWNER_REACH } from "./in_laws.ts";
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

Deno.test("speakerPartner: a text that opens with a reply line holds no tie of the speaker's", () => {
  assert.equal(speakerPartner(["\nJuno replied: my husband is Gareth"], new Set()), undefined);
  assert.equal(speakerPartner(["my husband is Gareth"], new Set()), "gareth");
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
