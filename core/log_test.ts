import assert from "node:assert/strict";
import {
  createLogger,
  errorText,
  LOG_CAUSE_DEPTH,
  LOG_FRAME_CHARS,
  LOG_VALUE_CHARS,
} from "./log.ts";

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

Deno.test("an error with a long message keeps its stack frames: message and frames are cut apart (review41b 4)", () => {
  assert.equal(LOG_FRAME_CHARS, 4_096);
  const error = new Error("bad input: " + "x".repeat(9_000));
  const line = logged({ error });
  // The message is cut to LOG_VALUE_CHARS and says so; the frames after it survive.
  assert.ok(
    line.includes(`…(${"Error: bad input: ".length + 9_000 - LOG_VALUE_CHARS} more characters)`),
  );
  assert.match(line, /\\n {4}at /);
  assert.ok(line.length < LOG_VALUE_CHARS + LOG_FRAME_CHARS + 200, `${line.length} characters`);
  // Frames past LOG_FRAME_CHARS are cut on their own.
  const deep = new Error("short");
  deep.stack = "Error: short" + "\n    at f (file.ts:1:1)".repeat(1_000);
  const text = errorText(deep);
  assert.ok(text.startsWith("Error: short\n    at f (file.ts:1:1)"));
  assert.ok(text.endsWith(`…(${23 * 1_000 - LOG_FRAME_CHARS} more characters)`), text.slice(-60));
});

Deno.test("an error's cause chain is logged to LOG_CAUSE_DEPTH, bounded when it loops (review41b 4)", () => {
  assert.equal(LOG_CAUSE_DEPTH, 3);
  const inner = new Error("connection refused");
  const line = logged({ error: new Error("query failed", { cause: inner }) });
  assert.match(
    line,
    /Error: query failed\\n {4}at .*\\ncaused by: Error: connection refused\\n {4}at /,
  );
  // A cause that is no Error is written as text.
  assert.match(errorText(new Error("outer", { cause: { code: 3 } })), /\ncaused by: \{"code":3\}$/);
  // A chain that loops stops at the depth: the outer error and LOG_CAUSE_DEPTH causes.
  const looped = new Error("loop");
  looped.cause = looped;
  assert.equal(errorText(looped).split("caused by: ").length, 1 + LOG_CAUSE_DEPTH);
});

Deno.test("an error whose stack no longer opens with its message logs the message once, then the frames", () => {
  const renamed = new Error("first");
  renamed.message = "changed";
  const text = errorText(renamed);
  assert.match(text, /^Error: changed\n {4}at /);
  assert.equal(text.split("first").length, 1);
  // No frames at all: the message alone.
  const bare = new Error("bare");
  bare.stack = "something else";
  assert.equal(errorText(bare), "Error: bare");
  // A stack that is no string is left out, never thrown on (review41d 4).
  const odd = new Error("odd");
  Object.defineProperty(odd, "stack", { value: 42 });
  assert.equal(errorText(odd), "Error: odd");
});

Deno.test("a log line is written whatever its fields hold: a cycle, a BigInt, getters that throw (attack42)", () => {
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  const bare = Object.create(null);
  bare.self = bare;
  assert.equal(
    logged({ a: cycle, b: 10n, c: bare }),
    " a=[object Object] b=10 c=(a value with no text)",
  );
  // As before: no JSON, "undefined".
  assert.equal(logged({ d: undefined, e: () => 1 }), " d=undefined e=undefined");
  const throwing = (name: string) => ({
    get() {
      throw new Error(`${name} getter`);
    },
  });
  const stack = new Error("no stack");
  Object.defineProperty(stack, "stack", throwing("stack"));
  assert.equal(errorText(stack), "Error: no stack");
  const named = new Error("no name");
  Object.defineProperty(named, "name", throwing("name"));
  assert.match(errorText(named), /^\(an error that cannot be written\)\n {4}at /);
  const caused = new Error("no cause");
  Object.defineProperty(caused, "cause", throwing("cause"));
  assert.doesNotMatch(errorText(caused), /caused by/);
  assert.match(logged({ error: caused }), /^ error="Error: no cause\\n {4}at /);
});
