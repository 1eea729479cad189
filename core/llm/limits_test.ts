import assert from "node:assert/strict";
import { COUNT_MAX } from "../numbers.ts";
import {
  BYTES_PER_CHAR,
  BYTES_PER_PART,
  CHARS_PER_TOKEN,
  count,
  DEFAULT_REPLY_TOKENS,
  ERROR_BODY_BYTES,
  excerpt,
  EXCERPT_CHARS,
  EXTRA_PARTS,
  MAX_GAP_BYTES,
  MAX_GAP_LINES,
  MAX_LINE_BYTES,
  MAX_RETRY_AFTER_S,
  PARTS_PER_TOKEN,
  REPLY_SLACK_BYTES,
  replyBudget,
  retryAfterSeconds,
} from "./limits.ts";

Deno.test("the documented bounds keep their values", () => {
  assert.equal(ERROR_BODY_BYTES, 4096);
  assert.equal(EXCERPT_CHARS, 200);
  assert.equal(MAX_LINE_BYTES, 1_048_576);
  assert.equal(DEFAULT_REPLY_TOKENS, 8192);
  assert.equal(CHARS_PER_TOKEN, 32);
  assert.equal(PARTS_PER_TOKEN, 2);
  assert.equal(EXTRA_PARTS, 16);
});

Deno.test("an excerpt is one line of at most EXCERPT_CHARS characters", () => {
  assert.equal(excerpt("  model\n  crashed\r\n\tat x "), "model crashed at x");
  assert.equal(excerpt("x".repeat(EXCERPT_CHARS)), "x".repeat(EXCERPT_CHARS));
  assert.equal(excerpt("x".repeat(EXCERPT_CHARS + 1)), `${"x".repeat(EXCERPT_CHARS)}…`);
});

Deno.test("a reply's budget: 2 parts per token + 16, 32 characters per token", () => {
  const parts = replyBudget(10);
  for (let i = 0; i < 36; i++) assert.equal(parts.add(""), false, `part ${i + 1}`);
  assert.equal(parts.add(""), true, "the 37th part is past the bound");
  const chars = replyBudget(10);
  assert.equal(chars.add("x".repeat(320)), false);
  assert.equal(chars.add("x"), true, "the 321st character is past the bound");
  const unset = replyBudget(undefined);
  assert.equal(unset.add("x".repeat(8192 * 32)), false);
  assert.equal(unset.add("x"), true);
});

Deno.test("counts that are not finite and ≥ 0 are 0; a fraction is rounded", () => {
  assert.equal(count(7), 7);
  assert.equal(count(0), 0);
  for (const bad of [-1, -1e308, Infinity, NaN, "7", null, undefined, 2 ** 64]) {
    assert.equal(count(bad), 0);
  }
  // At most COUNT_MAX (10^9): a dialogue sums its turns' tokens, and a sum past 2^53 - 1 could
  // not be read back from SQLite.
  assert.equal(count(COUNT_MAX), COUNT_MAX);
  assert.equal(count(COUNT_MAX + 1), 0);
  assert.equal(count(Number.MAX_SAFE_INTEGER), 0);
  // Whole counts: they are stored in BIGINT columns on PostgreSQL, which refuse a fraction.
  assert.equal(count(2.5), 3);
  assert.equal(count(0.2), 0);
});

Deno.test("Retry-After: seconds or an HTTP date, up to a day; anything else is unknown", () => {
  const now = Date.parse("2026-12-03T17:00:00Z");
  assert.equal(MAX_RETRY_AFTER_S, 86_400);
  assert.equal(retryAfterSeconds("17", now), 17);
  assert.equal(retryAfterSeconds(" 0 ", now), 1, "0: a second, the shortest passed on");
  assert.equal(retryAfterSeconds("86400", now), 86_400);
  assert.equal(retryAfterSeconds("86401", now), undefined);
  assert.equal(retryAfterSeconds("Thu, 03 Dec 2026 17:00:30 GMT", now), 30);
  assert.equal(retryAfterSeconds("Thu, 03 Dec 2026 16:00:00 GMT", now), 1, "a past date: 1 s");
  for (const bad of [null, undefined, "", "-5", "soon", "1e9"]) {
    assert.equal(retryAfterSeconds(bad, now), undefined, String(bad));
  }
});

Deno.test("an excerpt is never cut inside a surrogate pair", () => {
  for (const text of ["a" + "😀".repeat(EXCERPT_CHARS), "😀".repeat(EXCERPT_CHARS * 3)]) {
    const line = excerpt(text);
    assert.ok(line.length <= EXCERPT_CHARS + 1);
    assert.ok(line.isWellFormed(), `a lone surrogate in ${JSON.stringify(line.slice(-3))}`);
  }
});

Deno.test("an excerpt is never cut inside a flag, a skin tone or a ZWJ sequence", () => {
  for (const character of ["🇫🇷", "👍🏽", "👨‍👩‍👧"]) {
    const text = "a" + character.repeat(EXCERPT_CHARS);
    const kept = excerpt(text).slice(1, -1);
    assert.ok(excerpt(text).endsWith("…"));
    assert.equal(kept, character.repeat(Math.floor((EXCERPT_CHARS - 1) / character.length)));
  }
});

Deno.test("a stream's bytes: at most MAX_GAP_BYTES and MAX_GAP_LINES without a part, maxBytes in all", () => {
  const bytes = (n: number) => new Uint8Array(n);
  assert.equal(MAX_GAP_BYTES, MAX_LINE_BYTES + 64 * 1024);
  assert.equal(MAX_GAP_LINES, 4096);
  const gap = replyBudget(512);
  assert.equal(gap.read(bytes(MAX_GAP_BYTES)), undefined);
  assert.match(gap.read(bytes(1)) ?? "", /over 1114112 bytes without a part/);
  const reset = replyBudget(undefined);
  assert.equal(reset.read(bytes(MAX_GAP_BYTES)), undefined);
  reset.add("");
  assert.equal(reset.read(bytes(MAX_GAP_BYTES)), undefined, "a part starts the gap again");
  const lines = replyBudget(512);
  const breaks = new TextEncoder().encode(": c\r\n".repeat(MAX_GAP_LINES / 2));
  assert.equal(lines.read(breaks), undefined);
  lines.add("");
  assert.equal(lines.read(breaks), undefined, "a part starts the count again");
  assert.match(lines.read(new Uint8Array([0x0a])) ?? "", /over 4096 line breaks without a part/);
  const all = replyBudget(10);
  const maxBytes = 36 * BYTES_PER_PART + 320 * BYTES_PER_CHAR + REPLY_SLACK_BYTES;
  assert.equal(all.maxBytes, maxBytes);
  for (let read = 0; read + 1000 <= maxBytes; read += 1000) {
    assert.equal(all.read(bytes(1000)), undefined);
    all.add("");
  }
  assert.equal(all.read(bytes(1000)), `over ${maxBytes} bytes in all (the bound for 10 tokens)`);
});
