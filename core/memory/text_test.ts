import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import {
  analysedChars,
  analysedTerms,
  analysedWords,
  keywords,
  RECENT_ANALYSES,
  stem,
  terms,
  words,
} from "./text.ts";
import { PORTER_WORDS } from "./testing/porter_words.ts";

Deno.test("inflected and derived forms meet at one Porter stem", () => {
  for (
    const group of [
      ["moved", "moving", "moves", "move"],
      ["graduation", "graduated", "graduates"],
      ["retirement", "retired", "retire"],
      ["savings", "saving", "save"],
      ["stories", "story"],
      ["running", "runs"],
      ["adoption", "adopted", "adopting"],
      ["obsession", "obsessed"],
      ["donations", "donate", "donated"],
    ]
  ) {
    const stems = new Set(group.map(stem));
    assert.equal(stems.size, 1, `${group.join(", ")} gave ${[...stems].join(", ")}`);
  }
});

Deno.test("Porter keeps short words and applies its measure rules", () => {
  assert.equal(stem("is"), "is");
  assert.equal(stem("sky"), "sky");
  assert.equal(stem("caresses"), "caress");
  assert.equal(stem("ponies"), "poni");
  assert.equal(stem("hopping"), "hop");
  assert.equal(stem("hoping"), "hope");
  assert.equal(stem("happy"), "happi");
  assert.equal(stem("relational"), "relat");
  assert.equal(stem("controlling"), "control");
  assert.equal(stem("x".repeat(65) + "ing"), "x".repeat(65) + "ing", "over 64 bytes: unstemmed");
});

Deno.test("words fold accents, case and punctuation; terms drop stop words", () => {
  assert.deepEqual(words("Café, naïve — ÉLAN! Zürich's"), ["cafe", "naive", "elan", "zurich", "s"]);
  assert.deepEqual(terms("We are moving to the harbor"), ["move", "harbor"]);
  assert.deepEqual(terms("I don't know what she'd say"), ["know", "sai"]);
  assert.deepEqual(keywords("the magic of the Magic spells"), ["magic", "spells"]);
});

/** The terms FTS5 (`porter unicode61`) indexes for `text`, in order. */
function fts5Tokens(texts: readonly string[]): string[][] {
  const db = new DatabaseSync(":memory:");
  try {
    db.exec("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'porter unicode61')");
    db.exec("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')");
    const insert = db.prepare("INSERT INTO t (rowid, x) VALUES (?, ?)");
    texts.forEach((text, i) => insert.run(i + 1, text));
    const tokens: string[][] = texts.map(() => []);
    const rows = db.prepare("SELECT doc, term FROM v ORDER BY doc, offset").all() as Array<
      { doc: number; term: string }
    >;
    for (const row of rows) tokens[row.doc - 1]!.push(row.term);
    return tokens;
  } finally {
    db.close();
  }
}

Deno.test("a text's words and terms are shared by its latest readers, frozen, for the latest texts", () => {
  const text = "Kira's bakery ran out of croissants before nine";
  const first = analysedWords(text);
  assert.deepEqual(first, words(text));
  assert.deepEqual(analysedTerms(text), terms(text));
  const copy = text.split("").join("");
  assert.equal(analysedWords(copy), first, "the same text (another string) shares them");
  assert.equal(analysedTerms(text), analysedTerms(text));
  assert.ok(
    Object.isFrozen(first) && Object.isFrozen(analysedTerms(text)),
    "no reader can change them",
  );
  for (let i = 1; i < RECENT_ANALYSES; i++) analysedWords(`other text ${i}`);
  assert.equal(analysedWords(text), first, "kept while among the latest");
  for (let i = 0; i < RECENT_ANALYSES; i++) analysedWords(`another text ${i}`);
  const again = analysedWords(text);
  assert.notEqual(again, first, "then forgotten");
  assert.deepEqual(again, first);
});

Deno.test("a text ending with a recent one is read up to it, with the same words and terms", () => {
  const turn = "Kira's bakery ran out of croissants before nine? Why! 42 loaves, sold out";
  const heads = [
    "I said to Tomas, Mira (about baking): ",
    "Tomas said (about baking): ",
    "Tomas said:\n",
    "", // the text itself
    "Tomas says", // "saysKira's": one word across the seam
    "count 7", // "7Kira's"
    "Tomas-", // a seam after punctuation
  ];
  for (const head of heads) {
    analysedTerms(turn);
    const text = head + turn;
    const before = analysedChars();
    assert.deepEqual(analysedWords(text), words(text), head);
    assert.deepEqual(analysedTerms(text), terms(text), head);
    assert.ok(Object.isFrozen(analysedWords(text)) && Object.isFrozen(analysedTerms(text)));
    const read = analysedChars() - before;
    const split = head !== "" && !/[A-Za-z0-9]$/.test(head);
    assert.equal(read, split ? head.length : head === "" ? 0 : text.length, head);
  }
  // Not ASCII: read in full (Unicode folding is not split).
  const accented = "Café naïve résumé, déjà vu";
  analysedWords(accented);
  const before = analysedChars();
  assert.deepEqual(analysedWords(`Zoë said: ${accented}`), words(`Zoë said: ${accented}`));
  assert.equal(analysedChars() - before, `Zoë said: ${accented}`.length);
});

Deno.test("a text ending with a split text splits on that one's own tail: analyses never chain", () => {
  // Each text ends with the one before: were the newest split on the last, every analysis would
  // stay reachable from it (memory growing with the square of the chain, recursion as deep).
  const base = "the garden needs rain";
  analysedWords(base);
  let text = base;
  for (let link = 0; link < 5; link++) {
    const before = analysedChars();
    text = `w${link} ${text}`;
    // Words only, as a candidate's voice asks: the tail keeps its split until terms are asked.
    assert.deepEqual(analysedWords(text), words(text));
    // Split on `base` (the one unsplit tail): the whole head is read, not only the new word.
    assert.equal(analysedChars() - before, text.length - base.length);
  }
  assert.deepEqual(analysedTerms(text), terms(text));
  // Once its terms are known a split text lets go of its tail, and a next text may split on it.
  const before = analysedChars();
  assert.deepEqual(analysedWords(`more ${text}`), words(`more ${text}`));
  assert.equal(analysedChars() - before, "more ".length);
});

Deno.test("the analyser's stems agree with FTS5's porter tokenizer on a word list", () => {
  const expected = fts5Tokens(PORTER_WORDS);
  const disagreements = PORTER_WORDS.flatMap((word, i) => {
    const ours = words(word).map(stem).join(" ");
    const theirs = expected[i]!.join(" ");
    return ours === theirs ? [] : [`${word}: ours ${ours}, FTS5 ${theirs}`];
  });
  assert.deepEqual(disagreements, []);
});
