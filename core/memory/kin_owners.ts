/**
 * Whose relative a family word names. A question about the speaker's own ("where does my nan
 * live", "what does my mum do") is not answered by a memory whose every word of that relative is
 * another person's: "Leah's nan lives in Gorton", "jakes mum makes a lasagne". Texting drops the
 * apostrophe ("leahs nan"), so a word ending in "s" before a family word is read as a
 * possessive when its stem is a name: written capitalised there ("Leahs nan"), a name the
 * search's memories write (`written_names.ts`: "Leah" in "User's best mate Leah ..."), or one
 * they write as a relative's possessor ("leah's mum"; {@linkcode kinOwnership}). Not a verb ("jake visits nan": "visit" is no name) and not a relative's own
 * ("my mums sister", "dads birthday": the speaker's family). Such a memory loses
 * {@linkcode KIN_OTHERS} of its score.
 *
 * @module
 */
import { KIN_FORMS, kinTerm } from "./meaning/kin_terms.ts";
import { TYPO_MIN_LETTERS } from "./meaning/typo_forms.ts";
import { typoApart } from "./meaning/typo_pairs.ts";
import { isContentWord, stem, words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";
import { asciiWords } from "./query_words.ts";

/** The share of its score a memory loses when the asked relative is only someone else's. */
export const KIN_OTHERS = 0.2;

/** Words that make a family word the speaker's own. */
const MINE: ReadonlySet<string> = new Set(["my", "our"]);
/** Possessors that are the speaker (a memory layer's "the user's mum"). */
const SPEAKER: ReadonlySet<string> = new Set(["user", "users"]);
const TOKEN = /[\p{L}\p{N}'’]+/gu;
const WITH_APOSTROPHE = /^(\p{L}+)(?:['’]s|s['’]|['’])$/u;
const WITHOUT_APOSTROPHE = /^(\p{L}{2,})s$/u;
/** Someone else's possessive pronouns, folded ("thier": a slip of "their"). */
const PRONOUNS: ReadonlyMap<string, string> = new Map([
  ["his", "his"],
  ["her", "her"],
  ["their", "their"],
  ["thier", "their"],
]);
/** Stems of people who are no relatives, whose relatives are theirs ("my friends mum"). */
const PEOPLE: readonly string[] =
  ("friend mate pal bestie buddy neighbour neighbor boss colleague " +
    "flatmate roommate housemate boyfriend girlfriend bf gf partner classmate workmate coworker")
    .split(" ").map((word) => stem(word));

/** One family word of a text: its stem, and who owns it. */
export interface KinOwner {
  stem: string;
  /** "my" or "our" before it. */
  mine: boolean;
  /** A possessive with an apostrophe before it, of someone who is no relative: its stem. */
  marked?: string;
  /** A word in "s" before it, without an apostrophe: its stem (a name or not). */
  bare?: string;
  /** Whether {@linkcode bare} is written capitalised (not as the text's first word). */
  capitalised: boolean;
  /**
   * The stem of the word before when it is a person's who is no relative, with an apostrophe or
   * not, even after "my" ("my friends mum", "my freinds mum", "my boss's wife"): theirs.
   */
  person?: string;
  /**
   * "his", "her" or "their" before it ("Leah and her mum"), unless the text said the speaker
   * before ("User plans to visit his sister": a memory layer's voice of the user).
   */
  pronoun?: string;
  /** Where the family word starts in the text. */
  at: number;
}

/** The possessor of `token` (a word before a family word), if it may be a person's possessive. */
function possessorOf(token: string): { stem: string; marked: boolean } | undefined {
  const marked = WITH_APOSTROPHE.exec(token);
  const match = marked ?? WITHOUT_APOSTROPHE.exec(token);
  if (!match) return undefined;
  // A word in "ss" is whole ("jess mum", "ross dad"): no "s" of a possessive to take off.
  const folded = words(marked || !/ss$/iu.test(token) ? match[1]! : token)[0] ?? "";
  // A relative's own relative is the speaker's family; "his", "its" are no possessives.
  if (KIN_FORMS.has(folded) || SPEAKER.has(folded) || !isContentWord(words(token)[0] ?? "")) {
    return undefined;
  }
  return { stem: stem(folded), marked: marked !== null };
}

/**
 * The family words of `text` and their owners, remembered by text (most texts have none); also
 * read by `class_members.ts` (whose a class word's member is).
 */
export const kinOwners: (text: string) => readonly KinOwner[] = rememberedByText((text) => {
  const folded = asciiWords(text);
  if (folded !== undefined && !folded.some((word) => KIN_FORMS.has(word))) return [];
  const matches = [...text.matchAll(TOKEN)];
  const tokens = matches.map((match) => match[0]);
  const found: KinOwner[] = [];
  let speaker = false;
  for (let i = 0; i < tokens.length; i++) {
    const word = words(tokens[i]!)[0] ?? "";
    speaker ||= SPEAKER.has(word);
    if (!KIN_FORMS.has(word) || kinTerm(stem(word)) === undefined) continue;
    const before = [i - 1, i - 2].filter((at) => at >= 0).map((at) => tokens[at]!);
    const mine = before.some((token) => MINE.has(words(token)[0] ?? ""));
    const at = matches[i]!.index;
    const use: KinOwner = { stem: stem(word), mine, capitalised: false, at };
    const token = before[0];
    const owner = token === undefined ? undefined : possessorOf(token);
    if (owner !== undefined && isPerson(owner.stem)) use.person = owner.stem;
    const pronoun = before.map((token) => words(token)[0] ?? "").find((word) =>
      MINE.has(word) || PRONOUNS.has(word)
    );
    if (!speaker && !use.person && pronoun !== undefined) use.pronoun = PRONOUNS.get(pronoun);
    const possessor = mine ? undefined : owner;
    if (possessor?.marked) use.marked = possessor.stem;
    else if (possessor) {
      use.bare = possessor.stem;
      // Not a text's first word, capitalised anyway ("Thanks mum").
      use.capitalised = i > 1 && /^\p{Lu}/u.test(token!);
    }
    found.push(use);
  }
  return found;
});

let usesCompared = 0;

/** How many family words {@linkcode kinOwnerAt} compared since the process started (for tests). */
export function kinOwnersCompared(): number {
  return usesCompared;
}

/**
 * The family word of `text` ({@linkcode kinOwners}) that starts in `[start, end)` and whose stem
 * `stems` holds, if any: found by a binary search of the words' offsets (attack34 A2: a class
 * word's reader looked each member word up from the text's first family word, so a text of
 * 1,250 "his mum" compared ~780,000 a search per memory ranked).
 */
export function kinOwnerAt(
  text: string,
  span: { start: number; end: number },
  stems: ReadonlySet<string>,
): KinOwner | undefined {
  const uses = kinOwners(text);
  let low = 0;
  let high = uses.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    usesCompared++;
    if (uses[middle]!.at < span.start) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < uses.length && uses[i]!.at < span.end; i++) {
    usesCompared++;
    if (stems.has(uses[i]!.stem)) return uses[i];
  }
  return undefined;
}

/** Whether a possessor's stem is a person's who is no relative, or one slip from one ("freind"). */
function isPerson(possessor: string): boolean {
  return PEOPLE.some((person) =>
    person === possessor || typoApart(person, possessor, TYPO_MIN_LETTERS)
  );
}

/** The family words `query` asks about as the speaker's own ("my nan"): their meanings' stems. */
export function ownKinAsked(query: string): ReadonlySet<string> {
  const asked = new Set<string>();
  for (const use of kinOwners(query)) {
    if (!use.mine) continue;
    const kin = kinTerm(use.stem)!;
    for (const same of kin.same) asked.add(same);
  }
  return asked;
}

/** Who `texts` say owns relatives of a question's `asked` ({@linkcode kinOwnership}). */
export interface KinOwnership {
  /**
   * Stems of words in "s" without an apostrophe before a family word of `asked` ("leah" of "leahs
   * nan"): the words to ask whether the memories write them as names.
   */
  bare: string[];
  /**
   * Stems written as the possessor of any relative with an apostrophe ("leah" of "leah's mum"):
   * persons, so "leahs nan" is hers too.
   */
  marked: string[];
  /** Whether some text says a relative of `asked` as another person's at all. */
  others: boolean;
}

/**
 * {@linkcode KinOwnership} of `texts` (a search's candidates) for `asked`, read in one pass: most
 * candidate pools say no one else's relative, and then no factor is needed
 * ({@linkcode othersKinFactor} would be 1 for each).
 */
export function kinOwnership(asked: ReadonlySet<string>, texts: Iterable<string>): KinOwnership {
  const bare = new Set<string>();
  const marked = new Set<string>();
  let others = false;
  for (const text of texts) {
    for (const use of kinOwners(text)) {
      if (use.marked !== undefined) marked.add(use.marked);
      if (!asked.has(use.stem)) continue;
      if (use.bare !== undefined) bare.add(use.bare);
      if (use.marked !== undefined || use.capitalised) others = true;
    }
  }
  return { bare: [...bare], marked: [...marked], others: others || bare.size > 0 };
}

/**
 * The factor a memory's `content` gets for a query asking about the speaker's own `asked`
 * relatives ({@linkcode ownKinAsked}): 1 − {@linkcode KIN_OTHERS} when each of its words of
 * them is someone else's (a possessive, or a word in "s" of one of `names` or capitalised).
 */
export function othersKinFactor(
  asked: ReadonlySet<string>,
  content: string,
  names: ReadonlySet<string>,
): number {
  if (asked.size === 0) return 1;
  let others = false;
  for (const use of kinOwners(content)) {
    if (!asked.has(use.stem)) continue;
    const bare = use.bare !== undefined && (use.capitalised || names.has(use.bare));
    if (use.mine || (use.marked === undefined && !bare)) return 1;
    others = true;
  }
  return others ? 1 - KIN_OTHERS : 1;
}
