import assert from "node:assert/strict";
import { ThinkFilter, type ThinkFilterOptions } from "./think_filter.ts";

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
  assert.deepEqual(filter.end(), {
    rest: "",
    inBlock: false,
    thought: true,
    templateThought: false,
  });
});

Deno.test("leading whitespace of a reply without thoughts is kept; a reply without end says so", () => {
  assert.deepEqual(run(["\n ", " Hello"]), {
    text: "\n  Hello",
    rest: "",
    inBlock: false,
    thought: false,
    templateThought: false,
  });
  assert.deepEqual(run(["<think>", "never closed"]), {
    text: "",
    rest: "",
    inBlock: true,
    thought: true,
    templateThought: false,
  });
});

/** What `pieces` show as they arrive, what the reply says in the end, and how it ended. */
function read(pieces: string[], options: ThinkFilterOptions & { cutShort?: boolean } = {}) {
  const filter = new ThinkFilter(options);
  const shown = pieces.map((piece) => filter.push(piece));
  const end = filter.end({ cutShort: options.cutShort });
  return { shown, text: shown.join("") + end.rest, ...end };
}

const streamed = {};
const unstreamed = { holdBack: true };
const learned = { opensInThought: true };

Deno.test("a closing tag in a sentence is the persona's text, however the reply is read", () => {
  const reply = ["Use the closing tag ", "like this: </thi", "nk> is how a block ends."];
  for (const options of [streamed, unstreamed, learned]) {
    const { text, templateThought, thought } = read(reply, options);
    assert.equal(text, reply.join(""), JSON.stringify(options));
    assert.equal(templateThought, false);
    assert.equal(thought, false);
  }
  // A later pair is text too, and so is a tag at the start with words on its line.
  const pair = "Answer first. <think>not a thought</think> end.";
  for (const options of [streamed, unstreamed, learned]) {
    assert.equal(read([pair], options).text, pair);
    assert.equal(
      read(["</think> is how", " you close it."], options).text,
      "</think> is how you close it.",
    );
  }
});

Deno.test("a closing tag alone on its line is no thought's end in code, quotes or after a tag", () => {
  const replies = [
    "Close it with\n`</think>`\nlike so.",
    'Write\n"</think>"\nto end.',
    "Like this:\n```xml\n</think>\n```\nDone.",
    "He wrote </think> once.\n</think>\nAnd again.",
    "See <think>\nthis\n</think>\nok.",
  ];
  for (const reply of replies) {
    const { text, templateThought } = read([reply], unstreamed);
    assert.deepEqual([text, templateThought], [reply, false], reply);
  }
});

Deno.test("a thought the template opened ends at its closing tag's own line", () => {
  const reply = ["Okay, the user", " greets me.\n</th", "ink>\n\nHello", " there."];
  // Held back (nobody streams, or a learned model): the thought comes out, nothing went out before.
  for (const options of [unstreamed, learned]) {
    const { shown, text, templateThought, thought } = read(reply, options);
    assert.equal(text, "Hello there.");
    assert.deepEqual(shown, ["", "", "Hello", " there."]);
    assert.deepEqual([templateThought, thought], [true, true]);
  }
  // Streamed by a model not learned yet: what went out stays, the pieces join to the answer.
  const live = read(reply, streamed);
  assert.equal(live.text, reply.join(""));
  assert.deepEqual(live.shown, reply);
  assert.deepEqual([live.templateThought, live.thought], [true, false]);
  // Windows line ends, spaces around the tag, any closing tag in any case.
  assert.equal(read(["plan\r\n  </REASONING> \r\nYes."], unstreamed).text, "Yes.");
  // A later closing tag is the persona's text.
  assert.equal(read(["a\n</think>\nb\n</think>\nc"], unstreamed).text, "b\n</think>\nc");
});

Deno.test("an empty thought the template opened (the tag first) comes out of any reply", () => {
  for (const options of [streamed, unstreamed, learned]) {
    const { shown, text, templateThought } = read(["\n</thi", "nk>", "\n\nHi."], options);
    assert.deepEqual([text, templateThought], ["Hi.", true], JSON.stringify(options));
    assert.deepEqual(shown, ["", "", "Hi."], "nothing passed on before the answer");
    // The tag and nothing else: a reply of thought alone.
    assert.deepEqual(read(["\n</think>\n "], options), {
      shown: [""],
      text: "",
      rest: "",
      inBlock: false,
      thought: true,
      templateThought: true,
    });
  }
  assert.deepEqual(read(["thoughts\n</think>"], unstreamed).thought, true);
  assert.equal(read(["thoughts\n</think>"], unstreamed).text, "");
});

Deno.test("a learned model: held back until the closing tag; without one, words or (cut) thought", () => {
  const filter = new ThinkFilter(learned);
  assert.equal(filter.push("a long thought ".repeat(100)), "");
  assert.equal(filter.push("\n</think>\nYes."), "Yes.");
  assert.equal(filter.push(" More."), " More.");
  const words = read(["Just", " words."], learned);
  assert.deepEqual([words.shown, words.text, words.thought], [["", ""], "Just words.", false]);
  const cut = read(["still", " thinking"], { ...learned, cutShort: true });
  assert.deepEqual([cut.text, cut.inBlock, cut.thought], ["", true, true]);
  // Not when its name alone says it opens thoughts, nor when the reasoning came apart (F8).
  const named = read(["still", " words"], { ...learned, openerByName: true, cutShort: true });
  assert.deepEqual([named.text, named.inBlock, named.thought], ["still words", false, false]);
  const apart = new ThinkFilter(learned);
  apart.push("the answer");
  assert.equal(apart.end({ cutShort: true, thoughtApart: true }).rest, "the answer");
  // Only a model known to think has its cut-off reply read as thought.
  assert.equal(read(["cut", " off"], { ...unstreamed, cutShort: true }).text, "cut off");
  // An explicit opening tag still works.
  assert.equal(read(["<think>x</think>Hey."], learned).text, "Hey.");
});

Deno.test("a block's own tag opened inside it nests: no stray tag leaks into the answer", () => {
  assert.equal(read(["<think><think>x</think>leak?</think>After nested."]).text, "After nested.");
  assert.equal(read(["<think>a<thi", "nk>b</th", "ink>c</think>", "Done."]).text, "Done.");
  // Another block's tags inside a block are thought.
  assert.equal(read(["<think>a<reasoning>b</think>Ok."]).text, "Ok.");
});

Deno.test("a learned model's thought that mentions a tag inline still ends at its tag line (review34 F9)", () => {
  const reply = [
    "The user asks what <think> and </think> do.\n",
    "I explain.\n",
    "</think>\n",
    "They mark thoughts.",
  ];
  const { text, templateThought } = read(reply, learned);
  assert.deepEqual([text, templateThought], ["They mark thoughts.", true]);
  // A lone tag line before it still makes the later one text.
  const afterLone = ["Words.\n", "<think>\n", "x\n", "</think>\n", "More."];
  assert.equal(read(afterLone, learned).text, afterLone.join(""));
  // Any other reply keeps the stricter rule: words about tags are the likelier reading there.
  for (const options of [streamed, unstreamed]) {
    assert.deepEqual(read(reply, options).text, reply.join(""), JSON.stringify(options));
  }
});
