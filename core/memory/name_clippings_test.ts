import assert from "node:assert/strict";
import { clips, holdsClippedName, MAX_CLIPPED, MIN_CLIPPING } from "./name_clippings.ts";
import { nameFactor } from "./rank.ts";
import { UNNAMED } from "./ranking.ts";

Deno.test("a clipping has at least MIN_CLIPPING letters and at most MAX_CLIPPED fewer", () => {
  assert.equal(MIN_CLIPPING, 3);
  assert.equal(MAX_CLIPPED, 5);
  assert.ok(clips("pri", "priya"));
  assert.ok(clips("sam", "samantha"));
  assert.ok(!clips("jo", "joanna"), "two letters");
  assert.ok(!clips("chris", "christopher"), "six more letters");
  assert.ok(!clips("priya", "priya"), "the name itself");
  assert.ok(!clips("pri", "apriya"));
});

Deno.test("a memory holding a clipping of a query's name, or the name of a clipping, holds it", () => {
  assert.ok(holdsClippedName("Priya left the recording studio in May.", "pri"));
  assert.ok(holdsClippedName("Pri and Ewan broke up in the autumn.", "priya"));
  assert.ok(!holdsClippedName("Marcus's partner works nights.", "priya"));
  assert.ok(!holdsClippedName("the priya of it", "pri"), "capitalised words only");
  assert.equal(nameFactor(["pri"], "Priya left the recording studio"), 1);
  assert.equal(nameFactor(["priya"], "Pri and Ewan broke up"), 1);
  assert.equal(nameFactor(["priya"], "Marcus's partner works nights"), 1 - UNNAMED);
});

Deno.test("holdsClippedName reads a non-ASCII text whole, asked again and again", () => {
  // Fullwidth letters fold to "priya" (NFKC): the text holds no "Pri" as written.
  for (let i = 0; i < 3; i++) {
    assert.ok(holdsClippedName("Ｐｒｉｙａ called from the studio.", "pri"));
    assert.ok(!holdsClippedName("Someone called from the studio.", "pri"));
  }
});
