/**
 * Pins of prompt assembly that mutation testing (mut48) found loose under the chat folder's
 * tests: the topic thresholds and orders, the 2,000-character cut of client data, the card's
 * post-history instructions and the placing of lore entries at a depth.
 */
import assert from "node:assert/strict";
import { completeTraits, type Persona, SEED_PERSONAS } from "../personas/mod.ts";
import type { FiredEntry, LoreActivation } from "../lore/activation_types.ts";
import type { ChatMessage } from "../llm/mod.ts";
import {
  buildSituation,
  buildSystemPrompt,
  postHistoryMessage,
  type PromptTurn,
  windowTurns,
  withDepthLore,
} from "./prompt.ts";

const base: Persona = {
  ...SEED_PERSONAS[0]!,
  id: "mut48-persona",
  personality_traits: completeTraits(SEED_PERSONAS[0]!.personality_traits),
  traits_source: "set",
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
};

Deno.test("topics rated 70 and up are loved, best first; 30 and down are dull, least liked first", () => {
  const persona = {
    ...base,
    topic_preferences: { sailing: 70, music: 95, taxes: 30, weather: 50, golf: 5, chess: 71 },
  };
  const prompt = buildSystemPrompt(persona);
  assert.match(prompt, /You love talking about music, chess, sailing\./);
  assert.match(prompt, /You find golf, taxes dull\./);
  assert.doesNotMatch(prompt, /weather/);
  const edges = { ...base, topic_preferences: { cards: 69, dice: 31 } };
  assert.doesNotMatch(buildSystemPrompt(edges), /You love|dull/);
});

Deno.test("client data up to 2,000 characters is shown whole; past that, cut at 2,000 with …", () => {
  const situation = (value: string) =>
    buildSituation({ persona: base, sender: "Bo", context: { note: value } });
  const whole = "a".repeat(2000);
  assert.match(situation(whole), new RegExp(`- note: ${whole}(\\n|$)`));
  const over = "b".repeat(2001);
  const shown = situation(over);
  assert.match(shown, new RegExp(`- note: ${"b".repeat(2000)}…`));
  assert.doesNotMatch(shown, new RegExp("b".repeat(2001)));
});

Deno.test("the card's post-history instructions end the chat as a system message, macros filled", () => {
  const persona = { ...base, post_history_instructions: "Answer {{user}} briefly." };
  assert.deepEqual(postHistoryMessage(persona, "Bo"), {
    role: "system",
    content: "Answer Bo briefly.",
  });
  assert.equal(postHistoryMessage({ ...base, post_history_instructions: "  " }, "Bo"), null);
});

function fired(content: string, position: FiredEntry["position"], depth?: number): FiredEntry {
  return {
    lorebook_id: "book",
    lorebook_name: "Book",
    entry: 0,
    label: content,
    via: "constant",
    step: 0,
    position,
    depth,
    insertion_order: 100,
    tokens: 1,
    content,
  } as FiredEntry;
}

const chat: ChatMessage[] = [
  { role: "user", content: "u1" },
  { role: "assistant", content: "a1" },
  { role: "user", content: "u2" },
];

function lore(...entries: FiredEntry[]): LoreActivation {
  return { fired: entries, cut: [] };
}

Deno.test("one lore entry at depth 1 goes before the newest message; other positions stay out", () => {
  const out = withDepthLore(chat, lore(fired("D", "at_depth", 1), fired("X", "before_char")));
  assert.deepEqual(out.map((m) => m.content), ["u1", "a1", "D", "u2"]);
  assert.equal(out[2]!.role, "system");
  assert.equal(withDepthLore(chat, lore(fired("X", "before_char"))), chat);
});

Deno.test("lore at several depths is placed deepest first, so each lands at its own depth", () => {
  // Given shallow first: placing the shallow one first would shift the deeper one's place.
  const out = withDepthLore(chat, lore(fired("A", "at_depth", 0), fired("B", "at_depth", 2)));
  assert.deepEqual(out.map((m) => m.content), ["u1", "B", "a1", "u2", "A"]);
  const three = lore(
    fired("A", "at_depth", 0),
    fired("B", "at_depth", 2),
    fired("C", "at_depth", 1),
  );
  assert.deepEqual(withDepthLore(chat, three).map((m) => m.content), [
    "u1",
    "B",
    "a1",
    "C",
    "u2",
    "A",
  ]);
  const far = withDepthLore(chat, lore(fired("F", "at_depth", 9)));
  assert.deepEqual(far.map((m) => m.content), ["F", "u1", "a1", "u2"], "past the oldest: first");
});

Deno.test("a lore entry at depth with no depth counts as depth 0; same depths keep their order", () => {
  const mixed = withDepthLore(chat, lore(fired("N", "at_depth"), fired("C", "at_depth", 1)));
  assert.deepEqual(mixed.map((m) => m.content), ["u1", "a1", "C", "u2", "N"]);
  const tied = withDepthLore(chat, lore(fired("D", "at_depth", 0), fired("N", "at_depth")));
  assert.deepEqual(tied.map((m) => m.content), ["u1", "a1", "u2", "D", "N"]);
});

Deno.test("the prompt window keeps turns whose characters add up to its size exactly", () => {
  const turn = (i: number): PromptTurn => ({
    sender: "Bo",
    content: `q${i}xxx`,
    response: `a${i}xxx`,
  });
  const history = [turn(1), turn(2), turn(3)];
  // Each turn is 10 characters: 20 hold the newest two, 19 only the newest.
  assert.deepEqual(windowTurns(history, { turns: 8, chars: 20 }), [turn(2), turn(3)]);
  assert.deepEqual(windowTurns(history, { turns: 8, chars: 19 }), [turn(3)]);
  assert.deepEqual(windowTurns(history, { turns: 2, chars: 1000 }), [turn(2), turn(3)]);
});
