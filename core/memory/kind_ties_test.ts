import assert from "node:assert/strict";
import { KIND_TIES_SLICE, KindTies, tiedKeys } from "./kind_ties.ts";

Deno.test("kind ties: the kind keys a text ties to names, each once; none without a name-shaped word", () => {
  assert.deepEqual(tiedKeys("Elmhurst is the care home off Forest Road"), ["home"]);
  assert.deepEqual(tiedKeys("our beagle Biscuit is 5, and Biscuit (a beagle) sleeps"), ["beagl"]);
  // Lower case throughout: no name, so no tie, and the text is not read.
  assert.deepEqual(tiedKeys("elmhurst is the care home off forest road"), []);
  assert.deepEqual(tiedKeys("Tom was tired after the match"), []);
  // Name-shaped as `relation_names.ts` has it: a capital, an apostrophe and a capital is one too.
  assert.deepEqual(tiedKeys("the plumber is called O'NEILL"), ["plumber"]);
});

Deno.test("kind ties: written, rewritten and removed memories keep the counts", () => {
  const ties = new KindTies<string>();
  assert.equal(ties.complete, true);
  ties.write("a", "Elmhurst is the care home off Forest Road");
  ties.write("b", "Larches, the care home by the park, has a waiting list");
  assert.deepEqual([...ties.tied(["home", "tire", "beagl"])!], ["home"]);
  ties.remove("a");
  assert.deepEqual([...ties.tied(["home"])!], ["home"], "b still ties it");
  // A new content replaces the memory's ties.
  ties.write("b", "Larches has a waiting list");
  assert.deepEqual([...ties.tied(["home"])!], []);
  ties.write("b", "our beagle Biscuit is 5");
  assert.deepEqual([...ties.tied(["home", "beagl"])!], ["beagl"]);
  ties.remove("b");
  ties.remove("b");
  assert.deepEqual([...ties.tied(["beagl"])!], []);
});

Deno.test("kind ties: read from stored contents slice by slice, unknown until the last", () => {
  assert.equal(KIND_TIES_SLICE, 256);
  const ties = new KindTies<number>({ after: 0 });
  assert.equal(ties.tied(["home"]), undefined, "nothing read yet: any may be tied");
  assert.equal(ties.after, 0);
  ties.read(
    [{ id: 1, content: "Elmhurst is the care home" }, { id: 2, content: "a tired day" }],
    false,
  );
  assert.equal(ties.after, 2);
  assert.equal(ties.tied(["home"]), undefined);
  // A write meanwhile, ahead of the reading (read again later, the same) and behind it.
  ties.write(7, "our beagle Biscuit is 5");
  ties.write(1, "Elmhurst shut in May");
  ties.read([{ id: 7, content: "our beagle Biscuit is 5" }], true);
  assert.equal(ties.complete, true);
  assert.equal(ties.after, undefined);
  assert.deepEqual([...ties.tied(["home", "beagl"])!], ["beagl"]);
  ties.remove(7);
  assert.deepEqual([...ties.tied(["beagl"])!], []);
});
