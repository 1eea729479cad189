/**
 * Names that only own someone else: "Leo's friend got a 9 in the maths mock" names Leo as the
 * friend's possessor, not as the one the memory is about, so it does not answer "What did Leo
 * get in his maths mock?" as a memory about Leo would. English marks it plainly: a capitalised
 * name with a possessive "'s" (or "s'") before a word of relation (a family member, a friend, a
 * partner, a neighbour), at most one word between ("Priya's best friend", "Tom's older sister").
 *
 * A query that asks about a relation of the same name ("Who's Priya's partner?") is about the
 * name's circle, and then such a memory ("Priya's partner Ewan ...", "Priya's boyfriend ...")
 * holds the name.
 *
 * @module
 */
import { KIN_WORDS } from "./query_kin.ts";
import { stem, terms, words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";
import { termsOf } from "./terms_memo.ts";

/**
 * Words of a relation to a person: {@linkcode KIN_WORDS} and the people of one's private life
 * (friends, partners, neighbours, flatmates). Roles tied to a person's own affairs (teacher,
 * boss, doctor) are not among them: "Leo's chemistry teacher sets a quiz" is about Leo's
 * chemistry.
 */
export const RELATION_WORDS: ReadonlySet<string> = new Set([
  ...KIN_WORDS,
  ...("friend friends bestie buddy pal mate partner partners boyfriend girlfriend fiance fiancee " +
    "ex neighbour neighbours neighbor neighbors flatmate flatmates roommate roommates housemate " +
    "housemates classmate classmates").split(" "),
]);

/** A relation's owner, as terms: "Leo's best friend" is `{ owner: "leo", relation: "friend" }`. */
export interface OwnedRelation {
  owner: string;
  relation: string;
}

/**
 * A capitalised word with a possessive ending, then one or two words (read ahead: "Who's
 * Priya's"). The word starts with its capital ("mcKenzie's" is no name): a match tried from
 * every capital inside a run of capitals read the run again from each (attack36 A5: 0.7 s for
 * one 10,000-character memory of "AAA…" after an apostrophe, once per memory a search reads).
 */
const POSSESSED =
  /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{N}]*)(?:['’]s|s['’]|['’])(?=[^\S\r\n]+(\p{L}+)(?:[^\S\r\n]+(\p{L}+))?)/gu;

function relationTerm(word: string | undefined): string | undefined {
  if (word === undefined) return undefined;
  const folded = words(word)[0];
  return folded !== undefined && RELATION_WORDS.has(folded) ? stem(folded) : undefined;
}

/**
 * Articles and possessive determiners. A possessive "'s" is itself the determiner of the noun
 * after it ("Kav's sister") and takes none of these after it, so "'s" before one is the clitic
 * copula: "Kav's my ex", "Kav's a teacher" say what Kav is, and own nothing.
 */
export const DETERMINERS: ReadonlySet<string> = new Set(
  "a an my our the his her their".split(" "),
);

/**
 * The relations `text` gives an owner's name ("Leo's friend", "Priya's best friend"): the word
 * right after the possessive, or the one after that ("best friend"); none after a clitic "is"
 * ("Priya's my best friend": {@linkcode DETERMINERS}).
 */
export function ownedRelations(text: string): OwnedRelation[] {
  if (!text.includes("'") && !text.includes("’")) return [];
  const found: OwnedRelation[] = [];
  for (const match of text.matchAll(POSSESSED)) {
    if (DETERMINERS.has(words(match[2]!)[0] ?? "")) continue;
    const owner = terms(match[1]!)[0];
    const relation = relationTerm(match[2]) ?? relationTerm(match[3]);
    if (owner !== undefined && relation !== undefined) found.push({ owner, relation });
  }
  return found;
}

const NO_NAMES: ReadonlySet<string> = new Set();

/**
 * The names `text` holds only as owners of relations ({@linkcode ownedRelations}: as often as
 * it gives them one, and nowhere else), remembered: each candidate of a search asks it of each
 * name the query and its relation bridges hold (`relation_expansion.ts`), so a long text of
 * possessives is read once, not once a name a candidate (attack36 A2: 500 candidates of "Kuba's
 * friend" ×700 read each text twice a search).
 */
const ownerOnlyNames = rememberedByText((text): ReadonlySet<string> => {
  const owned = new Map<string, number>();
  for (const { owner } of ownedRelations(text)) owned.set(owner, (owned.get(owner) ?? 0) + 1);
  if (owned.size === 0) return NO_NAMES;
  const held = new Map<string, number>();
  for (const term of terms(text)) if (owned.has(term)) held.set(term, (held.get(term) ?? 0) + 1);
  const only = new Set<string>();
  for (const [owner, times] of owned) if ((held.get(owner) ?? 0) <= times) only.add(owner);
  return only;
});

/**
 * Whether `content` holds the name `name` (a term) as what it is about, for a query whose own
 * owned relations are `asked` ({@linkcode ownedRelations} of the query): it holds the name
 * somewhere other than as the owner of a relation, or the query asks about a relation of it.
 */
export function holdsName(
  content: string,
  name: string,
  asked: readonly OwnedRelation[] = [],
): boolean {
  if (!termsOf(content).includes(name)) return false;
  if (!ownerOnlyNames(content).has(name)) return true;
  // A query about one of the name's relations is about its circle: "Who's Priya's partner?" is
  // answered by "Priya's boyfriend Ewan ..." too.
  return asked.some((pair) => pair.owner === name);
}

/** A query's names as a set, made once a query (by its array, made again if it grew). */
const nameSets = new WeakMap<readonly string[], { length: number; set: ReadonlySet<string> }>();

/**
 * Whether `content` holds one of `names` ({@linkcode holdsName} of each): the text's terms are
 * looked up among the names, once, rather than searched for each name (a question of 200 names
 * read a memory's 1,500 terms 200 times, attack40 N1); only a name it holds is read further.
 */
export function holdsSomeName(
  content: string,
  names: readonly string[],
  asked: readonly OwnedRelation[] = [],
): boolean {
  if (names.length === 0) return false;
  let made = nameSets.get(names);
  if (made === undefined || made.length !== names.length) {
    made = { length: names.length, set: new Set(names) };
    nameSets.set(names, made);
  }
  const wanted = made.set;
  const held = termsOf(content).filter((term) => wanted.has(term));
  if (held.length === 0) return false;
  const owners = ownerOnlyNames(content);
  return held.some((name) => !owners.has(name) || asked.some((pair) => pair.owner === name));
}
