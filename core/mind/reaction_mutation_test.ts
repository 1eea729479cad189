/**
 * Boundaries of `reaction.ts` that its other tests leave open (mutation testing, session 44):
 * which events are grouped and counted, where a job's sources stop, and the importance reached
 * exactly at the threshold.
 */
import assert from "node:assert/strict";
import type { StoredEvent } from "../memory/mod.ts";
import { MAX_SOURCES } from "./extraction.ts";
import {
  amountsByPersona,
  crossedAt,
  extractionGroups,
  fillingMerge,
  fitting,
} from "./reaction.ts";

/** An event of `persona` from `origin` storing memories `ids`, each of importance 0.25. */
function event(persona: string, origin: string, ids: string[]): StoredEvent {
  return {
    persona: { id: persona },
    origin,
    sender: "Tam",
    records: ids.map((id) => ({ id, base_importance: 0.25 })),
  } as unknown as StoredEvent;
}

const ids = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, n) => `${prefix}${n}`);

Deno.test("extractionGroups and amountsByPersona pass over events storing nothing, and go on", () => {
  const events = [
    event("p", "chat", []),
    event("p", "mind", ["m"]),
    event("q", "chat", ["a", "b"]),
  ];
  assert.deepEqual(extractionGroups(events).map((group) => group.sources), [[["a", "b"]]]);
  assert.deepEqual([...amountsByPersona(events)], [["q", [0.5]]]);
});

Deno.test("fitting: an event too big for a job's room ends the job, even when a later one fits", () => {
  assert.equal(MAX_SOURCES, 20);
  const full = ids(19, "m");
  assert.deepEqual(fitting(full, [ids(5, "x"), ["y"]]), { count: 0, ids: full });
  // A job holding one memory has no room for an event of more than 19.
  assert.deepEqual(fitting(["m"], [ids(25, "x")]), { count: 0, ids: ["m"] });
  // An empty job holds at least one event, however big.
  assert.equal(fitting([], [ids(25, "x")]).count, 1);
});

Deno.test("fillingMerge says how many events it took", () => {
  const took: number[] = [];
  const merge = fillingMerge([["a"], ids(25, "x")], (count) => took.push(count));
  assert.deepEqual(merge({ source_ids: ["m"] }, {}), { source_ids: ["m", "a"] });
  assert.deepEqual(took, [1]);
});

Deno.test("crossedAt: reaching the threshold exactly crosses it", () => {
  assert.equal(crossedAt(1, [0.5, 0.5], 0.5), 0.5);
  assert.equal(crossedAt(3, [1, 1, 1], 2), 2);
});
