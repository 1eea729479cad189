/**
 * SillyTavern's World Info controls in activation (attack22 F2): inclusion groups, character
 * filters, delay, and the sticky and cooldown effects over a sequence of chat messages.
 */
import assert from "node:assert/strict";
import { activateLore, type ActivationInput } from "./activate.ts";
import type { Lorebook, LoreEntry } from "./book.ts";
import { type TimedEffect, TimedEffects } from "./timed_effects.ts";

function entry(
  content: string,
  extensions: Record<string, unknown>,
  keys = ["weather"],
): LoreEntry {
  return { keys, content, extensions, enabled: true, insertion_order: 100, use_regex: false };
}

function run(entries: LoreEntry[], text: string, options: Partial<ActivationInput> = {}) {
  const book: Lorebook = { extensions: {}, entries };
  return activateLore({
    books: [{ id: "b1", name: "Book", book }],
    messages: [{ name: "", text }],
    ...options,
  });
}

const fired = (activation: ReturnType<typeof run>) => activation.fired.map((f) => f.content);

Deno.test("of the entries of one inclusion group that fire, one stays: weighted by the draw", () => {
  const group = [
    entry("sunny", { group: "weather", group_weight: 100 }),
    entry("rainy", { group: "weather", group_weight: 300 }),
    entry("windy", { group: "other, weather" }),
  ];
  // Weights 100, 300, 100 over 500: a draw of 0.1 falls on the first, 0.5 on the second, 0.9
  // on the third.
  assert.deepEqual(fired(run(group, "the weather?", { random: () => 0.1 })), ["sunny"]);
  assert.deepEqual(fired(run(group, "the weather?", { random: () => 0.5 })), ["rainy"]);
  const last = run(group, "the weather?", { random: () => 0.9 });
  assert.deepEqual(fired(last), ["windy"]);
  assert.deepEqual(last.cut.map((c) => [c.label, c.reason]), [
    ["weather", "group"],
    ["weather", "group"],
  ]);
  // An entry of no group is not touched.
  const mixed = [...group, entry("plain", {})];
  assert.deepEqual(fired(run(mixed, "the weather?", { random: () => 0 })), ["sunny", "plain"]);
});

Deno.test("group override wins its group: the highest insertion order among the overrides", () => {
  const group = [
    entry("sunny", { group: "weather" }),
    { ...entry("rainy", { group: "weather", group_override: true }), insertion_order: 5 },
    { ...entry("stormy", { group: "weather", group_override: true }), insertion_order: 50 },
  ];
  for (const draw of [0, 0.5, 0.99]) {
    assert.deepEqual(fired(run(group, "the weather?", { random: () => draw })), ["stormy"]);
  }
});

Deno.test("group scoring keeps the entries that matched the most keys", () => {
  const songs = [
    entry("cat song", { group: "songs", use_group_scoring: true }, ["song", "sing", "Black Cat"]),
    entry("ghost song", { group: "songs", use_group_scoring: true }, ["song", "sing", "Ghosts"]),
  ];
  const text = "sing me a song about Ghosts";
  for (const draw of [0, 0.99]) {
    assert.deepEqual(fired(run(songs, text, { random: () => draw })), ["ghost song"]);
  }
});

Deno.test("a character filter limits an entry to names or tags, or keeps it from them", () => {
  const entries = [
    entry("only Aria", { character_filter: { names: ["Aria"], tags: [], isExclude: false } }),
    entry("not Kira", { character_filter: { names: ["kira"], isExclude: true } }),
    entry("spies only", { character_filter: { names: [], tags: ["Spy"] } }),
    entry("no spies", { character_filter: { tags: ["spy"], isExclude: true } }),
    entry("anyone", { character_filter: { names: [], tags: [], isExclude: false } }),
  ];
  const as = (names: string[], tags: string[]) =>
    fired(run(entries, "the weather?", { character: { names, tags } }));
  assert.deepEqual(as(["Aria"], []), ["only Aria", "not Kira", "no spies", "anyone"]);
  assert.deepEqual(as(["Kira"], []), ["no spies", "anyone"]);
  assert.deepEqual(as(["Kira"], ["spy"]), ["spies only", "anyone"]);
  // By nickname too; without a persona (a dry run of explicit books) no filter applies.
  assert.deepEqual(as(["Aria Vale", "Aria"], ["SPY"]), [
    "only Aria",
    "not Kira",
    "spies only",
    "anyone",
  ]);
  assert.equal(fired(run(entries, "the weather?")).length, 5);
});

Deno.test("delay: the entry fires once the chat holds its number of messages", () => {
  const delayed = [entry("later", { delay: 5 })];
  assert.deepEqual(fired(run(delayed, "the weather?")), []); // one message given
  assert.deepEqual(fired(run(delayed, "the weather?", { chatLength: 4 })), []);
  assert.deepEqual(fired(run(delayed, "the weather?", { chatLength: 5 })), ["later"]);
});

/** Activates over a chat of `lengths` messages in turn, carrying the effects as a store would. */
function sequence(
  entries: LoreEntry[],
  turns: Array<{ length: number; text: string }>,
): string[][] {
  let stored: TimedEffect[] = [];
  return turns.map(({ length, text }) => {
    const timed = new TimedEffects(stored, length);
    const result = fired(run(entries, text, { chatLength: length, timed }));
    stored = timed.effects;
    return result;
  });
}

Deno.test("sticky and cooldown over a chat: SillyTavern's example (sticky 3, cooldown 2, delay 2)", () => {
  const timedEntry = entry("timed", { sticky: 3, cooldown: 2, delay: 2, probability: 0 });
  timedEntry.extensions.useProbability = false;
  const turns = [1, 2, 3, 4, 5, 6, 7, 8].map((length) => ({ length, text: "the weather?" }));
  const result = sequence([timedEntry], turns).map((list) => list.length === 1);
  // Lengths 1: delay; 2: fires (sticky while under 2 + 3); 3, 4: sticky; 5, 6: cooldown (ends
  // at 5 + 2); 7: fires again; 8: sticky. SillyTavern's own example, counted in chat lengths.
  assert.deepEqual(result, [false, true, true, true, false, false, true, true]);
  // Sticky: fires with no key in the chat and no probability roll (a roll of 0.99 fails 1%).
  const rare = entry("rare", { sticky: 2, probability: 1 });
  const first = new TimedEffects([], 1);
  assert.deepEqual(
    fired(run([rare], "the weather?", { chatLength: 1, timed: first, random: () => 0 })),
    ["rare"],
  );
  const next = new TimedEffects(first.effects, 2);
  assert.deepEqual(
    fired(run([rare], "nothing", { chatLength: 2, timed: next, random: () => 0.99 })),
    ["rare"],
  );
  const over = new TimedEffects(next.effects, 3);
  assert.deepEqual(
    fired(run([rare], "the weather?", { chatLength: 3, timed: over, random: () => 0.99 })),
    [],
  );
});

Deno.test("cooldown alone: the entry cannot fire for its messages after it fired", () => {
  const cooled = [entry("cooled", { cooldown: 2 })];
  const turns = [1, 2, 3, 4].map((length) => ({ length, text: "the weather?" }));
  // Fired at 1, it cannot fire while the chat holds fewer than 1 + 2 messages.
  assert.deepEqual(sequence(cooled, turns).map((l) => l.length), [1, 0, 1, 0]);
  // A 1:1 chat grows by two a reply (the message and the answer): cooldown 3 skips one reply.
  const replies = [1, 3, 5, 7].map((length) => ({ length, text: "the weather?" }));
  const three = [entry("cooled", { cooldown: 3 })];
  assert.deepEqual(sequence(three, replies).map((l) => l.length), [1, 0, 1, 0]);
});

Deno.test("a sticky entry fires without its key; a retried reply or an edited entry drops it", () => {
  const sticky = entry("sticky", { sticky: 3 });
  const first = new TimedEffects([], 2);
  assert.deepEqual(fired(run([sticky], "the weather?", { chatLength: 2, timed: first })), [
    "sticky",
  ]);
  const later = new TimedEffects(first.effects, 4);
  const keyless = run([sticky], "nothing here", { chatLength: 4, timed: later });
  assert.deepEqual(keyless.fired.map((f) => f.via), ["sticky"]);
  // The same length again (the reply retried): the effect is gone.
  assert.deepEqual(
    fired(run([sticky], "nothing", { chatLength: 2, timed: new TimedEffects(first.effects, 2) })),
    [],
  );
  // The entry edited since: gone too.
  const edited = { ...sticky, content: "sticky, edited" };
  assert.deepEqual(
    fired(run([edited], "nothing", { chatLength: 4, timed: new TimedEffects(first.effects, 4) })),
    [],
  );
});
