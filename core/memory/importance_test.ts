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

/** The factors and the score of `text` with no topic preferences. */
const detail = (text: string) => scoreImportanceDetailed(text);
const words = (n: number) => Array.from({ length: n }, () => "stone").join(" ");

Deno.test("the documented weights: 0.10 + 0.30·E + 0.30·S + 0.20·P + 0.10·G", () => {
  assert.equal(detail("").importance, 0.2, "only the base and a neutral interest (0.5)");
  assert.equal(detail("furious").importance, 0.485, "E 0.95");
  assert.equal(detail("emergency").importance, 0.485, "S 0.95");
  assert.equal(detail("tired").importance, 0.26, "E 0.2");
  assert.equal(detail("remember").importance, 0.335, "S 0.45");
  assert.equal(detail("why").importance, 0.22, "G 0.2");
  assert.equal(detail("surprised").importance, 0.395, "rounded to 3 decimals, not 2");
});

Deno.test("emphasis: one, two and three exclamation marks", () => {
  assert.equal(detail("a!").emotion, 0.4);
  assert.equal(detail("a!!").emotion, 0.6);
  assert.equal(detail("a!!!").emotion, 0.8);
});

Deno.test("shouting: over half capitals 0.8, over 0.3 0.7, from 4 letters; one shouted word 0.6", () => {
  assert.equal(detail("ABcd").emotion, 0.7, "exactly half is not over half");
  assert.equal(detail("ABCdefgh").emotion, 0.7, "0.375");
  assert.equal(detail("ABcdefgh").emotion, 0, "0.25");
  assert.equal(detail("ABC").emotion, 0, "3 letters are too few");
  assert.equal(detail("ABCD").emotion, 0.8, "4 letters are enough");
  assert.equal(detail("we saw BEAR today yes indeed").emotion, 0.6, "one 4-letter shouted word");
  assert.equal(detail("we saw OWL today yes indeed").emotion, 0, "3 capitals are not a shout");
});

Deno.test("shouting counts letters alike in plain ASCII and in Unicode text", () => {
  // ASCII text is counted in place; any other character sends it the Unicode way.
  for (
    const [ascii, unicode] of [["ABcd", "ABcé"], ["ABCdefgh", "ABCdefgé"], ["ABC1", "ABC½"], [
      "AZaz",
      "AZaé",
    ]]
  ) {
    assert.equal(detail(ascii!).emotion, detail(unicode!).emotion, `${ascii} / ${unicode}`);
  }
  assert.equal(detail("ÀÉÎÕ").emotion, 0.8, "accented capitals shout");
  assert.equal(detail("abcd12 EF34 GH").emotion, 0.7, "digits are no letters: 4 capitals of 8");
  assert.equal(detail("I SAID NO!").emotion, 0.8);
});

Deno.test("engagement: 0.2 a question up to 0.4; length 10, 20, 50 words; asking 0.2", () => {
  assert.equal(detail("a?").engagement, 0.2);
  assert.equal(detail("a???").engagement, 0.4);
  assert.equal(detail(words(9)).engagement, 0);
  assert.equal(detail(words(10)).engagement, 0.15);
  assert.equal(detail(words(19)).engagement, 0.15);
  assert.equal(detail(words(20)).engagement, 0.3);
  assert.equal(detail(words(49)).engagement, 0.3);
  assert.equal(detail(words(50)).engagement, 0.4);
  assert.equal(detail("explain").engagement, 0.2);
});

Deno.test("one text scored for several personas: only their interest differs", () => {
  // A dialogue turn's text is scored for each persona present, one after the other; what the
  // text alone decides is kept for the next persona, the interest is each persona's own.
  const text = "We argued about music and politics until midnight, why?";
  const fan = scoreImportanceDetailed(text, { topicPreferences: { music: 95 } });
  const critic = scoreImportanceDetailed(text, { topicPreferences: { politics: 5 } });
  const none = scoreImportanceDetailed(text);
  assert.deepEqual([fan.interest, critic.interest, none.interest], [0.95, 0.05, 0.5]);
  for (const other of [critic, none]) {
    assert.deepEqual(
      [other.emotion, other.significance, other.engagement],
      [fan.emotion, fan.significance, fan.engagement],
    );
  }
  assert.ok(fan.importance > none.importance && none.importance > critic.importance);
  // Other texts in between, then the first again: the same figures.
  scoreImportance("A quiet day in the garden", ARIA);
  scoreImportance("EMERGENCY! Fire!", ARIA);
  assert.deepEqual(scoreImportanceDetailed(text, { topicPreferences: { politics: 5 } }), critic);
  assert.deepEqual(scoreImportanceDetailed(text, { topicPreferences: { music: 95 } }), fan);
});
