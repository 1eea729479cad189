import assert from "node:assert/strict";
import { writtenNames } from "./written_names.ts";

const candidate = (content: string) => ({ record: { content } });
const noPlace = () => false;

Deno.test("writtenNames reads lower-case query words of three letters or more", () => {
  const asked = "when is ava's birthday";
  assert.deepEqual(writtenNames(asked, [candidate("It's Ava's birthday on Friday")], noPlace), [
    "ava",
  ]);
  const short = "when is ed's birthday";
  assert.deepEqual(writtenNames(short, [candidate("It's Ed's birthday on Friday")], noPlace), []);
});

Deno.test("a sentence's first word and one name are kept, a longer run is a title", () => {
  const asked = "what about jayden";
  assert.deepEqual(writtenNames(asked, [candidate("Yesterday Jayden called")], noPlace), [
    "jayden",
  ]);
  assert.deepEqual(writtenNames(asked, [candidate("Yesterday Jayden Smith called")], noPlace), []);
});

Deno.test("a word after a line break and only white space opens a sentence", () => {
  const text = "We had a long lovely day out\n" + " ".repeat(15) + "Yesterday Jayden called";
  assert.deepEqual(writtenNames("what about jayden", [candidate(text)], noPlace), ["jayden"]);
});

Deno.test("a sentence's end a few spaces back still opens the next sentence", () => {
  const text = "It rained all day.   Yesterday Jayden called";
  assert.deepEqual(writtenNames("what about jayden", [candidate(text)], noPlace), ["jayden"]);
});

Deno.test("a colon or a semicolon ends a sentence too", () => {
  for (const mark of [":", ";"]) {
    const text = `Big news${mark} Yesterday Jayden called`;
    assert.deepEqual(writtenNames("what about jayden", [candidate(text)], noPlace), ["jayden"]);
  }
});
