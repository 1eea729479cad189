// A test that kills mut58's surviving mutant of log.ts (core/memory/HISTORY.md, "Session 42 —
// mut58"): an object's JSON of exactly LOG_VALUE_CHARS characters is kept whole.
import assert from "node:assert/strict";
import { createLogger, LOG_VALUE_CHARS } from "./log.ts";

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
