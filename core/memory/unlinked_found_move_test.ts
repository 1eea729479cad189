import assert from "node:assert/strict";
import { findUnlinkedUpdates } from "./unlinked_updates.ts";
import { updateItem } from "./testing/update_items.ts";

Deno.test("review44 R4: a move a fact's lookup found (not compared) still replaces where the persona lived", () => {
  // The move was found by the home fact's own words (`fact_updates.ts`), is no compared
  // candidate itself (too weak a match) and, with no typed question, not read through the fact:
  // only its being a move of the fact's dweller (`ends()`) lets it pair.
  const home = updateItem("home", "I live in Lyon near the river.", { relevance: 0.9, minute: 1 });
  const moved = {
    ...updateItem("moved", "I relocated to Porto in May.", { relevance: 0.1, minute: 5 }),
    fact: "home",
  };
  findUnlinkedUpdates([home, moved], {
    sameSubject: () => ({ words: 0, meaning: 0 }),
    compared: 1,
    linked: () => false,
  });
  assert.equal(home.replacedBy, moved);
});
