/**
 * Kinship words in word alignment. Kinship is a closed class of English whose members word
 * vectors blur: "sister", "brother", "daughter", "cousin" and "grandmother" are each other's
 * nearest words (cosines of 0.6 to 0.8, a full match from `ALIGNMENT_FULL`), so "my sister"
 * answered "What does my brother do?" as fully as "my brother" did, and of a question about two
 * relatives ("my uncle and my brother") each relative's memories answered both. A class word
 * ("siblings", "parents") matched its own members no better than any relative ("siblings":
 * "brother" 0.54, "daughter" 0.63).
 *
 * So a kinship word of a query ({@linkcode kinTerm}):
 * - matches the words of its own meaning in full: its forms and everyday synonyms ("mother",
 *   "mum", "mom"), and for a class word its members ("siblings": brothers and sisters; "parents":
 *   mothers and fathers; "grandparents", "grandchildren", "spouse");
 * - matches every other kinship word as a kind ({@linkcode KIN_OTHER_SIMILARITY}, WordNet's
 *   hyponym cosine, half a match): a relative is some answer to a question about another, never
 *   a full one.
 *
 * "child", "children", "kid" and "kids" take sons and daughters as near members
 * ({@linkcode KIN_MEMBER_SIMILARITY}, between a kind and a close relative, below a literal match):
 * with them as full members, "How many kids are in our family?" ranked every memory of a daughter
 * above the one about the third child (recall set 4); as mere kinds, "Tell me about my kids" put
 * "I stopped piano as a child" and every other relative's memories on a par with "My son Noah".
 * "relative(s)" takes every kinship word so: any relative is one, but the word said literally
 * still counts more. "family" and "relation(s)" are no kinship words here ("family" as a class
 * lowered recall set 4's unlinked updates): every relative answers them by their vectors.
 *
 * @module
 */
import { stem } from "../text.ts";
import { KIND_SIMILARITY } from "./word_relations.ts";

/** The cosine a kinship word of the query counts as with a kinship word of another meaning. */
export const KIN_OTHER_SIMILARITY = KIND_SIMILARITY;

/**
 * The cosine a kinship class word counts as with a near member ("kids": "son"): more than any
 * other relative ({@linkcode KIN_OTHER_SIMILARITY}), less than the word itself.
 */
export const KIN_MEMBER_SIMILARITY = 0.5;

/** Words of one meaning: a kinship word, its plural, its everyday synonyms. */
const MEANINGS: readonly string[] = [
  "mother mothers mum mums mom moms mummy mommy mama",
  "father fathers dad dads daddy papa",
  "brother brothers",
  "sister sisters",
  "son sons",
  "daughter daughters",
  "child children kid kids",
  "grandmother grandmothers grandma granny gran nan nana",
  "grandfather grandfathers grandpa granddad grandad",
  "grandson grandsons",
  "granddaughter granddaughters",
  "grandchild grandchildren",
  "cousin cousins",
  "uncle uncles",
  "aunt aunts auntie",
  "niece nieces",
  "nephew nephews",
  "husband husbands",
  "wife wives",
  "sibling siblings",
  "parent parents",
  "grandparent grandparents",
  "spouse spouses",
];

/** Every kinship word as written (folded), for a quick test before a word is stemmed. */
export const KIN_FORMS: ReadonlySet<string> = new Set(
  [...MEANINGS.flatMap((line) => line.split(" ")), "relative", "relatives"],
);

/** The meanings (by their first word) a class word's members have. */
const MEMBERS: Readonly<Record<string, readonly string[]>> = {
  sibling: ["brother", "sister"],
  parent: ["mother", "father"],
  grandparent: ["grandmother", "grandfather"],
  grandchild: ["grandson", "granddaughter"],
  spouse: ["husband", "wife"],
};

/** The meanings (by their first word) a class word's near members have. */
const NEAR_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  child: ["son", "daughter"],
};

/** Class words whose near members are every kinship word (and no kinship words themselves). */
const RELATIVE_WORDS = ["relative", "relatives"];

/** What a kinship word of a query matches. */
export interface KinTerm {
  /** The stems it matches in full (its meaning's words; a class word's members'). */
  same: ReadonlySet<string>;
  /** The stems of every other kinship word: each a match of {@linkcode KIN_OTHER_SIMILARITY}. */
  others: ReadonlySet<string>;
  /** A class word's members' stems (none for another word). */
  members: ReadonlySet<string>;
  /** A class word's near members' stems: each a match of {@linkcode KIN_MEMBER_SIMILARITY}. */
  near: ReadonlySet<string>;
}

const meaningOf = new Map<string, readonly string[]>();
for (const line of MEANINGS) {
  const meaning = line.split(" ");
  for (const word of meaning) meaningOf.set(stem(word), meaning);
}

const terms = new Map<string, KinTerm>();
for (const [wordStem, meaning] of meaningOf) {
  const same = new Set(meaning.map((word) => stem(word)));
  const members = new Set<string>();
  for (const member of MEMBERS[meaning[0]!] ?? []) {
    for (const word of meaningOf.get(stem(member))!) members.add(stem(word));
  }
  for (const member of members) same.add(member);
  const near = new Set<string>();
  for (const member of NEAR_MEMBERS[meaning[0]!] ?? []) {
    for (const word of meaningOf.get(stem(member))!) near.add(stem(word));
  }
  const others = new Set(
    [...meaningOf.keys()].filter((other) => !same.has(other) && !near.has(other)),
  );
  terms.set(wordStem, { same, others, members, near });
}

const kinStems: ReadonlySet<string> = new Set(meaningOf.keys());
for (const word of RELATIVE_WORDS) {
  const wordStem = stem(word);
  terms.set(wordStem, {
    same: new Set([wordStem]),
    others: new Set(),
    members: new Set(),
    near: kinStems,
  });
}

/** The kinship term of a stem (its analysed form: `stem`), if it is one. */
export function kinTerm(wordStem: string): KinTerm | undefined {
  return terms.get(wordStem);
}
