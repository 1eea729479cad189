/**
 * The pre-parse bounds of a JSON text (`textBoundPast` in `json_depth.ts`, and `jsonKeysProblem`,
 * `textValuesExceed` in `json_keys.ts`): their answers agree with the parsed value on random
 * documents (escapes, brackets and commas inside strings, whitespace), and a long text is walked
 * once, not searched once per comma (review36 R36-1).
 *
 * @module
 */
import assert from "node:assert/strict";
import { textBoundPast, valueDepthExceeds } from "./json_depth.ts";
import { jsonCounts, jsonKeysProblem, textValuesExceed } from "./json_keys.ts";
import { SeededRandom } from "./simulation/random.ts";
import { countIndexOfCalls } from "./testing/regex_calls.ts";

/** Pieces of a string's text: escaped quotes and backslashes, and what the scans count. */
const PIECES = ['\\"', "\\\\", ",", "{", "[", "]", "}", ":", "a", "\\u0022", "\\/", " ", '\\\\\\"'];
const SPACES = ["", " ", "\n\t", "\r\n  "];

/** A random JSON document of `random`, nested at most 6 deep. */
function document(random: SeededRandom, depth = 0): string {
  const text = () =>
    `"${Array.from({ length: random.int(0, 5) }, () => random.pick(PIECES)).join("")}`;
  const space = () => random.pick(SPACES);
  const roll = random.next();
  if (depth > 5 || roll < 0.3) return random.pick([`${text()}"`, "1", "-2.5e3", "true", "null"]);
  const items = Array.from(
    { length: random.int(0, 3) },
    (_, i) =>
      roll < 0.65
        ? document(random, depth + 1)
        : `${text()}${i}"${space()}:${space()}${document(random, depth + 1)}`,
  );
  const [open, close] = roll < 0.65 ? ["[", "]"] : ["{", "}"];
  return `${open}${space()}${items.join(`${space()},${space()}`)}${space()}${close}`;
}

/** The values `text` holds as the text scan counts them: the least limit it is within. */
function scannedValues(text: string): number {
  let limit = 0;
  while (textValuesExceed(text, limit)) limit++;
  return limit;
}

/** How deep a parsed value nests: the least limit it is within. */
function parsedDepth(value: unknown): number {
  let limit = 0;
  while (valueDepthExceeds(value, limit)) limit++;
  return limit;
}

Deno.test("the text scans agree with the parsed value on 5,000 random documents", () => {
  const random = new SeededRandom(36);
  for (let i = 0; i < 5_000; i++) {
    const text = `${random.pick(SPACES)}${document(random)}${random.pick(SPACES)}`;
    const parsed: unknown = JSON.parse(text);
    const values = parsed !== null && typeof parsed === "object" ? jsonCounts(parsed).values : 0;
    assert.equal(scannedValues(text), values, text);
    const depth = parsedDepth(parsed);
    // Each bound alone, at it and one below.
    assert.equal(textBoundPast(text, { depth, values }), undefined, text);
    if (depth > 0) assert.equal(textBoundPast(text, { depth: depth - 1 }), "depth", text);
    if (values > 0) assert.equal(textBoundPast(text, { values: values - 1 }), "values", text);
    // Both at once: past the depth is said first.
    const both = { depth: random.int(0, depth + 1), values: random.int(0, values + 1) };
    const expected = depth > both.depth ? "depth" : values > both.values ? "values" : undefined;
    assert.equal(textBoundPast(text, both), expected, `${text} ${JSON.stringify(both)}`);
    if (values > 0) {
      assert.match(jsonKeysProblem(text, values - 1) ?? "", /values/, text);
      assert.equal(jsonKeysProblem(text, values), null, text);
    }
  }
});

Deno.test("past both bounds, the depth is said first, even when the values are past earlier", () => {
  const deepLate = `[${"0,".repeat(100)}${"[".repeat(10)}${"]".repeat(10)}]`;
  assert.equal(textBoundPast(deepLate, { depth: 5, values: 50 }), "depth");
  assert.equal(textBoundPast(deepLate, { depth: 11, values: 50 }), "values");
  assert.equal(textBoundPast(deepLate, { depth: 11, values: 111 }), undefined);
  // Brackets inside strings neither nest nor count.
  const quoted = JSON.stringify({ a: "[{,".repeat(1_000) });
  assert.equal(textBoundPast(quoted, { depth: 1, values: 1 }), undefined);
});

Deno.test("a long text is walked once, not searched once per comma or bracket (review36 R36-1)", () => {
  // A 1 MiB description of `word, `: 170,000 commas inside one string.
  const prose = JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "persona.update",
    params: { description: "word, ".repeat(170_000) },
  });
  // 190,000 numbers: commas outside strings, within the bound.
  const numbers = `{"a":[${"7,".repeat(189_999)}7]}`;
  for (const text of [prose, numbers]) {
    const calls = countIndexOfCalls(() => {
      assert.equal(textBoundPast(text, { depth: 64, values: 200_000 }), undefined);
      assert.equal(textValuesExceed(text, 200_000), false);
      assert.equal(jsonKeysProblem(text, 200_000), null);
    });
    assert.ok(calls < 100, `${calls} searches`);
  }
});
