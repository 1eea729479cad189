import assert from "node:assert/strict";
import {
  REPLIES_TO_LEARN,
  TemplateThoughtModels,
  TemplateThoughtScan,
} from "./template_thought.ts";

/** Where the answer begins in `pieces` read in turn (offset into their whole text), or -1. */
function scan(pieces: string[]): number {
  const reader = new TemplateThoughtScan();
  for (const piece of pieces) {
    const at = reader.feed(piece);
    if (at >= 0) return at;
  }
  return reader.finish();
}

Deno.test("the end of a template-opened thought is a line of its closing tag alone", () => {
  assert.equal(scan(["plan\n</think>\n\nHi"]), 14);
  assert.equal(scan(["plan\n</th", "ink>", "\nHi"]), 14);
  assert.equal(scan(["plan\n</think>"]), 13, "the reply's end ends the line");
  assert.equal(scan(["Use it like this: </think> is how."]), -1);
  assert.equal(scan(["Use it like this:\n</think> is how."]), -1);
  assert.equal(scan(["quoted\n'</think>'\n"]), -1);
  assert.equal(scan(["fenced\n~~~\n</think>\n~~~\n"]), -1);
  assert.equal(scan(["fence closed\n```\nx\n```\n</think>\nHi"]), 32);
  assert.equal(scan(["a <think> first\n</think>\n"]), -1, "a tag before it");
  assert.equal(scan(["a </th", "ink> first\n</think>\n"]), -1, "a tag split before it");
  const long = " ".repeat(100) + "</think>\n";
  assert.equal(scan([long]), -1, "a line longer than any tag line");
});

Deno.test("a model is learned after replies in a row with the shape, and forgotten at once", () => {
  const models = new TemplateThoughtModels();
  const shape = { shape: true, unsure: false };
  const plain = { shape: false, unsure: false };
  models.record("h r1", shape);
  assert.equal(models.learned("h r1"), false, "one reply teaches nothing");
  for (let i = 1; i < REPLIES_TO_LEARN; i++) models.record("h r1", shape);
  assert.equal(models.learned("h r1"), true);
  assert.equal(models.learned("h other"), false, "per model");
  // Cut off at the token limit (maybe mid-thought) or a JSON answer, without the tag: no change.
  models.record("h r1", { shape: false, unsure: true });
  assert.equal(models.learned("h r1"), true);
  models.record("h r1", plain);
  assert.equal(models.learned("h r1"), false, "one reply without it unlearns");
  models.record("h r1", shape);
  assert.equal(models.learned("h r1"), false, "counting starts over");
  models.record("h r1", plain);
  models.record("h r1", shape);
  assert.equal(models.learned("h r1"), false, "replies in a row, not in all");
});

Deno.test("models remembered are bounded: the oldest goes first", () => {
  const models = new TemplateThoughtModels();
  for (let i = 0; i < REPLIES_TO_LEARN; i++) models.record("first", { shape: true, unsure: false });
  for (let i = 0; i < 5000; i++) models.record(`m${i}`, { shape: true, unsure: false });
  assert.equal(models.learned("first"), false);
});

Deno.test("a known opener's name is held back from its first reply, until a reply lacks the shape", () => {
  const models = new TemplateThoughtModels();
  const plain = { shape: false, unsure: false };
  for (const model of ["deepseek-r1:8b", "hf.co/x/DeepSeek-R1-Distill-Qwen-7B", "qwq:32b"]) {
    assert.equal(models.learned(`127.0.0.1:11434 ${model}`), true, model);
  }
  for (const model of ["llama3.2", "qwen2.5:7b", "r1", "qwqx"]) {
    assert.equal(models.learned(`127.0.0.1:11434 ${model}`), false, model);
  }
  models.record("h deepseek-r1", { shape: false, unsure: true });
  assert.equal(models.learned("h deepseek-r1"), true, "an unsure reply spends no prior");
  models.record("h deepseek-r1", plain);
  assert.equal(models.learned("h deepseek-r1"), false, "a reply without the shape: forgotten");
  models.record("h deepseek-r1", { shape: true, unsure: false });
  assert.equal(models.learned("h deepseek-r1"), false, "then learned as any other");
});

/** Where `pieces` read in turn put the answer's start (as {@linkcode scan}), expected or not. */
function scanWith(pieces: string[], thoughtExpected: boolean): number {
  const reader = new TemplateThoughtScan({ thoughtExpected });
  for (const piece of pieces) {
    const at = reader.feed(piece);
    if (at >= 0) return at;
  }
  return reader.finish();
}

Deno.test("the scan's answer does not depend on how the text is cut into pieces", () => {
  // Tags after other "<" and ">" (the scan keeps only the end a tag may have begun in), each
  // tag's length up to the longest's (`</reasoning>`, where a piece may end one short of it).
  const texts = [
    "plan\n</reasoning>\n\nHi",
    "a << </reasoning> b\n</think>\nHi",
    "1 < 2 > 0\n</think>\nHi",
    "x <3 and > y\n</thinking>\nok",
    "<<<<<<<<<<<<think>\n</think>\n",
    "</reasoning\n</think>\nHi",
    "a <b>bold</b> c\n</think>\nok",
    "12345678901</think>\n</think>\n",
    "plan >>>>\n  </THINKING>  \nHi",
  ];
  for (const text of texts) {
    for (const expected of [false, true]) {
      const whole = scanWith([text], expected);
      for (let i = 0; i <= text.length; i++) {
        for (let j = i; j <= text.length; j++) {
          const pieces = [text.slice(0, i), text.slice(i, j), text.slice(j)];
          assert.equal(
            scanWith(pieces, expected),
            whole,
            `${JSON.stringify(pieces)} (thought expected: ${expected})`,
          );
        }
      }
    }
  }
  // The cases above find the tag line in some texts and not in others (both sides pinned).
  assert.equal(scanWith([texts[0]!], false), 18);
  assert.equal(scanWith([texts[1]!], false), -1);
  assert.equal(scanWith([texts[5]!], true), 21);
});
