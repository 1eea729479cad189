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

Deno.test("unclosed comments and long runs of line breaks cost one pass (attack6 F2)", () => {
  const values = { char: "Aria", user: "Bo" };
  // Each unclosed `{{//` once read to the text's end: 400,000 characters took seconds.
  const bomb = "{{char}} " + "{{//".repeat(100_000);
  const indexOf = String.prototype.indexOf;
  let closeSearches = 0;
  String.prototype.indexOf = function (this: string, search: string, from?: number) {
    if (search === "}}") closeSearches++;
    return indexOf.call(this, search, from);
  };
  let replaced: string;
  try {
    replaced = replaceMacros(bomb, values);
  } finally {
    String.prototype.indexOf = indexOf;
  }
  assert.equal(replaced, "Aria " + "{{//".repeat(100_000));
  assert.equal(closeSearches, 1, "a comment with no }} after it ends the search for closes");
  // {{trim}} before a long run of line breaks that it does not touch.
  const lines = "a{{trim}}\nb" + "\n".repeat(200_000) + "c";
  assert.equal(replaceMacros(lines, values), "ab" + "\n".repeat(200_000) + "c");
  assert.equal(replaceMacros("A\n{{trim}}\n\n{{trim}}\nB", values), "AB");
});

Deno.test("{{trim}} takes the line breaks next to it only: those at the text's ends stay", () => {
  // The same outputs as the regexes the scan replaced (review17: its table of old outputs).
  const trimmed = (text: string) => replaceMacros(text, values);
  assert.equal(trimmed("\n\nA{{trim}}B\n"), "\n\nAB\n");
  assert.equal(trimmed("A\n{{trim}}\n\nB\n\n"), "AB\n\n");
  assert.equal(trimmed("A{{trim}}\n\nB{{trim}}C\n\n"), "ABC\n\n");
  assert.equal(trimmed("{{trim}}\nA\n"), "A\n");
  assert.equal(trimmed("\n{{trim}}\n"), "");
});
