import assert from "node:assert/strict";
import { ThinkFilter } from "./think_filter.ts";

/** The visible text of `pieces` and how the reply ended. */
function run(pieces: string[]) {
  const filter = new ThinkFilter();
  const shown = pieces.map((piece) => filter.push(piece)).join("");
  const end = filter.end();
  return { text: shown + end.rest, ...end };
}

Deno.test("thoughts with characters whose lower case is longer still end at their closing tag", () => {
  assert.equal(run(["<think>İİİ Ü</THINK>", "Hi."]).text, "Hi.");
  assert.equal(run(["<think>İİİİİİİİ", "İ</th", "ink>Hi."]).text, "Hi.");
});

Deno.test("a long block ends at its closing tag, in any case", () => {
  const filter = new ThinkFilter();
  filter.push("<reasoning>");
  for (let i = 0; i < 1000; i++) filter.push("a long thought ".repeat(10));
  assert.equal(filter.push("</Reasoning>\n Done."), "Done.");
  assert.deepEqual(filter.end(), { rest: "", inBlock: false, thought: true });
});

Deno.test("leading whitespace of a reply without thoughts is kept; a reply without end says so", () => {
  assert.deepEqual(run(["\n ", " Hello"]), {
    text: "\n  Hello",
    rest: "",
    inBlock: false,
    thought: false,
  });
  assert.deepEqual(run(["<think>", "never closed"]), {
    text: "",
    rest: "",
    inBlock: true,
    thought: true,
  });
  // `</think>` without an opening block is the persona's text.
  assert.equal(run(["So </think> there."]).text, "So </think> there.");
});
