import assert from "node:assert/strict";
import { createdTime, parsedTime } from "./created_time.ts";

Deno.test("a remembered time is Date.parse's, asked again and again (NaN for no time)", () => {
  parsedTime.forget();
  for (let round = 0; round < 2; round++) {
    for (const iso of ["2026-12-03T08:00:40.433Z", "1970-01-01T00:00:00.000Z", "2026-12-03"]) {
      assert.equal(parsedTime(iso), Date.parse(iso), iso);
    }
    assert.ok(Number.isNaN(parsedTime("not a time")));
  }
});

Deno.test("a frozen record's creation time is found by the record; any other's by its text", () => {
  parsedTime.forget();
  const iso = "2026-12-03T08:00:40.433Z";
  const record = Object.freeze({ created_at: iso });
  assert.equal(createdTime(record), Date.parse(iso));
  parsedTime.forget();
  // Found by the record: the text's memo (forgotten) is not asked again.
  assert.equal(createdTime(record), Date.parse(iso));
  assert.equal(parsedTime.size, 0, "not asked by its text");
  // An unfrozen record may change: asked by its text every time.
  const copy = { created_at: iso };
  assert.equal(createdTime(copy), Date.parse(iso));
  copy.created_at = "1970-01-01T00:00:00.000Z";
  assert.equal(createdTime(copy), 0);
  assert.ok(Number.isNaN(createdTime(Object.freeze({ created_at: "not a time" }))));
  parsedTime.forget();
});
