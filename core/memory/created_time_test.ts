import assert from "node:assert/strict";
import { parsedTime } from "./created_time.ts";

Deno.test("a remembered time is Date.parse's, asked again and again (NaN for no time)", () => {
  parsedTime.forget();
  for (let round = 0; round < 2; round++) {
    for (const iso of ["2026-12-03T08:00:40.433Z", "1970-01-01T00:00:00.000Z", "2026-12-03"]) {
      assert.equal(parsedTime(iso), Date.parse(iso), iso);
    }
    assert.ok(Number.isNaN(parsedTime("not a time")));
  }
});
