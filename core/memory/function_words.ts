/**
 * Closed classes of English function words that several question and sentence readers share
 * (`several_facts.ts`, `broad_deeds.ts`, `fact_events.ts`, `word_class.ts`), each reader adding
 * the few words its own shape needs. Closed classes: English adds no new auxiliary or possessive,
 * so the lists are whole, not tuned to any text.
 *
 * @module
 */

/**
 * The finite auxiliaries that open or carry a question's clause: the present and past forms of
 * "be", "do" and "have", and the modals "will", "would", "can", "could", "should" ("what pets
 * *do* we have", "what *have* I done", "what car *do* I drive"). Cut forms ("s", "re", "ve") and
 * the rarer modals ("must", "may", "shall") are left to the readers that take them.
 */
export const FINITE_AUXILIARIES: ReadonlySet<string> = new Set([
  "do",
  "does",
  "did",
  "have",
  "has",
  "had",
  "am",
  "is",
  "are",
  "was",
  "were",
  "will",
  "would",
  "can",
  "could",
  "should",
]);

/**
 * The auxiliaries and modals written as one word without the apostrophe, as texting does ("im",
 * "dont", "cant"): a clause holding one has its verb.
 */
export const FUSED_AUXILIARIES: ReadonlySet<string> = new Set(
  "im ive dont didnt doesnt cant".split(" "),
);

/**
 * Third persons' pronouns, possessives and reflexives ("he", "her", "theirs", "themselves"): a
 * clause holding one tells of someone else.
 */
export const THIRD_PERSONS: ReadonlySet<string> = new Set(
  "he him his himself she her hers herself they them their theirs themselves".split(" "),
);

/**
 * The possessive determiners of persons ("my kids", "our house", "their dog"): a noun phrase
 * opens with one. "Its" is left to the readers that take a thing's possession.
 */
export const PERSONAL_POSSESSIVES: ReadonlySet<string> = new Set([
  "my",
  "our",
  "your",
  "his",
  "her",
  "their",
]);

/**
 * The personal pronouns that stand for a whole noun phrase, subject or object ("tell me about my
 * kids", "we met at uni"): a closed class. A noun phrase never holds one, a clause does. "Her"
 * is left out: it is a possessive too ({@linkcode PERSONAL_POSSESSIVES}).
 */
export const PERSONAL_PRONOUNS: ReadonlySet<string> = new Set([
  "i",
  "me",
  "you",
  "we",
  "us",
  "he",
  "him",
  "she",
  "they",
  "them",
  "it",
]);

/**
 * The words that open a question of its own ("what should we", "about our house, who owns it"):
 * English's interrogative pro-forms, a closed class.
 */
export const QUESTION_WORDS: ReadonlySet<string> = new Set([
  "who",
  "whom",
  "whose",
  "what",
  "which",
  "where",
  "when",
  "why",
  "how",
]);

/**
 * The personal pronouns in the object case alone ("me", "us", "him", "them"): a word right
 * before one is a verb or a preposition taking it ("what keeps me awake", "what bugs us"), never
 * a noun heading its phrase. "Her" is left out (a possessive too: "which pal her mum likes"), and
 * "you" and "it" (subjects too: "which film you liked").
 */
export const OBJECT_PRONOUNS: ReadonlySet<string> = new Set(["me", "us", "him", "them"]);

/**
 * Stop words that stand before a noun as its determiner ("which other city", "what few friends"):
 * after "what" or "which" they keep the noun further on the asked thing (`answerType`), where any
 * other function word makes "what" a pronoun ("what was my job").
 */
export const PRENOMINAL_DETERMINERS: ReadonlySet<string> = new Set([
  "other",
  "same",
  "few",
  "more",
  "most",
  "all",
  "both",
  "each",
  "some",
  "any",
  "such",
  "own",
]);
