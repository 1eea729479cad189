/**
 * Analyser 4's class (`chat_dialect.gen.json`, made by `gen_chat_speak.ts`): dialect and texting
 * spellings of function words, read as the stop words they stand for.
 */
import assert from "node:assert/strict";
import dialect from "./chat_dialect.gen.json" with { type: "json" };
import lexicon from "./chat_speak.gen.json" with { type: "json" };
import { CHAT_SPEAK, DIALECT_SPEAK } from "./chat_speak.ts";
import { isContentWord, stem, STOPWORDS, terms } from "./text.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

Deno.test("the dialect class is pinned: 128 spellings, function words only, none of version 3", () => {
  const spellings = Object.keys(dialect);
  assert.equal(spellings.length, 128);
  assert.deepEqual([...DIALECT_SPEAK].sort(), spellings.sort());
  for (const [word, expansion] of Object.entries(dialect as Record<string, string>)) {
    assert.match(word, /^[a-z0-9]+$/);
    assert.ok(!(word in lexicon), `${word} is version 3's`);
    assert.ok(!STOPWORDS.has(word), `${word} is a stop word already`);
    for (const one of expansion.split(" ")) assert.ok(STOPWORDS.has(one), `${word} → ${one}`);
    assert.deepEqual(CHAT_SPEAK.get(word), expansion.split(" "), word);
    assert.equal(isContentWord(word), false, word);
  }
  // Each group of the class, a few of each.
  for (
    const word of [
      ..."dae dinnae didnae cannae wouldnae isnae hae huv innit divvent".split(" "),
      ..."tae wi aboot oot frae ower efter noo doon aff b4".split(" "),
      ..."wot wat whaur wha hoo".split(" "),
      ..."ye yer youse masel meself oor thon tha dis dem dey nae aw".split(" "),
      ..."thatll whod whys shant amnt".split(" "),
    ]
  ) {
    assert.ok(DIALECT_SPEAK.has(word), word);
  }
  // Version 3's lexicon is as it was: 183 words, none of them in the new class.
  assert.equal(Object.keys(lexicon).length, 183);
  assert.equal(CHAT_SPEAK.size, 183 + 128);
});

Deno.test("a dialect spelling with a common sense of its own keeps it; a proper name does not count", () => {
  // WordNet's common senses: canna (the plant), da (district attorney), dat (digital
  // audiotape), fae (fuel-air explosive), hud (HUD), whit (an iota), wiz (a wizard).
  for (const word of "canna da dat fae hud whit wiz".split(" ")) {
    assert.equal(CHAT_SPEAK.has(word), false, word);
    assert.equal(isContentWord(word), true, word);
  }
  assert.deepEqual(terms("the DA dropped the case"), ["da", "drop", "case"]);
  assert.deepEqual(terms("not a whit of difference"), ["whit", "differ"]);
  // Their only senses name one thing (the battle of Cannae, the state WI, the city Ur, the god
  // Dis): a lower-case dialect spelling is not that name.
  for (const word of ["cannae", "wi", "ur", "dis"]) assert.ok(DIALECT_SPEAK.has(word), word);
  // Forms that stand for a content word are not in the class ("gonnae" going, "oughta" ought).
  for (const word of ["gonnae", "oughta", "nowt", "aye", "yep"]) {
    assert.equal(CHAT_SPEAK.has(word), false, word);
  }
});

Deno.test("dialect and texting spellings of function words give the terms of the standard words", () => {
  for (
    const [dialectal, standard] of [
      ["whit dae ye ken aboot the rent", "whit do you ken about the rent"],
      ["a cannae mind wur auld hoose", "a can not mind were auld hoose"],
      ["he wisnae oot wi his pals efter the match", "he was not out with his pals after the match"],
      ["wot u up 2 b4 the gig frm 8", "what u up 2 before the gig from 8"],
      ["thatll be the day, whod have thought", "that'll be the day, who'd have thought"],
      ["Masel and ma brother went doon tae Ayr", "Myself and ma brother went down to Ayr"],
    ] as const
  ) {
    assert.deepEqual(terms(dialectal), terms(standard), `${dialectal} / ${standard}`);
  }
  assert.deepEqual(terms("whit dae ye ken aboot the rent"), ["whit", "ken", stem("rent")]);
});

Deno.test("a dialect question finds the memory about its content word, not one that shares its spellings (real SQLite)", async () => {
  const told = [
    "The rent on the flat went up again in March",
    "Dae ye ken aboot the wee dug next door, it barks aw night",
  ];
  assert.equal((await rankedAfter(told, "whit dae ye dae aboot the rent"))[0], 0);
});
