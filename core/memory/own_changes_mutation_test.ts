import assert from "node:assert/strict";
import { ownChangeOfFact } from "./own_changes.ts";

const SMOKES = "I smoke about ten cigarettes a day.";

Deno.test("the persona may be any of the four words before a change word's end, not the fifth", () => {
  assert.ok(ownChangeOfFact(SMOKES, "I have finally quit cigarettes."));
  assert.ok(!ownChangeOfFact(SMOKES, "I think Tom finally quit cigarettes."));
});

Deno.test("every light verb names nothing a change ends", () => {
  const light: [string, string][] = [
    ["go", "going"],
    ["do", "doing"],
    ["get", "getting"],
    ["make", "making"],
    ["take", "taking"],
    ["have", "having"],
    ["use", "using"],
    ["come", "coming"],
    ["keep", "keeping"],
    ["put", "putting"],
    ["feel", "feeling"],
    ["start", "starting"],
  ];
  // A verb of content is what a change ends.
  assert.ok(ownChangeOfFact("I love painting at the weekend.", "I stopped painting."));
  for (const [verb, form] of light) {
    assert.ok(!ownChangeOfFact(`I love ${form} at the weekend.`, `I stopped ${form}.`), verb);
  }
});

Deno.test("a fact that opens with 'my' and a companion is someone else's", () => {
  const others =
    ("friend friends neighbour neighbours neighbor neighbors colleague colleagues boss " +
      "manager partner girlfriend boyfriend flatmate roommate best old sister dad").split(" ");
  assert.ok(
    ownChangeOfFact("My doctor smokes ten cigarettes a day.", "I finally quit cigarettes."),
  );
  for (const word of others) {
    assert.ok(
      !ownChangeOfFact(`My ${word} smokes ten cigarettes a day.`, "I finally quit cigarettes."),
      word,
    );
  }
});

Deno.test("each phrase of time may open the persona's own fact, up to 30 characters", () => {
  const openings = [
    "On Sundays",
    "Since 2019",
    "Every summer",
    "Most weekends",
    "After work",
    "Before work",
    "During the summer",
  ];
  const stopped = "I stopped sailing after the accident.";
  for (const opening of openings) {
    assert.ok(ownChangeOfFact(`${opening}, I go sailing on the lake.`, stopped), opening);
  }
  assert.ok(ownChangeOfFact(`After ${"x".repeat(30)}, I go sailing on the lake.`, stopped));
  assert.ok(!ownChangeOfFact(`After ${"x".repeat(31)}, I go sailing on the lake.`, stopped));
});

Deno.test("'our' right after a change word: a thing of the persona's own changed by someone else", () => {
  assert.ok(
    ownChangeOfFact(
      "We take sertraline, 50mg in the morning",
      "doctor upped our sertraline to 100mg",
    ),
  );
});

Deno.test("a plural's 'es' is dropped to compare words ('tomatoes', 'tomato')", () => {
  assert.ok(ownChangeOfFact("I grow tomatoes in the greenhouse.", "I gave up the tomato."));
});

Deno.test("only after 'my' or 'our' does a companion word make the fact someone else's", () => {
  assert.ok(ownChangeOfFact("We old timers play poker every Friday.", "We quit poker."));
});
