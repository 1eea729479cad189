import assert from "node:assert/strict";
import { askedPhrase, pooledPhrase } from "./bare_phrases.ts";

Deno.test("pooledPhrase: a kept exchange whose message is no bare phrase holds the phrase as any line does", () => {
  // The sender asked a question: its message repeats no phrase, so the exchange names the unit.
  const exchange = "Kav said: where was the house party in Fallowfield?\nAria replied: At Jo's";
  assert.deepEqual(
    pooledPhrase("house party in Fallowfield", [exchange]),
    askedPhrase("house party in Fallowfield"),
  );
});
