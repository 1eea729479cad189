import assert from "node:assert/strict";
import {
  compoundParts,
  MAX_RANKED_PARTS,
  PART_HEAD,
  partsInTurn,
  rankedInParts,
} from "./compound_question.ts";

Deno.test("compoundParts splits a question that asks two or more things", () => {
  assert.deepEqual(compoundParts("Where do I live, and who owns our house?"), [
    { text: "Where do I live,", alone: true },
    { text: "who owns our house?", alone: true },
  ]);
  assert.deepEqual(
    compoundParts("What do I drink on Fridays and what food do I love to cook?").map((p) => p.text),
    ["What do I drink on Fridays", "what food do I love to cook?"],
  );
  // One ask over several things is no compound: "and" joins what it asks about.
  assert.deepEqual(compoundParts("both my uncle and my brother: what do they do?"), []);
  assert.deepEqual(compoundParts("My car and my phone: what went wrong with them?"), []);
  assert.deepEqual(compoundParts("What pets do we have?"), []);
  // A first part that opens with no question word or auxiliary names a topic: one ask.
  assert.deepEqual(compoundParts("church and club, where do I go each week"), []);
  assert.deepEqual(compoundParts("my meds and who I see for therapy"), []);
  // An auxiliary opens an ask as a question word does; a dialect spelling reads as its word.
  assert.equal(compoundParts("do I own a car, and where do I park it").length, 2);
  assert.equal(compoundParts("wot pets have i got, and where does Tam work").length, 2);
});

Deno.test("compoundParts marks a part that leans on another through a pronoun", () => {
  assert.deepEqual(compoundParts("who is Florin and what is he planning"), [
    { text: "who is Florin", alone: true },
    { text: "what is he planning", alone: false },
  ]);
  assert.deepEqual(
    compoundParts("where is our house, who owns it, what it costs").map((p) => p.alone),
    [true, false, false],
  );
  // "their", "her", "its" too: the closed class with its possessives.
  for (const pronoun of ["their", "her", "its", "them", "his", "she", "they", "him", "hers"]) {
    assert.equal(
      compoundParts(`who is Kasia and what is ${pronoun} plan`)[1]?.alone,
      false,
      pronoun,
    );
  }
  // First and second persons name the speaker and the listener: they stand alone.
  assert.equal(compoundParts("who is Kasia and what do I owe you")[1]?.alone, true);
  // When no part stands alone the whole question answers them all: no parts.
  assert.deepEqual(compoundParts("what does he do and where does she live"), []);
});

const key = (item: string) => item;

Deno.test("partsInTurn: the whole's best, then each part's best in turn, then the whole", () => {
  assert.equal(PART_HEAD, 1);
  assert.deepEqual(
    partsInTurn(["a", "b", "c", "d"], [["x", "y"], ["z", "w"]], { limit: 10, key }),
    ["a", "x", "z", "b", "c", "d"],
  );
  // A part's best already taken gives way to its next.
  assert.deepEqual(
    partsInTurn(["a", "b", "c"], [["a", "x"], ["x", "z"]], { limit: 10, key }),
    ["a", "x", "z", "b", "c"],
  );
  // A part that does not stand alone takes the whole's next in its turn.
  assert.deepEqual(
    partsInTurn(["a", "b", "c"], [["x"], undefined, ["z"]], { limit: 10, key }),
    ["a", "x", "b", "z", "c"],
  );
  // At most `limit`, each hit once (by key).
  assert.deepEqual(
    partsInTurn(["a", "b", "c"], [["x"], ["y"]], { limit: 2, key }),
    ["a", "x"],
  );
  assert.deepEqual(partsInTurn([], [["x"], ["y"]], { limit: 5, key }), ["x", "y"]);
  assert.deepEqual(
    partsInTurn(["a"], [[], ["a"]], { limit: 5, key }),
    ["a"],
  );
});

Deno.test("partsInTurn gives a hit the whole ranked too as the whole gave it", () => {
  const whole = [{ id: "a", by: "whole" }, { id: "b", by: "whole" }];
  const part = [{ id: "b", by: "part" }, { id: "c", by: "part" }];
  assert.deepEqual(
    partsInTurn(whole, [part], { limit: 5, key: (item) => item.id }),
    [{ id: "a", by: "whole" }, { id: "b", by: "whole" }],
  );
  // Found by the part alone: as the part gave it.
  assert.deepEqual(
    partsInTurn(whole, [part.slice(1)], { limit: 5, key: (item) => item.id }),
    [{ id: "a", by: "whole" }, { id: "c", by: "part" }, { id: "b", by: "whole" }],
  );
});

Deno.test("rankedInParts ranks the whole and each part that stands alone, no more", async () => {
  const asked: (string | undefined)[] = [];
  const hit = (id: string) => ({ record: { id } });
  const lists: Record<string, string[]> = {
    whole: ["w1", "w2", "w3"],
    "who is Florin": ["f1", "w1"],
  };
  const ranked = await rankedInParts(
    [{ text: "who is Florin", alone: true }, { text: "what is he planning", alone: false }],
    (part) => {
      asked.push(part);
      return Promise.resolve((lists[part ?? "whole"] ?? []).map(hit));
    },
  );
  assert.deepEqual(asked, [undefined, "who is Florin"]);
  // As many hits as the whole's: the parts only reorder its top.
  assert.deepEqual(ranked.map((item) => item.record.id), ["w1", "f1", "w2"]);
});

Deno.test("rankedInParts ranks the first MAX_RANKED_PARTS parts that stand alone, no more", async () => {
  assert.equal(MAX_RANKED_PARTS, 4);
  // A hostile question: "what is x0, what is x1, …" at the query's 2,000 characters.
  const hostile = Array.from({ length: 200 }, (_, i) => `what is x${i}`).join(", ").slice(0, 2_000);
  const parts = compoundParts(hostile);
  assert.ok(parts.length > 100, `${parts.length} parts`);
  const asked: (string | undefined)[] = [];
  const hit = (id: string) => ({ record: { id } });
  const ranked = await rankedInParts(parts, (part) => {
    asked.push(part);
    return Promise.resolve(part === undefined ? ["w1", "w2"].map(hit) : [hit(part)]);
  });
  assert.deepEqual(asked, [undefined, "what is x0", "what is x1", "what is x2", "what is x3"]);
  assert.deepEqual(ranked.map((item) => item.record.id), ["w1", "what is x0"]);
  // A part leaning on another is not counted: the first four that stand alone are ranked.
  asked.length = 0;
  await rankedInParts([
    { text: "who is Ana", alone: true },
    { text: "what does she do", alone: false },
    ...["b", "c", "d", "e"].map((name) => ({ text: `who is ${name}`, alone: true })),
  ], (part) => {
    asked.push(part);
    return Promise.resolve([]);
  });
  assert.deepEqual(asked, [undefined, "who is Ana", "who is b", "who is c", "who is d"]);
});
