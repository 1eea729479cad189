import assert from "node:assert/strict";
import { parseTraits } from "./traits.ts";

Deno.test("the model's Big Five are read defensively: the first JSON object, percent past 1, clamped", () => {
  assert.deepEqual(
    parseTraits(
      'Here: {"Openness": 0.8, "conscientiousness": "0.3", "extraversion": 72, "agreeableness": 1.5e2, "neuroticism": 0} done',
    ),
    { openness: 0.8, conscientiousness: 0.3, extraversion: 0.72, agreeableness: 1, neuroticism: 0 },
  );
  assert.deepEqual(
    parseTraits('{"openness": 0.9, "extraversion": 0.1, "neuroticism": 0.4}'),
    {
      openness: 0.9,
      conscientiousness: 0.5,
      extraversion: 0.1,
      agreeableness: 0.5,
      neuroticism: 0.4,
    },
    "missing traits are neutral",
  );
  assert.equal(
    parseTraits('{"openness": 0.9, "extraversion": "high"}'),
    null,
    "under three usable",
  );
  assert.equal(parseTraits("I'd rather not say."), null);
  assert.equal(parseTraits('{"openness": -1, "a": {"b": 1}}'), null);
});
