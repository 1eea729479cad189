import assert from "node:assert/strict";
import { belowShare, NEWER_SHARE, NEWER_SHARE_NAMED } from "./update_bounds.ts";

Deno.test("belowShare: the answer of choosing the share first, the query's test read only where it decides", () => {
  const shares = [-0.4, 0, 0.05, 0.1, 0.2, 0.25, 0.3, 0.5, 0.7, 1, 2, NaN, Infinity];
  let reads = 0;
  let deciding = 0;
  for (const newer of shares) {
    for (const older of shares) {
      for (const asks of [false, true]) {
        for (const needed of [NEWER_SHARE, NEWER_SHARE_NAMED, 0.1]) {
          const share = asks ? NEWER_SHARE_NAMED : needed;
          const expected = newer < share * older;
          const asked = () => (reads++, asks);
          assert.equal(belowShare(newer, older, { asked, needed }), expected, `${newer} ${older}`);
          if ((newer < NEWER_SHARE_NAMED * older) !== (newer < needed * older)) deciding++;
        }
      }
    }
  }
  assert.ok(deciding > 0);
  assert.equal(reads, deciding, "the test is read only where the shares' answers differ");
});
