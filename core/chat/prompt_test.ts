import assert from "node:assert/strict";
import { SEED_PERSONAS } from "../personas/mod.ts";
import { completeTraits, type Persona } from "../personas/mod.ts";
import {
  buildChatMessages,
  buildSystemPrompt,
  type PromptInput,
  type PromptTurn,
  windowTurns,
} from "./prompt.ts";
import { describeTraits } from "./traits.ts";

const aria: Persona = {
  ...SEED_PERSONAS[0]!,
  id: "aria-id",
  personality_traits: completeTraits(SEED_PERSONAS[0]!.personality_traits),
  traits_source: "set",
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
};

function input(overrides: Partial<PromptInput> = {}): PromptInput {
  return {
    persona: aria,
    sender: "traveler",
    message: "Sing me something about the sea",
    history: [],
    window: { turns: 8, chars: 6000 },
    ...overrides,
  };
}

function turns(count: number, size = 10): PromptTurn[] {
  return Array.from({ length: count }, (_, i) => ({
    sender: "traveler",
    content: `q${i} ${"x".repeat(size)}`,
    response: `a${i}`,
  }));
}

Deno.test("the system prompt carries name, description, backstory, goals, traits, style, interests", () => {
  const prompt = buildSystemPrompt(aria);
  assert.match(prompt, /^You are Aria\. Stay in character as Aria/);
  assert.ok(prompt.includes(aria.description));
  assert.ok(prompt.includes(`Backstory: ${aria.backstory}`));
  for (const goal of aria.goals) assert.ok(prompt.includes(`- ${goal}`));
  for (const phrase of describeTraits(aria.personality_traits)) assert.ok(prompt.includes(phrase));
  assert.ok(prompt.includes("outgoing, talkative"), "high extraversion in words");
  assert.ok(prompt.includes(`Speaking style: ${aria.speaking_style}.`));
  assert.match(prompt, /You love talking about music, stories/);
  assert.match(prompt, /Stay in character as Aria/);
});

Deno.test("traits map to high, moderate and low phrases at the documented bands", () => {
  const [, , high] = describeTraits(completeTraits({ extraversion: 0.7 }));
  const [, , mid] = describeTraits(completeTraits({ extraversion: 0.5 }));
  const [, , low] = describeTraits(completeTraits({ extraversion: 0.3 }));
  assert.match(high!, /outgoing/);
  assert.match(mid!, /sociable/);
  assert.match(low!, /reserved/);
});

Deno.test("the chat messages hold the scene, the sender, client context, sections and the message", () => {
  const messages = buildChatMessages(input({
    visual: { type: "scene", data: { place: "harbor at dusk" }, updated_at: "" },
    context: { weather: "storm" },
    sections: [{ title: "Things you remember", lines: ["The traveler lost a ship"] }],
  }));
  const system = messages[0];
  assert.equal(system!.role, "system");
  assert.match(system!.content, /What you see right now \(scene\): \{"place":"harbor at dusk"\}/);
  assert.match(system!.content, /You are talking with traveler\./);
  assert.match(system!.content, /weather: storm/);
  assert.match(system!.content, /Things you remember:\n- The traveler lost a ship/);
  assert.deepEqual(messages.at(-1), {
    role: "user",
    content: "traveler: Sing me something about the sea",
  });
});

Deno.test("earlier turns become user/assistant pairs, oldest first", () => {
  const messages = buildChatMessages(input({ history: turns(2) }));
  assert.deepEqual(messages.slice(1, 5).map((m) => m.role), [
    "user",
    "assistant",
    "user",
    "assistant",
  ]);
  assert.match(messages[1]!.content, /^traveler: q0/);
  assert.equal(messages[4]!.content, "a1");
});

Deno.test("the window bounds the prompt by turns and by characters, dropping the oldest", () => {
  const many = turns(50, 100);
  assert.deepEqual(windowTurns(many, { turns: 3, chars: 100_000 }).map((t) => t.response), [
    "a47",
    "a48",
    "a49",
  ]);
  const byChars = windowTurns(many, { turns: 50, chars: 450 });
  assert.ok(byChars.length < 5 && byChars.length > 0);
  assert.equal(byChars.at(-1)!.response, "a49");

  const small = buildChatMessages(input({ history: many, window: { turns: 4, chars: 100_000 } }));
  const longer = [...turns(500, 100), ...many.slice(-4)];
  const large = buildChatMessages(input({ history: longer, window: { turns: 4, chars: 100_000 } }));
  const size = (messages: typeof small) => messages.reduce((sum, m) => sum + m.content.length, 0);
  assert.equal(size(small), size(large), "more history does not grow the prompt past the window");
  assert.equal(
    buildChatMessages(input({ history: many, window: { turns: 0, chars: 0 } })).length,
    2,
  );
});

Deno.test("a huge scene is cut so it cannot flood the prompt", () => {
  const [system] = buildChatMessages(input({
    visual: { type: "scene", data: "y".repeat(50_000), updated_at: "" },
  }));
  assert.ok(system!.content.length < 10_000);
});
