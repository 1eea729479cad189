import assert from "node:assert/strict";
import { namesAwaited, namingAwaited } from "./awaited_names.ts";

/** Texts of one persona. */
const text = { text: (item: string) => item, persona: () => "p" };

const SAVING = "I'm saving up for a steam deck.";
const STILL = "Still saving for the steam deck, two more months.";

Deno.test("namingAwaited: a memory awaiting a thing names the thing another memory awaits too", () => {
  // Both await the steam deck: each names a thing the other awaits.
  assert.deepEqual(namingAwaited([SAVING, STILL], [SAVING, STILL], text), [SAVING, STILL]);
});

Deno.test("namingAwaited: an awaiting memory listed twice is still only itself", () => {
  assert.deepEqual(namingAwaited([SAVING], [SAVING, SAVING], text), []);
});

Deno.test("namesAwaited: naming one of several awaited things is enough", () => {
  const awaiting = "Next Friday I have a job interview, and I'm saving up for a steam deck";
  assert.equal(namesAwaited(awaiting, "I finally bought the steam deck"), true);
  assert.equal(namesAwaited(awaiting, "The interview went well"), true);
  assert.equal(namesAwaited(awaiting, "I finally bought a bike"), false);
});
