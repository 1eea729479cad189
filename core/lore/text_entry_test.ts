/**
 * The entry count on a file's text holds only the names that may count, at most `HELD_NAMES` of
 * them, and reads each member a bounded number of times (review46 R10: fix135's pass kept a Map
 * of every member of every entry); its lower bound holds for repeated and overridden names.
 */
import assert from "node:assert/strict";
import { bookValueCount } from "./book.ts";
import { fromWorldInfo } from "./formats.ts";
import { HELD_NAMES } from "./text_entry.ts";
import { textScanTally } from "./text_scan.ts";
import { textBookValues } from "./text_values.ts";

/** The scan's count of `text`, with the members it read and the most names it held. */
function scanned(text: string) {
  const before = textScanTally.members;
  textScanTally.held = 0;
  const found = textBookValues(text, "lorebook", Infinity);
  return { count: found?.count, read: textScanTally.members - before, held: textScanTally.held };
}

const members = (count: number, member: (i: number) => string) =>
  Array.from({ length: count }, (_, i) => member(i)).join(",");

Deno.test("members that count nothing are read once and never held", () => {
  const shapes = [
    `{"entries":[{"keys":["a"],"content":"x",${members(9_000, (i) => `"f${i}":0`)}}]}`,
    `{"entries":{"0":{"key":["a"],"content":"x",${members(9_000, (i) => `"fieldName${i}X":1`)}}}}`,
    `{"entries":[{"keys":["a"],${members(9_000, (i) => `"\\u0066${i}":"s,t"`)}}]}`,
    `{"entries":[{"keys":["a"],"extensions":{${members(9_000, (i) => `"e${i}":[1]`)}}}]}`,
  ];
  for (const text of shapes) {
    const { count, read, held } = scanned(text);
    assert.equal(count, 0);
    assert.equal(held, 0, "no name held");
    assert.ok(read <= 9_000 + 4, `${read} members read`);
  }
});

Deno.test("names that count are held up to HELD_NAMES, each member read at most twice", () => {
  const over = HELD_NAMES + 5_000;
  // Extension members of a World Info entry: its fields are walked again for their overrides.
  const world = `{"entries":{"0":{"key":["a"],"extensions":{${
    members(over, (i) => `"e${i}":[1,2]`)
  }},${members(over, (i) => `"fieldName${i}":[1,2,3]`)}}}}`;
  const { count, read, held } = scanned(world);
  assert.equal(held, HELD_NAMES);
  assert.equal(count, HELD_NAMES * 2 + HELD_NAMES, "what the tables hold, no more");
  assert.ok(read <= 2 * (over * 2 + 2) + over, `${read} members read`);
});

Deno.test("repeated names and World Info overrides keep the count a lower bound", () => {
  const cases = [
    // JSON keeps the last value (none of these commas count).
    `{"entries":[{"keys":["a"],"x":[1,2,3],"x":0}]}`,
    `{"entries":[{"keys":["a"],"extensions":{"m":[1,2,3],"m":true}}]}`,
    // Two fields of one extension name: JavaScript's order of members decides, not the text's.
    `{"entries":{"0":{"key":["a"],"matchWholeWords":[1,2],"match_whole_words":0,"matchWholeWords":[1,2,3,4,5]}}}`,
    // A field overrides the extension member of its name, wherever either is written.
    `{"entries":{"0":{"key":["a"],"matchWholeWords":true,"extensions":{"match_whole_words":[1,2,3]}}}}`,
    `{"entries":{"0":{"key":["a"],"extensions":{"match_whole_words":[1,2,3]},"matchWholeWords":0}}}`,
    // A null field overrides nothing.
    `{"entries":{"0":{"key":["a"],"extensions":{"depth":[1,2]},"depth":null}}}`,
  ];
  for (const text of cases) {
    const value = JSON.parse(text);
    const book = Array.isArray(value.entries) ? value : fromWorldInfo(value);
    const { count } = scanned(text);
    assert.ok(count !== undefined && count <= bookValueCount(book), `${count}: ${text}`);
  }
  assert.equal(scanned(cases[5]!).count, 1, "the extension member is counted");
});
