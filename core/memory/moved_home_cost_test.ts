import assert from "node:assert/strict";
import { movedAway, NAMES_READ, RESIDENCES_READ } from "./moved_home.ts";
import { comparisons } from "./testing/lookups.ts";

/** `n` sentences of `k` names each ("Ab1 Ac1 ... lives in Lyon."), names of `salt`. */
function sentences(n: number, k: number, salt: string, verb: string): string {
  const names = (i: number) =>
    Array.from({ length: k }, (_, j) => `N${salt}${String.fromCharCode(97 + (i + j) % 26)}`);
  return "I keep the harbour lantern. " +
    Array.from({ length: n }, (_, i) => `${names(i).join(" ")} ${verb}. `).join("");
}

Deno.test("a pair of memories of many homes and moves is compared in bounded work (attack31 G2)", async () => {
  // Every move was compared with every home, name with name: M × L × k² a pair, each search.
  const pair = (n: number) =>
    [
      sentences(n, 8, "x", "lives in Lyon"),
      sentences(n, 8, "y", "moved to Paris"),
    ] as const;
  const read = (n: number) => {
    const [older, newer] = pair(n);
    movedAway(older, newer);
    return comparisons(() => movedAway(older, newer));
  };
  const once = await read(100);
  const twice = await read(200);
  assert.ok(twice <= 1.1 * once, `movedAway: ${once} then ${twice} comparisons`);
  assert.ok(once <= 4 * RESIDENCES_READ * NAMES_READ, `${once} comparisons`);
});

Deno.test("the homes and moves read are those of the first sentences that tell them", () => {
  const lyon = "I live in Lyon.";
  const moved = "I moved to Porto.";
  const filler = (n: number) => "Tom lives in Graz. ".repeat(n);
  assert.ok(movedAway(filler(RESIDENCES_READ - 1) + lyon, moved), "the persona's home is read");
  assert.ok(!movedAway(filler(RESIDENCES_READ) + lyon, moved), "past the sentences read");
  // The persona's homes and a name's are one subject's each, whatever sentence tells them.
  assert.ok(
    movedAway("Tom lives in Graz. I live in Lyon. Ann rents in Linz.", "Ann moved to Porto."),
  );
  assert.ok(!movedAway("Tom lives in Graz. Ann rents in Porto.", "Ann moved to Porto."));
  assert.ok(!movedAway("Ann lives in Lyon. I live in Porto.", "Ann moved to Lyon and Porto."));
});
