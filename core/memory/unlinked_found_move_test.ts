import assert from "node:assert/strict";
import { findUnlinkedUpdates, type UpdateItem } from "./unlinked_updates.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

interface Item extends UpdateItem<Item> {}

function item(id: string, content: string, relevance: number, minute: number): Item {
  const created_at = new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
  return {
    record: sampleRecord({ id, persona_id: "p", content, created_at }),
    relevance,
    kept: true,
    voice: "self",
  };
}

Deno.test("review44 R4: a move a fact's lookup found (not compared) still replaces where the persona lived", () => {
  // The move was found by the home fact's own words (`fact_updates.ts`), is no compared
  // candidate itself (too weak a match) and, with no typed question, not read through the fact:
  // only its being a move of the fact's dweller (`ends()`) lets it pair.
  const home = item("home", "I live in Lyon near the river.", 0.9, 1);
  const moved = { ...item("moved", "I relocated to Porto in May.", 0.1, 5), fact: "home" };
  findUnlinkedUpdates([home, moved], {
    sameSubject: () => ({ words: 0, meaning: 0 }),
    compared: 1,
    linked: () => false,
  });
  assert.equal(home.replacedBy, moved);
});
