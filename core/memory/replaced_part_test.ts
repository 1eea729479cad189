import assert from "node:assert/strict";
import { FACT_BREAK, unreplacedPart, unreplacedShare, type WordMatches } from "./replaced_part.ts";

const SISTER = "My little sister Bisi has a braiding salon on Harehills Lane, " +
  "and I get my hair done free as her sister";
const MOVE = "Bisi moved the salon to a bigger unit on Roundhay Road";

Deno.test("the parts of an older memory its replacement leaves alone", () => {
  // The part holding the most of the replacement's terms (Bisi, salon) is the replaced one.
  assert.equal(unreplacedPart(SISTER, MOVE), "I get my hair done free as her sister");
  // A memory of one part is replaced whole, whatever the replacement says.
  assert.equal(unreplacedPart("I live in a small flat in Lyon", "I moved to Porto"), "");
  // No part holds a term of the replacement: nothing tells which part is kept.
  assert.equal(unreplacedPart("I live in Lyon, and I work at a bakery", "I moved to Porto"), "");
  // The replaced part is the one holding the most, not every one holding some: the birthday
  // shares only the name with the party's move.
  assert.equal(
    unreplacedPart(
      "Ife's birthday is the twenty-ninth of November and she's having her party at Jump Inc",
      "Ife's party moved from Jump Inc to the soft play",
    ),
    "Ife's birthday is the twenty-ninth of November",
  );
  // Parts tied for the most are all replaced; parts of stop words only are no parts.
  assert.equal(
    unreplacedPart("Ife's party is at Jump Inc. Tobi's party is at Jump Inc. We like cake", MOVE),
    "",
    "no part holds a term of the replacement",
  );
  assert.equal(
    unreplacedPart("Ife's party is at Jump Inc; Tobi's party is at Jump Inc; we like cake", "Jump"),
    "we like cake",
  );
  assert.equal(unreplacedPart("Bisi owns a salon, and so on", MOVE), "", "one part with words");
  // Each break splits: "and", "but", "or", commas, semicolons, colons, sentence ends, newlines.
  for (const mark of [" and ", " but ", " or ", ", ", "; ", ": ", ". ", "! ", "? ", "\n"]) {
    assert.equal(
      unreplacedPart(`Bisi owns a salon${mark}Tunde reads novels`, MOVE),
      "Tunde reads novels",
    );
  }
  assert.ok(!FACT_BREAK.test("Bisi owns a salon with Tunde"));
  // "and" inside a word ("Sandra", "brand") is no break.
  assert.equal(unreplacedPart("Sandra runs a brand of salon", MOVE), "");
});

/** Matches of a query of words `weights`, each text's strengths looked up by the text. */
function matches(weights: number[], strengths: Record<string, number[]>): WordMatches {
  return {
    weights,
    strengths: (text) => {
      const found = strengths[text];
      assert.ok(found, `no strengths for ${JSON.stringify(text)}`);
      return found;
    },
  };
}

const KEPT = "I get my hair done free as her sister";

Deno.test("the unreplaced share: words the kept part holds in full and the replacement does not", () => {
  // Query words: "sister" (weight 3), "salon" (weight 1).
  const share = (kept: number[], newer: number[], older = [1, 1]) =>
    unreplacedShare(
      SISTER,
      MOVE,
      matches([3, 1], { [SISTER]: older, [KEPT]: kept, [MOVE]: newer }),
    );
  // "sister" held by the kept part, not by the replacement: its weight over the whole match.
  assert.equal(share([1, 0], [0, 1]), 3 / 4);
  // A word the replacement holds too is what it addresses: it does not count.
  assert.equal(share([1, 1], [0, 1]), 3 / 4);
  assert.equal(share([1, 0], [1, 1]), 0);
  // Held means matched in full: strength 1 counts, just below it does not (either side).
  assert.equal(share([0.999, 0], [0, 1]), 0);
  assert.equal(share([1, 0], [0.999, 1]), 3 / 4);
  // Divided by the query's match with the whole older memory (weight · strength), capped at 1.
  assert.equal(share([1, 0], [0, 0], [0.5, 0]), 1);
  assert.equal(share([1, 0], [0, 0], [1, 0.5]), 3 / 3.5);
  // No match with the older memory, or a replacement of all of it: 0.
  assert.equal(share([1, 0], [0, 0], [0, 0]), 0);
  // ... without reading the kept part or the replacement (a search's cost).
  const asked: string[] = [];
  const none = matches([3, 1], { [SISTER]: [0, 0] });
  const counted = {
    ...none,
    strengths: (text: string) => (asked.push(text), none.strengths(text)),
  };
  assert.equal(unreplacedShare(SISTER, MOVE, counted), 0);
  assert.deepEqual(asked, [SISTER]);
  assert.equal(
    unreplacedShare("I live in Lyon", "I moved to Porto", matches([1], {})),
    0,
    "one part: strengths never asked",
  );
});

Deno.test("a part of one content word is a part, kept when the replacement does not name it", () => {
  assert.equal(unreplacedPart("Bisi owns a salon, and tennis", MOVE), "tennis");
  assert.equal(unreplacedPart("Tennis, and Bisi owns a salon", MOVE), "Tennis");
  // ... and replaced when it holds the replacement's term.
  assert.equal(unreplacedPart("Salon, and Tunde reads novels", MOVE), "Tunde reads novels");
});

Deno.test("the unreplaced share of a query matching the older memory less than 1 in all", () => {
  // Light query words: the whole match 0.6, any match above 0 is divided by.
  const light = matches([0.4, 0.2], { [SISTER]: [1, 1], [KEPT]: [1, 0], [MOVE]: [0, 1] });
  const share = unreplacedShare(SISTER, MOVE, light);
  assert.ok(Math.abs(share - 2 / 3) < 1e-12, `${share}`);
});
