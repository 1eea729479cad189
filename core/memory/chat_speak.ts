/**
 * Texting spellings read as the words they stand for, by the one analyser (`text.ts`), so a
 * memory and a query meet whichever way each was typed: "bday" is "birthday", "bf" is
 * "boyfriend", "ebike" is "e bike" as "e-bike" is, "im" and "dont" are "i am" and "do not"
 * (stop words), and discourse markers ("lol", "tbh", "ngl") say nothing a memory is about.
 * The lexicon is `chat_speak.gen.json`, made by `gen_chat_speak.ts` from `@stdlib/nlp`'s chat
 * acronyms and contractions plus common texting forms; forms that are also ordinary words
 * ("ill", "well", "were", "its") or abbreviations ("rn", "bc", "atm", "msg": WordNet lemmas with
 * senses of their own) are not in it. Since analyser 4 it also holds dialect and texting
 * spellings of function words (`chat_dialect.gen.json`: Scots "dae", "tae", "aboot", "cannae";
 * texting "wot", "frm"), each standing for stop words only.
 *
 * @module
 */
import lexicon from "./chat_speak.gen.json" with { type: "json" };
import dialect from "./chat_dialect.gen.json" with { type: "json" };

/** Each spelling of `source` with the words it stands for (none for a discourse marker). */
function entries(source: Record<string, string>): [string, readonly string[]][] {
  return Object.entries(source).map((
    [word, expansion],
  ) => [word, Object.freeze(expansion === "" ? [] : expansion.split(" "))]);
}

/**
 * Each texting or dialect spelling and the words it stands for (none for a discourse marker):
 * analyser 3's lexicon and the function-word spellings analyser 4 added.
 */
export const CHAT_SPEAK: ReadonlyMap<string, readonly string[]> = new Map([
  ...entries(lexicon as Record<string, string>),
  ...entries(dialect as Record<string, string>),
]);

/**
 * The spellings analyser 4 (`ANALYSER_VERSION`, `text.ts`) added to the lexicon: the texts that
 * hold one are the ones version 4 reads differently from version 3 (its migrations, the stale
 * marks of Chroma's vectors).
 */
export const DIALECT_SPEAK: ReadonlySet<string> = new Set(Object.keys(dialect));

/**
 * Spellings that are also nouns ("the cant of politics", "as was his wont"): read as
 * contractions unless a determiner or possessive comes just before them.
 */
export const ALSO_NOUNS: ReadonlySet<string> = new Set(["cant", "wont"]);

/** Words before which "cant" and "wont" are the nouns. */
const DETERMINERS = new Set([
  "a",
  "an",
  "the",
  "this",
  "that",
  "his",
  "her",
  "their",
  "its",
  "our",
  "my",
  "your",
  "of",
  "such",
  "no",
]);

/**
 * The words the `at`-th of `folded` (the analyser's words, in order) stands for when it is a
 * texting spelling there, else undefined.
 */
export function chatSpeakAt(folded: readonly string[], at: number): readonly string[] | undefined {
  const word = folded[at]!;
  const spoken = CHAT_SPEAK.get(word);
  if (spoken === undefined) return undefined;
  if (ALSO_NOUNS.has(word) && at > 0 && DETERMINERS.has(folded[at - 1]!)) return undefined;
  return spoken;
}

/**
 * `folded` (the analyser's words, in order) with each texting or dialect spelling replaced by
 * the words it stands for ({@linkcode chatSpeakAt}): "wot are ur pets" reads "what are your pets",
 * so a question's shape is read on the words it means.
 */
export function spokenWords(folded: readonly string[]): string[] {
  const plain: string[] = [];
  for (let at = 0; at < folded.length; at++) {
    const spoken = chatSpeakAt(folded, at);
    if (spoken) plain.push(...spoken);
    else plain.push(folded[at]!);
  }
  return plain;
}

/**
 * The texting spellings that never carry content (every word they stand for is one of
 * `stopwords`), whatever surrounds them: "lol", "im", "dont". Not the two that are also nouns.
 */
export function chatFunctionWords(stopwords: ReadonlySet<string>): ReadonlySet<string> {
  const found = new Set<string>();
  for (const [word, spoken] of CHAT_SPEAK) {
    if (!ALSO_NOUNS.has(word) && spoken.every((one) => stopwords.has(one))) found.add(word);
  }
  return found;
}

/**
 * An SQLite condition true when the text `column` holds a word of the lexicon (ASCII letters and
 * digits, any case): the memories whose analysis the lexicon changed (`sqlite_migrations.ts`).
 */
export function chatSpeakGlob(column: string): string {
  const padded = `(' ' || lower(${column}) || ' ')`;
  return [...CHAT_SPEAK.keys()].map((word) => `${padded} GLOB '*[^a-z0-9]${word}[^a-z0-9]*'`)
    .join(" OR ");
}

/**
 * The PostgreSQL pattern of {@linkcode chatSpeakGlob}, for `lower(content) ~ …`: a whole word of
 * `spellings` (the whole lexicon unless given).
 */
export function chatSpeakPattern(spellings: Iterable<string> = CHAT_SPEAK.keys()): string {
  return `(^|[^a-z0-9])(${[...spellings].join("|")})($|[^a-z0-9])`;
}
