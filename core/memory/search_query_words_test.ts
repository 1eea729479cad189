import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { PersonaCreate } from "../personas/mod.ts";
import { UNNAMED } from "./text_factor_shares.ts";
import { NO_REFERENT } from "./unnamed_referents.ts";

Deno.test("a content word with a frame word's stem keeps its weight ('presentation', not 'presently')", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const presentation = await fixture.memory.store(
      fixture.aria,
      input({ content: "I gave a presentation on solar panels to the board." }),
    );
    for (
      const content of [
        "The board of my company meets every month.",
        "I joined the board of the sailing club.",
      ]
    ) await fixture.memory.store(fixture.aria, input({ content }));
    const hits = await fixture.memory.search(fixture.aria, {
      query: "Tell me about my presentation to the board",
      n_results: 2,
      min_importance: 0,
    });
    // With "presentation" a frame word (its stem is "presently"'s) the three scored nearly alike.
    assert.equal(hits[0]!.id, presentation.id);
    assert.ok(hits[1]!.score < hits[0]!.score / 2, JSON.stringify(hits));
  } finally {
    await fixture.close();
  }
});

Deno.test("another persona's memory holds its owner's name: 'I love jazz' of Kira's answers 'What does Kira love?'", async () => {
  // Aria asks about Kira; the same memory is Kira's in one fixture, Lena's in another (each
  // search in a fixture of its own: a search's touches would move the next one's scores).
  const scoreOfJazz = async (owner: "Kira" | "Lena") => {
    const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
    try {
      const lena = await fixture.personas.create(PersonaCreate.parse({ name: "Lena" }));
      const jazz = await fixture.memory.store(
        owner === "Kira" ? fixture.kira : lena,
        input({ content: "I love playing jazz piano.", visibility: "shared" }),
      );
      const hits = await fixture.memory.searchCrossPersona(fixture.aria, {
        query: "What music does Kira love?",
        n_results: 5,
        min_importance: 0,
        include_shared: true,
        include_public: true,
      });
      return hits.find((hit) => hit.id === jazz.id)!.score;
    } finally {
      await fixture.close();
    }
  };
  const kiras = await scoreOfJazz("Kira");
  // Lena's "I" cannot stand for Kira either (`unnamed_referents.ts`).
  const lenas = kiras * (1 - UNNAMED) * (1 - NO_REFERENT);
  assert.ok(Math.abs(await scoreOfJazz("Lena") - lenas) < 0.001, `${kiras}`);
});

Deno.test("the persona's nickname, like its name, is whom a message speaks to, not what it asks about", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const daisy = await fixture.personas.create(PersonaCreate.parse({
      name: "Marguerite",
      card_extras: { nickname: "Daisy" },
    }));
    const roses = await fixture.memory.store(daisy, input({ content: "I love growing roses." }));
    const hits = await fixture.memory.search(daisy, {
      query: "So Daisy, what do I love growing?",
      n_results: 5,
      min_importance: 0,
      explain: true,
    });
    assert.equal(hits.find((hit) => hit.id === roses.id)!.score_parts!.adjustment, 1);
  } finally {
    await fixture.close();
  }
});
