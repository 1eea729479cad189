import assert from "node:assert/strict";
import { createLogger, LOG_VALUE_CHARS } from "./log.ts";

/** The lines a logger at "debug" writes for `fields`. */
function logged(fields: Record<string, unknown>): string {
  const lines: string[] = [];
  createLogger("debug", { write: (line) => lines.push(line) }).info("Logged", fields);
  return lines.join("\n").replace(/^\S+ INFO Logged/, "");
}

Deno.test("a log line cuts a field's value past LOG_VALUE_CHARS and says how much it left out", () => {
  assert.equal(LOG_VALUE_CHARS, 8_192);
  // An MCP client's name as long as a request (attack41): a megabyte a line before.
  const name = "n".repeat(1_000_000);
  const line = logged({ client: `${name} 1.0`, asked: "x y".repeat(100_000) });
  assert.ok(line.length < 3 * LOG_VALUE_CHARS, `${line.length} characters logged`);
  assert.ok(
    line.includes(
      ` client="${"n".repeat(LOG_VALUE_CHARS)}"…(${1_000_004 - LOG_VALUE_CHARS} more characters)`,
    ),
  );
  assert.match(line, / asked="x yx y[^"]*"…\(291808 more characters\)$/);
  // An object's JSON past the limit is cut the same way.
  assert.match(
    logged({ list: Array(5_000).fill("ab") }),
    /^ list="\[\\"ab\\",.*"…\(\d+ more characters\)$/,
  );
});

Deno.test("a log line keeps values up to LOG_VALUE_CHARS as before: bare words bare, the rest as JSON", () => {
  const stack = new Error("boom");
  const at = "a".repeat(LOG_VALUE_CHARS);
  assert.equal(
    logged({
      session: "5bbfa57e-8ece",
      n: 3,
      text: "two words",
      at,
      error: stack,
      none: undefined,
    }),
    ` session=5bbfa57e-8ece n=3 text="two words" at=${at} error=${
      JSON.stringify(stack.stack)
    } none=undefined`,
  );
  assert.equal(logged({ more: `${at}a` }), ` more="${at}"…(1 more characters)`);
});
