/**
 * Pins REGION_CODES (region_codes.ts) to its documented standards: the 50 US states and DC
 * (USPS), Canada's 13 provinces and territories, Australia's 8 states and territories, and NI,
 * EU, UK; "WA" and "NT" are both American or Canadian and Australian, so 73 codes in all.
 */
import assert from "node:assert/strict";
import { REGION_CODES } from "./region_codes.ts";

Deno.test("REGION_CODES holds 51 + 13 + 8 + 3 codes less the two shared ones: 73", () => {
  assert.equal(REGION_CODES.size, 51 + 13 + 8 + 3 - 2);
});

Deno.test("each standard's first and last code is there, in capitals of two or three letters", () => {
  for (const code of ["AL", "WY", "DC", "AB", "YT", "NSW", "ACT", "NI", "EU", "UK"]) {
    assert.ok(REGION_CODES.has(code), code);
  }
  for (const code of REGION_CODES) assert.match(code, /^[A-Z]{2,3}$/);
  // ISO 3166-1 country codes at large stay out: they are also departments' initialisms.
  for (const code of ["HR", "IT", "PR", "QA"]) assert.ok(!REGION_CODES.has(code), code);
});
