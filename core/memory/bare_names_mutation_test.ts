/** `bareNameSubject`'s copulas (mut59): "who" with each of them asks who bears the name. */
import assert from "node:assert/strict";
import { bareNameSubject } from "./bare_names.ts";

Deno.test("bareNameSubject: 'who' with each copula before the naming word asks who bears the name", () => {
  for (const copula of ["'s", " is", " are", " was", " were"]) {
    assert.deepEqual(
      bareNameSubject(`who${copula} called Sam`, ["sam"]),
      { text: "sam", terms: ["sam"], names: ["sam"] },
      copula,
    );
  }
  assert.equal(bareNameSubject("who called Sam", ["sam"]), undefined, "who phoned him");
});

Deno.test("bareNameSubject: every word before the naming word must be a bearer or a stop word", () => {
  assert.equal(bareNameSubject("who on earth is called Sam", ["sam"]), undefined);
  assert.deepEqual(bareNameSubject("who is called Sam", ["sam"])?.terms, ["sam"]);
});

Deno.test("bareNameSubject: a stop word is no name, even one the names hold", () => {
  assert.equal(bareNameSubject("Will", ["will"]), undefined);
});
