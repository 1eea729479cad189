import assert from "node:assert/strict";
import { openingNames } from "./opening_names.ts";

const among = (...contents: string[]) => contents.map((content) => ({ record: { content } }));

Deno.test("each sentence's opening name is read, one word apart from the other", () => {
  const candidates = among(
    "Her dad is ill, and Priya drives down to see him.",
    "My friend Amara asked about the rash.",
  );
  assert.deepEqual(
    openingNames("Priya's health. Amara's allergies?", candidates, () => false).sort(),
    ["amara", "priya"],
  );
  assert.deepEqual(openingNames("", candidates, () => false), []);
});
