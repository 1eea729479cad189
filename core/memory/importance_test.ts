import assert from "node:assert/strict";
import { scoreImportance, scoreImportanceDetailed } from "./importance.ts";

const ARIA = { topicPreferences: { music: 95, magic: 80, politics: 5, "ancient history": 70 } };

Deno.test("an emergency outranks small talk", () => {
  const emergency = scoreImportance("EMERGENCY! The tower is on fire, we need help now!", ARIA);
  const smallTalk = scoreImportance("The weather is nice today", ARIA);
  assert.ok(emergency >= smallTalk + 0.3, `${emergency} vs ${smallTalk}`);
  assert.ok(emergency > 0.6);
  assert.ok(smallTalk < 0.4);
});

Deno.test("the persona's favourite topic outranks one it dislikes", () => {
  const favourite = scoreImportance("Let us talk about music tonight", ARIA);
  const disliked = scoreImportance("Let us talk about politics tonight", ARIA);
  const neutral = scoreImportance("Let us talk about gardening tonight", ARIA);
  assert.ok(favourite > neutral && neutral > disliked, `${favourite} > ${neutral} > ${disliked}`);
});

Deno.test("topics match across word forms and need every word of a multi-word topic", () => {
  const both = scoreImportanceDetailed("The ancient histories of the elves", ARIA);
  const half = scoreImportanceDetailed("An ancient elf", ARIA);
  assert.equal(both.interest, 0.7);
  assert.equal(half.interest, 0.5);
});

Deno.test("emotion, significance and engagement each raise the score", () => {
  const plain = scoreImportance("We walked to the market");
  assert.ok(scoreImportance("We walked to the market and I was devastated") > plain);
  assert.ok(scoreImportance("We walked to the market and she told me a secret") > plain);
  assert.ok(scoreImportance("Why did we walk to the market? How far was it?") > plain);
  assert.ok(scoreImportance("We walked to the market!!!") > plain);
});

Deno.test("the score is deterministic and always within 0..1", () => {
  const extremes = [
    "",
    "!!!!!!!!!!!!!!!!!!!!",
    "FURIOUS TERRIFIED EMERGENCY DEATH SECRET MARRIED!!! WHY? HOW? " + "word ".repeat(200),
    "ok",
    "🙂🙂🙂",
    "a".repeat(10_000),
  ];
  for (const text of extremes) {
    const choices: Record<string, number>[] = [
      {},
      { word: 100 },
      { word: 0 },
      ARIA.topicPreferences,
    ];
    for (const preferences of choices) {
      const score = scoreImportance(text, { topicPreferences: preferences });
      assert.ok(score >= 0 && score <= 1, `${score} for ${text.slice(0, 20)}`);
      assert.equal(score, scoreImportance(text, { topicPreferences: preferences }));
    }
  }
});
