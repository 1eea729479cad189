import assert from "node:assert/strict";
import { memoryWords } from "./memory_words.ts";
import { phraseTerms } from "./phrase_terms.ts";
import { isContentWord, stem, words } from "../text.ts";
import type { PreparedWord } from "./prepared_word.ts";

/** What `WordVectors.contentWords` read before: each content word once, then `phraseTerms`. */
function twoPasses(text: string): { words: string[]; terms: string[] } {
  const distinct = [...new Set(words(text).filter(isContentWord))];
  return { words: distinct, terms: phraseTerms(text) };
}

const prepare = (word: string): PreparedWord => ({ word, stem: stem(word), unit: undefined });

const TEXTS = [
  "I take a pill for high blood pressure every morning.",
  'The soup was hot. Dog walkers came by; hot dog stands (three!) were "closed".',
  "...Leading breaks, then words",
  "Trailing breaks and doubled ones!!! ?? ,, end.",
  "Mixed CASE Words and numbers 3.5 and 42, re-used words: words words.",
  "A clause of stop words: the and of. Then content",
  "Tabs\tand\nnew lines; brackets [like these] and - dashes - and 'quotes'",
  "",
  "!!!",
  "Hot. the. Dog",
  "Café au lait, naïve résumé: Ωμέγα.", // not ASCII: read as before
];

Deno.test("memoryWords reads a text's content words and phrase terms as two passes did", () => {
  for (const text of TEXTS) {
    const asked: string[] = [];
    const found = memoryWords(text, (word) => {
      asked.push(word);
      return prepare(word);
    });
    const expected = twoPasses(text);
    assert.deepEqual(found.words.map((item) => item.word), expected.words, text);
    assert.deepEqual(found.terms, expected.terms, text);
    assert.deepEqual(asked, expected.words, `each distinct content word prepared once: ${text}`);
  }
});

Deno.test("memoryWords takes the terms' stems from the prepared words", () => {
  const found = memoryWords("Running runners run. Running", (word) => ({
    word,
    stem: `stem:${word}`,
    unit: undefined,
  }));
  assert.deepEqual(found.terms, ["stem:running", "stem:runners", "stem:run", "", "stem:running"]);
});
