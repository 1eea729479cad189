import assert from "node:assert/strict";
import { holdsClippedNames } from "./name_clippings.ts";

Deno.test("holdsClippedNames: a clipping MAX_CLIPPED letters shorter, either way round", () => {
  // "chri" is "christina" less five letters: a clipping of it, and it of "Christina".
  assert.ok(holdsClippedNames("Chri rang", ["christina"]));
  assert.ok(holdsClippedNames("Christina rang", ["chri"]));
});

Deno.test("holdsClippedNames: a word is a clipping by itself or by its stem", () => {
  // Past the first letters' look (a text not in ASCII is read whole): "Ray" is a clipping of
  // "rayna" as written, and its stem "rai" one of "raina".
  assert.ok(holdsClippedNames("Ray rang from Zürich", ["rayna"]));
  assert.ok(holdsClippedNames("Ray rang from Zürich", ["raina"]));
});

Deno.test("holdsClippedNames: a query's names read again when its array grew", () => {
  const names = ["tobias"];
  assert.ok(!holdsClippedNames("Pri rang", names));
  names.push("priya");
  assert.ok(holdsClippedNames("Pri rang", names));
});
