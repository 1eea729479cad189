import assert from "node:assert/strict";
import { SENTENCE_START, speakersRemark } from "./chat_voice.ts";

/** Where each sentence start ends, as `speakersRemark` walks them. */
function starts(text: string): number[] {
  return [...text.matchAll(SENTENCE_START)].map((match) => match.index! + match[0].length);
}

/** Whether a start is tried (and found) at `at`: the sticky form of the same pattern. */
function startsAt(text: string, at: number): boolean {
  const sticky = new RegExp(SENTENCE_START.source, "uy");
  sticky.lastIndex = at;
  return sticky.test(text);
}

Deno.test("a run of end marks opens a sentence from its first mark only (attack30 F1)", () => {
  // Tried from each of its marks, a run with no space after it backed off through the rest of
  // the run each time: n²/2 steps for a run of n. Inside a run no start may match.
  const text = "a " + "!".repeat(8) + " got a job";
  assert.ok(startsAt(text, 2), "from the run's first mark");
  for (let at = 3; at < 10; at++) assert.ok(!startsAt(text, at), `inside the run at ${at}`);
  // A run that opens the text keeps the start after the empty match at 0.
  assert.ok(startsAt("!!! got a job", 1));
  // A long run with no space after it is no remark, and is read in one pass.
  assert.equal(speakersRemark("a " + "!".repeat(300_000)), false);
});

Deno.test("sentence starts are those the earlier pattern found", () => {
  const cases: [string, number[]][] = [
    ["!!! got a job", [0, 4]],
    ["a!! b. c?  d", [0, 4, 7, 11]],
    ["x :( got one ;-) ok", [0, 5, 17]],
    ["?!", [0]],
    ["a " + "?".repeat(50) + " b", [0, 53]],
    ["...\nwent home", [0, 4]],
  ];
  for (const [text, expected] of cases) assert.deepEqual(starts(text), expected, text);
  assert.ok(speakersRemark("!!! got a job at the bakery"));
  // The earlier pattern, quadratic only on long runs: on short texts of the characters that
  // matter, every start is the same (a fixed pseudo-random draw).
  const EARLIER = /(?:^|[.!?]+\s+|\s[:;]-?[()DPp/]+\s+)/gu;
  const alphabet = [".", "!", "?", " ", "\n", "a", "B", ":", ";", "-", "(", ")", "D", "p", "/"];
  let seed = 30;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % alphabet.length;
  for (let k = 0; k < 20_000; k++) {
    const text = Array.from({ length: 1 + (k % 24) }, () => alphabet[next()]).join("");
    const earlier = [...text.matchAll(EARLIER)].map((match) => match.index! + match[0].length);
    assert.deepEqual(starts(text), earlier, JSON.stringify(text));
  }
});
