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
});

/** What `pieces` show, whether the filter asked for a take-back after each, and the end. */
function runTaking(
  pieces: string[],
  options: { opensInThought?: boolean; cutShort?: boolean } = {},
) {
  const filter = new ThinkFilter(options);
  let text = "";
  const takeBacks: boolean[] = [];
  for (const piece of pieces) {
    const shown = filter.push(piece);
    const takeBack = filter.takeBack();
    takeBacks.push(takeBack);
    if (takeBack) text = "";
    text += shown;
  }
  const end = filter.end({ cutShort: options.cutShort });
  return { text: text + end.rest, takeBacks, ...end };
}

Deno.test("a closing tag with no block open ends a thought the template opened", () => {
  assert.deepEqual(runTaking(["So I think", " </th", "ink>\n The answer."]), {
    text: "The answer.",
    takeBacks: [false, false, true],
    rest: "",
    inBlock: false,
    thought: true,
  });
  // Any of the three closing tags, in any case; only once: later tags are the persona's text.
  assert.equal(runTaking(["a</REASONING>b </think> c"]).text, "b </think> c");
  // After an opened block, a stray closing tag is the persona's text.
  assert.equal(runTaking(["<think>x</think>So </think> there."]).text, "So </think> there.");
  // Text that only looks like the start of a closing tag passes on.
  assert.deepEqual(runTaking(["a </th", "ing> b"]).takeBacks, [false, false]);
});

Deno.test("a model known to open thoughts: held back until the closing tag, else words", () => {
  const opened = { opensInThought: true };
  const known = runTaking(["plan", " more</thi", "nk>\n\nHi."], opened);
  assert.equal(known.text, "Hi.");
  assert.deepEqual(
    known.takeBacks,
    [false, false, false],
    "nothing to take back: nothing went out",
  );
  // Nothing is passed on before the closing tag.
  const filter = new ThinkFilter(opened);
  assert.equal(filter.push("a long thought ".repeat(100)), "");
  assert.equal(filter.push("</think>Yes."), "Yes.");
  // No closing tag: the model did not think this time.
  assert.deepEqual(runTaking(["Just", " words."], opened), {
    text: "Just words.",
    takeBacks: [false, false],
    rest: "Just words.",
    inBlock: false,
    thought: false,
  });
  // Cut short at the token limit with no closing tag: thoughts.
  const cut = runTaking(["still", " thinking"], { ...opened, cutShort: true });
  assert.deepEqual([cut.text, cut.inBlock, cut.thought], ["", true, true]);
  // An explicit opening tag still works.
  assert.equal(runTaking(["<think>x</think>Hey."], opened).text, "Hey.");
});
