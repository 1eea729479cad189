import assert from "node:assert/strict";
import { aboutOtherRelation, askedRelation, openingRelation } from "./relation_subject.ts";
import { adjustedAmong } from "./testing/adjusted_among.ts";
import { RELATIVE_SUBJECT } from "./text_factor_shares.ts";

Deno.test("the kind of relation a query asks about and a memory opens with", () => {
  assert.equal(askedRelation("What does the user's wife do for a living?"), "kin");
  assert.equal(askedRelation("what's his spouse's job"), "kin");
  assert.equal(askedRelation("Where does my boss live?"), "companion");
  assert.equal(askedRelation("Where does the user work?"), undefined);
  assert.equal(
    openingRelation("The user's colleague Dennis works in the legal office."),
    "companion",
  );
  assert.equal(openingRelation("My older sister lives in Leeds."), "kin");
  assert.equal(openingRelation("User works at the roads authority."), "");
  assert.equal(aboutOtherRelation("kin", "My colleague Dennis works in legal."), true);
  assert.equal(aboutOtherRelation("kin", "The user's wife Akinyi is an auditor."), false);
  assert.equal(aboutOtherRelation("kin", "My son started school."), false, "kin words: members");
  assert.equal(aboutOtherRelation(undefined, "My colleague Dennis works in legal."), false);
});

Deno.test("a companion's memory loses RELATIVE_SUBJECT for a question about kin, in either voice", async () => {
  const adjusted = await adjustedAmong([
    "The user's colleague Dennis works in the legal office.",
    "The user's wife Akinyi is an auditor at a big firm.",
    "My colleague Priya works in the finance office.",
  ], ["What does the user's wife do for work?", "What does my husband do for work?"]);
  assert.equal(adjusted[0]![0], 1 - RELATIVE_SUBJECT);
  assert.equal(adjusted[0]![1], 1);
  assert.equal(adjusted[1]![2], 1 - RELATIVE_SUBJECT);
});

Deno.test("review44 R7: a partner's or fiance's memory is not another kind than a wife's or husband's", async () => {
  const adjusted = await adjustedAmong([
    "My partner Sam works as a nurse on night shifts.",
    "My fiance Mia is a vet at the animal hospital.",
    "My colleague Dennis is a vet who studies law at night.",
  ], ["What does my husband do for work?", "Where does my wife work?"]);
  assert.equal(adjusted[0]![0], 1, "partner for husband");
  assert.equal(adjusted[1]![1], 1, "fiance for wife");
  // The colleague keeps its mark-down (with the query's other factors, as the partner has them).
  const colleague = adjusted[1]![2]! / adjusted[1]![0]!;
  assert.ok(Math.abs(colleague - (1 - RELATIVE_SUBJECT)) < 1e-9, `${colleague}`);
});
