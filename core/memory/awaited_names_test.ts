import assert from "node:assert/strict";
import { namesAwaited, namingAwaited } from "./awaited_names.ts";
import { findUnlinkedUpdates } from "./unlinked_updates.ts";
import { type Item, updateItem } from "./testing/update_items.ts";

/** Texts of one persona. */
const text = { text: (item: string) => item, persona: () => "p" };

Deno.test("namingAwaited: the others naming the head of a thing one of the awaiting awaits", () => {
  const interview = "Next Friday I have a job interview at a design agency.";
  const went = "The interview went well and the agency offered me the position.";
  const job = "My job is quiet this week.";
  assert.deepEqual(namingAwaited([went, job], [interview], text), [went]);
  // "pregnant" awaits a child, however it is named.
  assert.deepEqual(
    namingAwaited(["Maja had a girl", "Maja's cat"], ["Maja's pregnant again!!"], text),
    ["Maja had a girl"],
  );
  // Nothing awaited: none.
  assert.deepEqual(namingAwaited([went], [job], text), []);
});

Deno.test("namingAwaited: an awaiting memory's own head is no other's naming", () => {
  const saving = "I'm saving up for a steam deck.";
  assert.deepEqual(namingAwaited([saving], [saving], text), []);
  const more = "I'm saving for a switch, bought the steam deck.";
  assert.deepEqual(namingAwaited([saving, more], [saving, more], text), [more]);
});

/** `findUnlinkedUpdates` over `items`, every pair alike in words and meaning. */
function pairUp(items: readonly Item[]): void {
  findUnlinkedUpdates(items, {
    sameSubject: () => ({ words: 0.5, meaning: 0.5 }),
    compared: 30,
    queryTerms: [],
    linked: () => false,
  });
}

Deno.test("findUnlinkedUpdates: a line naming an awaited thing is the newer one only of the memory awaiting it, the older one of none", () => {
  // review49b M2: in no one's voice, it was compared with every memory once any awaited a thing
  // it names: "her outback" ended the persona's own.
  const interview = updateItem(
    "interview",
    "Next Friday I have a job interview at a design agency.",
    {
      relevance: 0.8,
      minute: 1,
    },
  );
  const car = updateItem("car", "I drive a rusty old subaru outback", {
    relevance: 0.8,
    minute: 2,
  });
  const died = updateItem("died", "her outback finally died on the way to the interview", {
    relevance: 0.8,
    minute: 3,
    voice: "other",
  });
  pairUp([interview, car, died]);
  assert.equal(car.replacedBy, undefined);
  // Without the awaiting memory it is compared with none: the same.
  const alone = [car, died].map((item) => ({ ...item, replacedBy: undefined }));
  pairUp(alone);
  assert.equal(alone[0]!.replacedBy, undefined);
  // Nor is it the older one of a pair: what the interviewer saves up for is not the persona's.
  const saving = updateItem(
    "saving",
    "the interview prep is done, the interviewer is saving up for a steam deck",
    { relevance: 0.8, minute: 5, voice: "other" },
  );
  const bought = updateItem("bought", "I finally bought the steam deck", {
    relevance: 0.8,
    minute: 6,
  });
  pairUp([{ ...interview, replacedBy: undefined }, saving, bought]);
  assert.equal(saving.replacedBy, undefined);
  // The memory awaiting what it names: met.
  const went = updateItem(
    "went",
    "The interview went well and the agency offered me the position.",
    {
      relevance: 0.8,
      minute: 4,
      voice: "other",
    },
  );
  const awaiting = { ...interview, replacedBy: undefined };
  pairUp([awaiting, went]);
  assert.equal(awaiting.replacedBy, went);
});

Deno.test("namingAwaited: one persona's awaited heads name its others, itself left out", () => {
  type Said = { persona: string; text: string };
  const reading = { text: (item: Said) => item.text, persona: (item: Said) => item.persona };
  const interview = {
    persona: "a",
    text: "Next Friday I have a job interview at a design agency.",
  };
  const dentist = { persona: "a", text: "Tomorrow I have a dentist appointment." };
  const went = { persona: "a", text: "The interview went well." };
  const elsewhere = { persona: "b", text: "The interview went well." };
  const both = { persona: "a", text: "the interview ran late, I missed the dentist appointment" };
  assert.deepEqual(
    namingAwaited([went, elsewhere, both, dentist], [interview, dentist], reading),
    [went, both],
  );
  // One awaiting the head another awaits too names it; alone, its own head does not.
  const again = { persona: "a", text: "Next week I have another job interview." };
  assert.deepEqual(namingAwaited([again], [interview, again], reading), [again]);
  assert.deepEqual(namingAwaited([again], [again], reading), []);
});

Deno.test("namesAwaited: the other's terms hold a head the awaiting one awaits", () => {
  const interview = "Next Friday I have a job interview at a design agency.";
  assert.equal(namesAwaited(interview, "The interview went well."), true);
  assert.equal(namesAwaited(interview, "The agency called."), false);
  assert.equal(namesAwaited("My job is quiet this week.", "My job is quiet this week."), false);
});
