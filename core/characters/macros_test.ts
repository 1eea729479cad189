import assert from "node:assert/strict";
import { replaceMacros } from "./macros.ts";

const values = { char: "Seraphine", user: "Robin", original: "BASE" };

Deno.test("char and user macros are replaced in any case and in their V1/V3 tag forms", () => {
  assert.equal(
    replaceMacros("{{char}} greets {{User}}; <BOT> and <bot>, <char>, <USER>.", values),
    "Seraphine greets Robin; Seraphine and Seraphine, Seraphine, Robin.",
  );
  assert.equal(replaceMacros("{{ char }}", values), "Seraphine", "spaces inside braces");
});

Deno.test("{{original}} is the replaced prompt; comments vanish; unknown macros stay", () => {
  assert.equal(replaceMacros("{{original}}\nMore", values), "BASE\nMore");
  assert.equal(replaceMacros("{{original}}", { char: "c", user: "u" }), "");
  assert.equal(replaceMacros("a{{// hidden note}}b{{comment: also}}c", values), "abc");
  assert.equal(replaceMacros("{{random:a,b}} {{time}}", values), "{{random:a,b}} {{time}}");
  assert.equal(replaceMacros("line{{newline}}next{{noop}}", values), "line\nnext");
  assert.equal(replaceMacros("top\n\n{{trim}}\nbottom", values), "topbottom");
});
