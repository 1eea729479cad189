import assert from "node:assert/strict";
import { BACKGROUND, told, topHits, withSqlite } from "./testing/told_memories.ts";
import { ANSWER_TYPE } from "./text_factor_shares.ts";

Deno.test("search: 'in the NHS' names no place for a where question, as 'in the village' does (real SQLite)", async () => {
  // The two lines differ in the word after "in" alone. "NHS" was read as the plural of "NH"
  // (New Hampshire), so both said where and scored alike; an initialism in capitals is now looked
  // up as itself (`word_relations.ts` `isPlace`), so the NHS line loses the answer type's share.
  await withSqlite(async (fixture) => {
    const [village, nhs] = await told(fixture, {
      background: BACKGROUND,
      told: [
        "Leila found her new flat through a friend in the village",
        "Leila found her new flat through a friend in the NHS",
      ],
    });
    const hits = await topHits(fixture, "where is Leila's new flat?");
    const score = (id: string) => hits.find((hit) => hit.id === id)!.score;
    assert.ok(
      score(nhs!) < score(village!) * (1 - ANSWER_TYPE / 2),
      `${score(nhs!)} vs ${score(village!)}`,
    );
  });
});
