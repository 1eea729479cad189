import assert from "node:assert/strict";
import { changeStems } from "./change_words.ts";

Deno.test('a change word\'s subject is read past the auxiliary "have" as past "has"', () => {
  const [moved] = changeStems("Tom and Ana have moved out");
  assert.equal(moved!.subject, "ana");
  assert.equal(moved!.named, true);
  assert.equal(changeStems("Ana has moved out")[0]!.subject, "ana");
});

Deno.test('past "and" and an auxiliary the subject is the clause\'s first word', () => {
  const dropped = changeStems("Tomás pulled a hamstring and has dropped out").at(-1)!;
  assert.deepEqual(dropped.stems, ["drop"]);
  assert.equal(dropped.subject, "toma");
});
