import assert from "node:assert/strict";
import { HEAD_READ, HEAD_TERMS, headFactor, noteHead, readNoteHead } from "./note_heads.ts";
import { CHANGE_TOLD, NOTE_HEAD } from "./text_factor_shares.ts";
import { TextFactors } from "./text_factors.ts";
import { factorCeiling } from "./text_factor_query.ts";
import { queryModifiers } from "./noun_modifiers.ts";
import { terms, words } from "./text.ts";
import { prepareText } from "./text_memo.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import type { MemoryRecord } from "./schema.ts";

Deno.test("a note's head is the words before a colon, an equals sign, an arrow or a spaced dash", () => {
  assert.deepEqual(noteHead("dentist: Dr Okoro @ Gloucester Rd Dental"), ["dentist"]);
  assert.deepEqual(noteHead("boss = Gareth Pryce (assoc. director)"), ["boss"]);
  assert.deepEqual(noteHead("kids' school → Cotham Gardens Primary"), terms("kids' school"));
  assert.deepEqual(noteHead("phone -> Smarty, £8/mo"), ["phone"]);
  assert.deepEqual(noteHead("Tom — geog teacher, Fairfield High"), ["tom"]);
  assert.deepEqual(noteHead("Tom – geog teacher"), ["tom"]);
  assert.deepEqual(noteHead("Tom - geog teacher"), ["tom"]);
  // The first separator ends the head: the value may hold more ("GP: Dr Ahmed = on the app").
  assert.deepEqual(noteHead("GP: Dr Ahmed = on the app"), ["gp"]);
});

Deno.test("a clock, a ratio or a hyphenated word holds no separator; nor does a line that opens with one", () => {
  assert.equal(noteHead("parkrun PB 27:52 (Ashton Court)"), undefined);
  assert.equal(noteHead("1:1s every other Fri 1000"), undefined);
  assert.equal(noteHead("Tom plays 5-a-side on Weds"), undefined);
  assert.equal(noteHead("after-school club till 5:45p"), undefined);
  assert.equal(noteHead(": nothing before it"), undefined);
  // Only stop words before the colon: no label.
  assert.equal(noteHead("it is: the blue one"), undefined);
  assert.equal(noteHead("I went to the dentist today and it was fine"), undefined);
});

Deno.test(`a head holds at most ${HEAD_TERMS} content words: a longer opening is a clause`, () => {
  assert.equal(HEAD_TERMS, 4);
  assert.deepEqual(
    noteHead("Tom's parents' car insurance — Saga"),
    terms("Tom's parents' car insurance"),
  );
  assert.equal(terms("sister's old school friend Jo").length, 5);
  assert.equal(noteHead("sister's old school friend Jo — lives in Frome"), undefined);
});

Deno.test("an opening with a subject pronoun or a finite be, have or do is a clause, not a head", () => {
  assert.equal(noteHead("I walked the dog with my sister — it rained"), undefined);
  assert.equal(noteHead("we booked: Pembrokeshire"), undefined);
  assert.equal(noteHead("she said = fine"), undefined);
  assert.equal(noteHead("Amara's Spanish is roughly A2: she can order food"), undefined);
  assert.equal(noteHead("Pat has our spare key — and we have hers"), undefined);
  assert.equal(noteHead("Leo did well — a B in chemistry"), undefined);
  assert.deepEqual(noteHead("Spanish level: A2"), terms("Spanish level"));
  assert.deepEqual(noteHead("dog walker — Sam"), terms("dog walker"));
  assert.deepEqual(noteHead("my sister — a nurse in Leeds"), ["sister"]);
});

Deno.test("each subject pronoun and finite be, have or do alone makes an opening a clause", () => {
  // One clause word each, the rest content words that would make a head.
  for (
    const text of [
      "you never told me — the Friday",
      "he rang back: Tuesday",
      "they moved: Leeds",
      "the party was great — Jo came",
      "the kids were good — no fights",
      "the kids are asleep — finally",
      "am knackered — early night",
      "had the boiler serviced — £85",
      "have the spare key — Pat",
      "Jo does yoga — Tuesdays",
    ]
  ) assert.equal(noteHead(text), undefined, text);
});

Deno.test("a head is one content word at least, one character enough; a dash needs a space on each side", () => {
  // Only stop words before the separator (and none of a clause): no head.
  assert.equal(noteHead("the: x"), undefined);
  // A one-character head: a letter, a CJK word.
  assert.deepEqual(noteHead("猫: Mochi"), ["猫"]);
  assert.deepEqual(noteHead("Z = zinc tablets"), ["z"]);
  // A suspended hyphen ("pre- and post-op") has a space after it only: no separator.
  assert.equal(noteHead("pre- and post-op checks with Dr Lee"), undefined);
});

Deno.test("a note gains NOTE_HEAD when its head holds a query term, not when only its value does", () => {
  const asked = new Set(terms("when was Rafi born"));
  assert.equal(headFactor(asked, "Rafi — DOB 9/10/2019, yr 1"), 1 + NOTE_HEAD);
  assert.equal(headFactor(asked, "M&S: Percy Pigs for Rafi's class"), 1);
  assert.equal(headFactor(asked, "Rafi was a sleepy baby"), 1);
  assert.equal(headFactor(new Set(), "Rafi — DOB 9/10/2019"), 1);
  // One query term in a head of several words is enough.
  assert.equal(headFactor(asked, "Rafi and Isla — swimming Sat"), 1 + NOTE_HEAD);
  assert.equal(NOTE_HEAD, 0.2);
});

Deno.test("the text factors give a headed note its gain and count it in the ceiling alignment prunes by", () => {
  const text = "who's my dentist";
  const modifiers = queryModifiers(text, terms(text));
  const factors = new TextFactors({ modifiers });
  const record = (content: string) => ({ id: content, content } as unknown as MemoryRecord);
  assert.equal(factors.headed(record("dentist → Dr Halloran")), 1 + NOTE_HEAD);
  assert.equal(factors.headed(record("Jo's sister → a dentist in Frome")), 1);
  assert.equal(new TextFactors({}).headed(record("dentist → Dr Halloran")), 1);
  assert.equal(factorCeiling({ modifiers }), 1 + NOTE_HEAD);
  assert.equal(factorCeiling({}), 1);
  // A question about now: a headed note that tells a change gains both.
  assert.equal(
    factorCeiling({ modifiers, current: true }),
    (1 + CHANGE_TOLD) * (1 + NOTE_HEAD),
  );
});

Deno.test("search: of two notes with the same words, the one headed by the asked name ranks first by NOTE_HEAD", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const rafi = await fixture.memory.store(
      fixture.aria,
      input({ content: "Rafi: swimming with Isla on Saturday mornings" }),
    );
    const isla = await fixture.memory.store(
      fixture.aria,
      input({ content: "Isla: swimming with Rafi on Saturday mornings" }),
    );
    const hits = await fixture.memory.search(fixture.aria, {
      query: "what does Rafi do",
      n_results: 2,
      min_importance: 0,
    });
    assert.equal(hits[0]!.id, rafi.id, JSON.stringify(hits));
    const other = hits.find((hit) => hit.id === isla.id)!;
    // The same words, length and voice: only the head tells them apart.
    assert.ok(
      Math.abs(hits[0]!.score / other.score - (1 + NOTE_HEAD)) < 0.01,
      JSON.stringify(hits),
    );
  } finally {
    await fixture.close();
  }
});

Deno.test("a note's head is remembered by text and worked out with what a write prepares", () => {
  const text = "allotment plot = number 14 by the shed";
  const before = noteHead.size;
  prepareText(text);
  assert.equal(noteHead.size, before + 1, "prepareText asks it");
  // The same array each time: remembered, not read again.
  assert.equal(noteHead(text), noteHead(text));
  assert.deepEqual(noteHead(text), terms("allotment plot"));
});

/** noteHead as first written: the whole opening's words and terms. */
function wholeOpening(content: string): readonly string[] | undefined {
  const at = content.search(/:(?=\s)|=|→|->|\s[—–-]\s/u);
  if (at <= 0) return undefined;
  const opening = content.slice(0, at);
  if (
    /\b(i|we|you|he|she|they|is|are|was|were|am|has|have|had|does|did)\b/.test(
      words(opening).join(" "),
    )
  ) return undefined;
  const head = terms(opening);
  return head.length > 0 && head.length <= HEAD_TERMS ? head : undefined;
}

Deno.test("a long opening is read only as far as it takes to see it is no head (attack38 A2)", () => {
  assert.equal(HEAD_READ, 64);
  let read = 0;
  const counting = (text: string) => (read += text.length, words(text));
  // 10,000 characters of content words before a colon at the end (a search asks this of each of
  // up to 500 candidates: 2.4 s a search when each read its whole opening).
  const prose = Array.from({ length: 1_500 }, (_, i) => `word${i}`).join(" ") + ": garden";
  assert.equal(readNoteHead(prose, { words: counting }), undefined);
  // The first prefix ends at the first space from HEAD_READ on: the word it cuts is read whole.
  assert.ok(read > 0 && read <= HEAD_READ + "word1499".length, `${read} characters read`);
  // A clause word refuses it as soon as it is read, wherever the fifth term would come.
  read = 0;
  const clause = "my old I " + "the ".repeat(2_000) + "bees: many";
  assert.equal(readNoteHead(clause, { words: counting }), undefined);
  assert.ok(read <= HEAD_READ + "the".length, `${read} characters read`);
  // Read twice as far each time: a head of four words after 100 stop words is found whole.
  read = 0;
  const far = "the ".repeat(100) + "kids' old school bus: the 47";
  assert.deepEqual(readNoteHead(far, { words: counting }), terms("kids' old school bus"));
  // 64, 128 and 256 characters (each to the end of the word it cuts), then the whole opening.
  assert.ok(read <= 64 + 128 + 256 + 3 * "the".length + far.length, `${read} characters read`);
  const lengths: number[] = [];
  readNoteHead(far, { words: (text) => (lengths.push(text.length), words(text)) });
  assert.deepEqual(lengths, [64 + 3, 128 + 3, 256 + 3, far.indexOf(":")]);
  // Any white space ends a prefix, a line break as a space does.
  lengths.length = 0;
  const lines = far.replaceAll(" ", "\n");
  readNoteHead(lines, { words: (text) => (lengths.push(text.length), words(text)) });
  assert.deepEqual(lengths, [64 + 3, 128 + 3, 256 + 3, lines.indexOf(":")]);
});

Deno.test("a prefix is cut at a space, never inside a word that a clause word begins", () => {
  // "haddock" straddles HEAD_READ: cut there, its first letters would read as "had", a clause
  // word, and refuse a head of three content words.
  const content = `${"x".repeat(45)} ${"y".repeat(14)} haddock: smoked, from the market`;
  assert.equal(content.indexOf("haddock"), HEAD_READ - "had".length);
  assert.deepEqual(readNoteHead(content), terms(content.slice(0, content.indexOf(":"))));
  assert.equal(readNoteHead(content)?.length, 3);
});

Deno.test("noteHead read in prefixes finds the heads a reading of the whole opening finds", () => {
  const pieces = [
    "the",
    "of",
    "Tom's",
    "dentist",
    "I",
    "was",
    "kids'",
    "école",
    "für",
    "Straße",
    "東京都庁",
    "lol",
    "bday",
    "a",
    "new",
    "—",
    "-",
    "->",
    "→",
    "=",
    ":",
    "27:52",
    "5-a-side",
    "🦊",
    "мама",
    "  ",
    "\n",
    "x".repeat(70),
    "is",
    "car",
  ];
  let seed = 38;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 3_000; i++) {
    const count = 1 + Math.floor(next() * 60);
    const content = Array.from({ length: count }, () => pieces[Math.floor(next() * pieces.length)])
      .join(next() < 0.8 ? " " : "  ");
    assert.deepEqual(readNoteHead(content), wholeOpening(content), JSON.stringify(content));
  }
});
