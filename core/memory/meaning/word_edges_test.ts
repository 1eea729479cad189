import assert from "node:assert/strict";
import { WordEdges } from "./word_edges.ts";
import { oneEditAway, TypoReadings } from "./typo_forms.ts";

Deno.test("WordEdges: starts, ends and runs of three letters the words share; other characters end a run", () => {
  const edges = new WordEdges(["abcdef", "xy-zwv"]);
  assert.deepEqual({ ...edges.shared("abxyzq"), trigram: undefined }, {
    start: 2,
    end: 1,
    trigram: undefined,
  });
  assert.equal(edges.shared("zzzdef").start, 1);
  assert.equal(edges.shared("zzzdef").end, 3, "'def' ends a word, 'zdef' none");
  assert.equal(edges.shared("abcdxx").start, 6, "its first four letters shared: no bound");
  const code = (text: string) =>
    [...text].map((letter) => letter.charCodeAt(0)) as [
      number,
      number,
      number,
    ];
  assert.ok(edges.trigram(...code("bcd")) && edges.trigram(...code("zwv")));
  assert.ok(!edges.trigram(...code("y-z")) && !edges.trigram(...code("xyz")));
  assert.equal(edges.shared("xyqqq").start, 2, "'xy' starts a word");
});

Deno.test("TypoReadings with WordEdges: every one-edit slip of a word reads as without them", () => {
  const vocabulary = ["receive", "migraines", "separate", "occurred", "because", "rubble", "cakes"];
  const ranks = new Map(vocabulary.map((word, rank) => [word, rank]));
  const lexicon = {
    knows: (word: string) => ranks.has(word),
    commonness: (w: string) => ranks.get(w),
  };
  const edges = new WordEdges(vocabulary);
  const plain = new TypoReadings(lexicon);
  const bounded = new TypoReadings({ ...lexicon, sharedEdges: (word) => edges.shared(word) });
  let read = 0;
  for (const word of vocabulary) {
    for (const slip of oneEditAway(word).flat()) {
      const meant = plain.reading(slip);
      if (meant !== undefined) read++;
      assert.equal(bounded.reading(slip), meant, slip);
    }
  }
  assert.ok(read > 1000, `${read} slips read`);
});

Deno.test("oneEditAway with shared edges: only the edits within the bounds, in the same order", () => {
  const all = oneEditAway("abcdefg");
  const bounded = oneEditAway("abcdefg", { start: 2, end: 7 });
  for (const [group, edits] of bounded.entries()) {
    // Edits come by place: the bounded ones are the first of each group.
    assert.deepEqual(edits, all[group]!.slice(0, edits.length));
  }
  assert.ok(bounded[1]!.includes("abxcdefg") && !bounded[1]!.includes("abcxdefg"));
});
