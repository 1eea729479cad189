import assert from "node:assert/strict";
import { holdsClippedNames } from "./name_clippings.ts";

Deno.test("holdsClippedNames: a clipping MAX_CLIPPED letters shorter, either way round", () => {
  // "chri" is "christina" less five letters: a clipping of it, and it of "Christina".
  assert.ok(holdsClippedNames("Chri rang", ["christina"]));
  assert.ok(holdsClippedNames("Christina rang", ["chri"]));
});

Deno.test("holdsClippedNames: a word is a clipping by itself or by its stem", () => {
  // Past the first letters' look (a text not in ASCII is read whole): "Ray" is a clipping of
  // "rayna" as written, and "Jenny"'s stem "jenni" one of `jennif` ("Jennifer"'s term).
  assert.ok(holdsClippedNames("Ray rang from Zürich", ["rayna"]));
  assert.ok(holdsClippedNames("Jenny rang from Zürich", ["jennif"]));
  assert.ok(holdsClippedNames("Jenny rang", ["jennif"]));
});

Deno.test("holdsClippedNames: a stem that opens otherwise than its written word is no clipping", () => {
  // "Ray" stems to "rai", a clipping of `raina`, but the name written is not one: read the
  // same whether the text is looked at first (ASCII, at most HEAD_LOOKS names) or read whole.
  const others = ["tobias", "marcus", "hollis", "quentin"];
  assert.ok(!holdsClippedNames("Ray rang", ["raina"]));
  assert.ok(!holdsClippedNames("Ray rang", ["raina", ...others]), "five names: read whole");
  assert.ok(!holdsClippedNames("Ray rang from Zürich", ["raina"]), "not ASCII: read whole");
  assert.ok(!holdsClippedNames("Guy rang from Zürich", ["guido"]));
});

Deno.test("holdsClippedNames: a query's names read again when its array grew", () => {
  const names = ["tobias"];
  assert.ok(!holdsClippedNames("Pri rang", names));
  names.push("priya");
  assert.ok(holdsClippedNames("Pri rang", names));
});
