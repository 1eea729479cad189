import assert from "node:assert/strict";
import { findUnlinkedUpdates } from "./unlinked_updates.ts";
import { type Item, updateItem } from "./testing/update_items.ts";
import { updateContenders } from "./update_contenders.ts";
import { comparedVoice } from "./update_voices.ts";
import type { Voice } from "./query.ts";

/**
 * `count` kept candidates in `voice`, a minute apart, each telling of a change (so every pair of
 * them is read past its first tests), with a getter counting how often each one's voice is read.
 */
function countedItems(count: number, voice: Voice): { items: Item[]; reads: number[] } {
  const reads = new Array<number>(count).fill(0);
  // Texts unlike but for a number would be a series, of which only the newest few are compared.
  const animals = "goats hens bees sheep ducks geese pigs cows horses rabbits cats dogs".split(" ");
  const items = Array.from({ length: count }, (_, at) => {
    const item = updateItem(`m${at}`, `We sold the ${animals[at]} and moved away this week.`, {
      relevance: 1,
      minute: at + 1,
    });
    Object.defineProperty(item, "voice", {
      get: () => {
        reads[at]!++;
        return voice;
      },
    });
    return item;
  });
  return { items, reads };
}

/** The most times one candidate's voice is read by one `findUnlinkedUpdates` over `count` of them. */
function mostVoiceReads(count: number, voice: Voice): number {
  const { items, reads } = countedItems(count, voice);
  findUnlinkedUpdates(items, {
    sameSubject: () => ({ words: 0, meaning: 0 }),
    compared: count,
    linked: () => false,
  });
  return Math.max(...reads);
}

Deno.test("findUnlinkedUpdates reads each candidate's compared voice once a search, not once a pair", () => {
  // Each pair whose older one is in a compared voice asked the newer one's `comparedVoice` again
  // (the newest of 12 read 11 times more than the newest of 3): now read once per candidate.
  for (const voice of ["self", "other"] as const) {
    assert.equal(mostVoiceReads(12, voice), mostVoiceReads(3, voice), voice);
  }
});

Deno.test("updateContenders gives each contender its comparedVoice", () => {
  const own = updateItem("own", "We sold the goats in the spring.", { relevance: 1, minute: 2 });
  const remark = updateItem("remark", "learning the hardanger fiddle now!!", {
    relevance: 1,
    minute: 3,
    voice: "other",
  });
  const userFact = updateItem("user", "User drives a dark blue Mazda now.", {
    relevance: 1,
    minute: 4,
    voice: "other",
  });
  // In no one's voice with a number in digits: compared (`measuringVoice`), not in a compared voice.
  const measured = updateItem("rent", "The landlord raised the rent to 1050 euros.", {
    relevance: 1,
    minute: 5,
    voice: "other",
  });
  const { contenders } = updateContenders([own, remark, userFact, measured], {
    compared: 4,
    linked: () => false,
  });
  // Both answers are there: a check of each, not of one kind alone.
  assert.deepEqual(
    new Set(contenders.map((contender) => contender.voiced)),
    new Set([true, false]),
  );
  for (const { item, voiced } of contenders) {
    assert.equal(voiced, comparedVoice(item.voice, item.record.content), item.record.id);
  }
});
