import assert from "node:assert/strict";
import { hashedFeatures } from "./embedder.ts";
import { terms, words } from "./text.ts";
import { foldUnicode, PREFIX_MARK, setSegmenterForTests } from "./text_unicode.ts";

/**
 * Whether `memory` holds `query`'s terms: all of them, or for a word with bigrams or prefixes
 * (남동생 in 남동생은, бабушки for бабушка: the word itself is not a term there) at least one of
 * its bigrams or prefixes.
 */
function findsBy(memory: string, query: string): boolean {
  const held = new Set(terms(memory));
  const asked = terms(query);
  const parts = asked.filter((term) => term.endsWith(PREFIX_MARK) || [...term].length === 2);
  return asked.length > 0 &&
    (asked.every((term) => held.has(term)) || parts.some((term) => held.has(term)));
}

/** Memories and a word a user would type to find each (a substring of it). */
const FOUND_BY: ReadonlyArray<readonly [string, string]> = [
  ["我最喜欢的水果是苹果，每天早上都吃一个。", "苹果"],
  ["我最喜欢的水果是苹果，每天早上都吃一个。", "水果"],
  ["我的妹妹住在上海，她是一名医生。", "上海"],
  ["我的妹妹住在上海，她是一名医生。", "医生"],
  ["私の猫の名前はミケです。東京に住んでいます。", "猫"],
  ["私の猫の名前はミケです。東京に住んでいます。", "ミケ"],
  ["私の猫の名前はミケです。東京に住んでいます。", "東京"],
  ["来週の月曜日に歯医者の予約があります。", "歯医者"],
  ["来週の月曜日に歯医者の予約があります。", "医者"],
  ["ฉันชอบกินทุเรียนมากที่สุดในโลก", "ทุเรียน"],
  ["ខ្ញុំចូលចិត្តញ៉ាំបាយ", "បាយ"],
  ["제 남동생은 부산에서 요리사로 일해요.", "부산"],
  ["제 남동생은 부산에서 요리사로 일해요.", "남동생"],
  ["मुझे दाल पसंद है", "दाल"],
  ["Моя бабушка живёт в Новосибирске.", "бабушки"],
  ["Моя бабушка живёт в Новосибирске.", "Новосибирск"],
  ["Η γιαγιά μου μένει στη Θεσσαλονίκη.", "Θεσσαλονίκης"],
  ["Ich wohne in der Großstraße.", "GROSSSTRASSE"],
  ["Ich trinke gern Weißbier.", "Weissbier"],
  ["İstanbul'da yaşıyorum ve ISPARTA'dan geldim.", "ısparta"],
  ["İstanbul'da yaşıyorum ve ISPARTA'dan geldim.", "ISTANBUL"],
  ["J'adore le café crème à Montréal.", "CAFE creme montreal"],
  ["Pizza night 🍕 with the family", "🍕"],
  ["Coding all night 👩🏽‍💻", "👩‍💻"],
];

Deno.test("a memory is found by a word inside it, in scripts with and without spaces", () => {
  const missed = FOUND_BY.filter(([memory, query]) => !findsBy(memory, query));
  assert.deepEqual(missed, []);
});

Deno.test("scripts without spaces are segmented; Han, kana and Hangul words add their bigrams", () => {
  assert.deepEqual(words("我的妹妹住在上海。"), ["我的", "妹妹", "住在", "上海"]);
  assert.deepEqual(words("ฉันชอบกินทุเรียน"), ["ฉัน", "ชอบ", "กิน", "ทุเรียน"]);
  assert.deepEqual(terms("歯医者"), ["歯医者", "歯医", "医者"]);
  assert.deepEqual(terms("부산에서"), ["부산에서", "부산", "산에", "에서"]);
  assert.deepEqual(terms("上海"), ["上海"], "two characters: the word is its only bigram");
  // Latin words beside them keep their own rules (apostrophes split, Porter stems).
  assert.deepEqual(words("I'm moving to 東京 soon"), ["i", "m", "moving", "to", "東京", "soon"]);
});

Deno.test("without a segmenter a Han or kana run stays whole and its bigrams still find words", () => {
  setSegmenterForTests(null);
  try {
    assert.deepEqual(words("我的妹妹住在上海"), ["我的妹妹住在上海"]);
    assert.ok(findsBy("我的妹妹住在上海，她是一名医生。", "上海"));
    assert.ok(findsBy("私の猫の名前はミケです。", "名前"));
  } finally {
    setSegmenterForTests(undefined);
  }
  assert.deepEqual(words("我的妹妹"), ["我的", "妹妹"], "segmented again");
});

Deno.test("accents of Latin, Greek and Cyrillic letters go; other scripts' marks stay", () => {
  assert.deepEqual(words("Café, naïve — ÉLAN! Zürich's Ångström"), [
    "cafe",
    "naive",
    "elan",
    "zurich",
    "s",
    "angstrom",
  ]);
  assert.deepEqual(words("Άθήνα живёт"), ["αθηνα", "живет"]);
  // Vowel signs, tone marks and voicing marks make other words.
  const hindi = words("दिल दाल दल");
  assert.equal(new Set(hindi).size, 3, `${hindi}`);
  assert.deepEqual(words("ば ぱ は"), ["ば", "ぱ", "は"]);
  assert.deepEqual(words("です"), ["です"]);
  assert.deepEqual(words("ไก่ ไก"), ["ไก่", "ไก"]);
  // Korean stays in syllables (NFKD's jamo recomposed).
  assert.deepEqual(words("부산"), ["부산"]);
  // Marks with no letter before them are no word.
  assert.deepEqual(words("\u0301\u0301 x\u0301"), ["x"]);
  assert.deepEqual(words("4\u0301"), ["4"]);
});

Deno.test("ß, dotless ı, dotted İ and final ς fold as a user expects, in every locale", () => {
  assert.equal(foldUnicode("Großstraße ẞ"), "grossstrasse ss");
  assert.deepEqual(words("ISPARTA ısparta İSTANBUL istanbul"), [
    "isparta",
    "isparta",
    "istanbul",
    "istanbul",
  ]);
  assert.deepEqual(words("ΣΟΦΙΑΣ σοφίας"), ["σοφιασ", "σοφιασ"]);
});

Deno.test("each emoji and flag is a word; skin tones and joiners are not", () => {
  assert.deepEqual(words("Pizza 🍕👨‍👩‍👧 🇳🇴 👩🏽‍💻"), ["pizza", "🍕", "👨", "👩", "👧", "🇳🇴", "👩", "💻"]);
  assert.deepEqual(terms("🍕"), ["🍕"]);
});

Deno.test("a text without a word gets hashed features of its characters, not zeros", () => {
  for (const text of ["?!", "\u0301\u0301", "—"]) {
    assert.ok(hashedFeatures(text, 100).some((value) => value !== 0), text);
  }
  assert.ok(hashedFeatures("   ", 100).every((value) => value === 0), "white space only");
});

Deno.test("Greek, Cyrillic, Armenian and Georgian words add their first 5, 6 and 7 letters", () => {
  assert.deepEqual(terms("бабушки"), ["бабушки", "бабуш…", "бабушк…", "бабушки…"]);
  assert.deepEqual(terms("брат"), ["брат"], "under five letters: the word alone");
  assert.deepEqual(terms("coffee"), ["coffe"], "Latin words: Porter only");
  const shared = (a: string, b: string) => terms(a).filter((term) => terms(b).includes(term));
  // A longer shared beginning shares more terms: Новосибирск is nearer Новосибирске than новости.
  assert.ok(shared("новосибирск", "новосибирске").length > shared("новосибирск", "новости").length);
});
