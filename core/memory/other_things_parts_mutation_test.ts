/**
 * Boundaries of `other_things.ts`'s coordinating phrases (mut62): "along with" parts a question
 * only as two words.
 */
import assert from "node:assert/strict";
import { queryAskedOfNamed } from "./other_things.ts";

/** What `text` asks of the name "kenzi", its other term "job". */
function asked(text: string) {
  return queryAskedOfNamed({
    text,
    names: ["kenzi"],
    terms: ["kenzi", "job"],
    frames: new Set(),
    expanded: { terms: ["kenzi", "job"], sources: [0, 1] },
  }, { pool: ["Kenzie job"], answers: undefined });
}

Deno.test("'along with' asks several things only as two words; 'alongwith' is no coordinator", () => {
  assert.equal(asked("Kenzie job along with hobbies"), undefined, "two things asked");
  assert.deepEqual([...asked("Kenzie job alongwith")!.asked], ["job"]);
});

Deno.test("'as well as' and 'along with' part a question across any run of spaces", () => {
  assert.equal(asked("Kenzie job along  with hobbies"), undefined);
  assert.equal(asked("Kenzie job as  well as hobbies"), undefined);
  assert.equal(asked("Kenzie job as well  as hobbies"), undefined);
});

Deno.test("'as well as' needs its spaces: 'aswell as', 'as wellas' and 'alongwith' coordinate nothing", () => {
  assert.deepEqual([...asked("Kenzie job aswell as")!.asked], ["job"]);
  assert.deepEqual([...asked("Kenzie job as wellas")!.asked], ["job"]);
});

Deno.test("a pool line answering the question's type holds what is asked, though none of its words", () => {
  const query = {
    text: "Kenzie job",
    names: ["kenzi"],
    terms: ["kenzi", "job"],
    frames: new Set<string>(),
    expanded: { terms: ["kenzi", "job"], sources: [0, 1] },
  };
  const pool = ["Kenzie works nights at the depot"];
  assert.equal(queryAskedOfNamed(query, { pool, answers: () => false }), undefined);
  assert.deepEqual([...queryAskedOfNamed(query, { pool, answers: () => true })!.asked], ["job"]);
});
