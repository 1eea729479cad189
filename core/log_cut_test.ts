// A test that kills mut58's surviving mutant of log.ts (core/memory/HISTORY.md, "Session 42 —
// mut58"): an object's JSON of exactly LOG_VALUE_CHARS characters is kept whole.
import assert from "node:assert/strict";
import { createLogger, errorText, LOG_VALUE_CHARS } from "./log.ts";

/** The line a logger at "debug" writes for `fields`, after its time and message. */
function logged(fields: Record<string, unknown>): string {
  const lines: string[] = [];
  createLogger("debug", { write: (line) => lines.push(line) }).info("Logged", fields);
  return lines.join("\n").replace(/^\S+ INFO Logged/, "");
}

Deno.test("a log line keeps an object's JSON of exactly LOG_VALUE_CHARS characters whole, and cuts one more", () => {
  // `["xx…x"]`: the brackets and quotes are four characters.
  const exact = ["x".repeat(LOG_VALUE_CHARS - 4)];
  assert.equal(JSON.stringify(exact).length, LOG_VALUE_CHARS);
  assert.equal(logged({ list: exact }), ` list=${JSON.stringify(exact)}`);
  const over = ["x".repeat(LOG_VALUE_CHARS - 3)];
  assert.match(logged({ list: over }), /…\(1 more characters\)$/);
});

Deno.test("errorText: a cause that is no Error is written once and ends the chain", () => {
  const text = errorText(new Error("failed", { cause: "timeout" }));
  assert.equal(text.split("caused by: ").length, 2);
  assert.ok(text.endsWith("\ncaused by: timeout"), text);
});

Deno.test("errorText: a stack whose message was changed keeps its frames from the first", () => {
  const error = new Error("made");
  error.message = "changed";
  // Frames only, from the stack's first character (no message line before them).
  error.stack = "\n    at here (file.ts:1:1)";
  assert.equal(errorText(error), "Error: changed\n    at here (file.ts:1:1)");
});

Deno.test("a log line keeps an error's name and message, or a string, of exactly LOG_VALUE_CHARS whole", () => {
  // "Error: " and the message: LOG_VALUE_CHARS characters.
  const error = new Error("m".repeat(LOG_VALUE_CHARS - "Error: ".length));
  assert.ok(!errorText(error).includes("more characters"));
  const text = `a b${"x".repeat(LOG_VALUE_CHARS - 3)}`;
  assert.equal(logged({ text }), ` text=${JSON.stringify(text)}`);
  assert.match(logged({ text: `${text}x` }), /…\(1 more characters\)$/);
});
