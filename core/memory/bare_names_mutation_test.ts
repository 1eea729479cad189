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
