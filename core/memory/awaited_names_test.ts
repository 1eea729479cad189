import assert from "node:assert/strict";
import { namingAwaited } from "./awaited_names.ts";

const text = (item: string) => item;

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
