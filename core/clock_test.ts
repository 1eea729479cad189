import assert from "node:assert/strict";
import { isoTime } from "./clock.ts";

Deno.test("isoTime writes what toISOString writes: across days, years, signs and odd inputs", () => {
  const times = [
    Date.UTC(2026, 5, 1),
    Date.UTC(2026, 5, 1) + 1,
    Date.UTC(2026, 5, 1, 23, 59, 59, 999),
    Date.UTC(2026, 5, 2),
    Date.UTC(2026, 5, 1, 12, 0, 0, 7),
    Date.UTC(2024, 1, 29, 8, 5, 3, 40),
    Date.UTC(1999, 11, 31, 23, 59, 59, 999),
    Date.UTC(2000, 0, 1),
    0,
    -1,
    -86_400_001,
    Date.UTC(1969, 6, 20, 20, 17, 40),
    Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    Date.UTC(10000, 0, 1),
    Date.UTC(-1, 0, 1, 1),
    Date.UTC(0, 0, 1, 10) + 1.75,
    Date.UTC(2026, 5, 1, 10) + 0.5,
    Date.UTC(2026, 5, 1, 10) - 0.5,
    8.64e15,
  ];
  // Each after every other: whichever day was written last.
  for (const before of times) {
    for (const time of times) {
      isoTime(before);
      assert.equal(isoTime(time), new Date(time).toISOString(), `${time} after ${before}`);
    }
  }
  for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2026, 0, 3); ms += 997_013) {
    assert.equal(isoTime(ms), new Date(ms).toISOString());
  }
  for (const bad of [NaN, Infinity, 8.64e15 + 1]) {
    assert.throws(() => isoTime(bad), RangeError);
  }
});
