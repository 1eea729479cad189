/**
 * What named things are, as the store says it in other memories (issue 9, session 39): "Elmhurst
 * is the care home off Forest Road", "our beagle Biscuit is 5", "Kieran, the boy next door, cuts
 * our grass", "Bernie used to have a beagle called Sandy", "Sam (my brother-in-law) fixed the
 * boiler". A question by the kind ("which care home is Dad in", "the hound's supplement") then
 * shares no word with "Biscuit has half a Yumove a day", and the tie is what bridges them.
 *
 * `relation_names.ts` reads the same shapes for the closed class of relation words (kinship and
 * companions), where a kinship word covers its class ("the kids": son, daughter) and the owner
 * matters ("his son" is not "my son"). This module reads them for any common noun: a name tied to
 * the words of the noun phrase that says what it is ({@linkcode namedKinds}), and which of a
 * question's words could be such a kind ({@linkcode askedKinds}). Both use the tokens and the
 * test of a name of `relation_names.ts`, so the two readings agree on what a name is.
 *
 * The shapes, each marked plainly in English (a name is a capitalised word, `isName`):
 * - a copula and an article: "Elmhurst is the care home ...", "Ciarán is a nurse in Leeds";
 * - apposition after the name: "Kieran, the boy next door, ...", "Priya, our eldest", or set off
 *   by a dash and closed by a mark: "Miso — our cat.";
 * - apposition before it, owned by "my"/"our": "our beagle Biscuit", "our eldest, Priya, ...",
 *   "our cat, Miso.";
 * - naming: "a beagle called Sandy", "the chef is called Tomasz";
 * - a bracket: "Sam (my brother-in-law)", "Biscuit (a beagle)".
 * A bare "the garden Dad ..." or "Dad is fine" ties nothing: no article or owner before the noun,
 * or no noun after the copula's article.
 *
 * @module
 */
import { isName, nameTerm, type Token, tokensOf } from "./relation_names.ts";
import { HONORIFICS } from "./query_names.ts";
import { queryTerms } from "./lexical_index.ts";
import { rememberedByText } from "./text_memo.ts";

/** The most words of a noun phrase read as its kind ("the care home off ..." reads two). */
export const KIND_WORDS = 3;

/** A name and the kind words a memory gives it, as analysed keys ({@linkcode kindKey}). */
export interface NamedKind {
  /** The name's term ("elmhurst"). */
  name: string;
  /** The keys of the noun phrases' heads ("home"). */
  kinds: readonly string[];
  /** The keys of all the noun phrases' words ("care", "home"). */
  words: readonly string[];
  /**
   * The kinds of {@linkcode kinds} the speaker owns ("our cat": "cat"): told with "my" or "our",
   * the name is the speaker's one thing of that kind, as "our son Kuba" is the son.
   */
  owned: readonly string[];
}

/** Articles and owners that open the noun phrase of a kind. */
const OPENERS: ReadonlySet<string> = new Set(["a", "an", "the", "my", "our"]);
/** Owners that make a noun before a name a title of it ("our beagle Biscuit"). */
const OWN: ReadonlySet<string> = new Set(["my", "our"]);
/** Copulas of "X is a Y". */
const COPULAS: ReadonlySet<string> = new Set(["is", "was"]);
/** Words that join clauses: a subject may follow them ("and Elmhurst is the home ..."). */
const CLAUSE_LINKS: ReadonlySet<string> = new Set(["and", "but", "so", "then", "because", "while"]);
/** A possessive: "landlord's", "parents'". */
const POSSESSIVE = /(?:['’]s|s['’])$/u;
/**
 * The English prepositions the stop words lack (a closed class): a noun phrase's head comes
 * before them ("the care home near the shops", "the boy next door").
 */
const PREPOSITIONS: ReadonlySet<string> = new Set(
  ("aboard across along alongside amid amidst among amongst around beneath beside besides " +
    "beyond despite inside like near nearby next onto opposite outside past per round since " +
    "towards toward underneath unlike upon versus via within without").split(" "),
);
/**
 * Marks that close an owned noun's apposition after its name: "our eldest, Priya, is 15", "our
 * cat, Miso." or "our cat, Miso — she's 7"; a word after the name ("my son, Tom and I") makes it
 * one of a list.
 */
const CLOSING: ReadonlySet<Token["gap"]> = new Set(["comma", "stop", "dash"]);
/** Words that say what follows is a name. */
const NAMING: ReadonlySet<string> = new Set(["called", "named"]);
/**
 * A capitalised word (a name, or a sentence's first word): never a kind's word. A word in
 * capitals is an abbreviation and may be one ("our GP, Dr Ferris").
 */
const CAPITALISED = /^\p{Lu}\p{Ll}/u;

/**
 * The key of a word as a kind: its analysed term, or a hyphenated compound's terms joined
 * ("brother-in-law" → "brother-law": a brother-in-law is no brother). Empty for a function word.
 */
export function kindKey(raw: string): string {
  // Not `termsOf`'s memo: a word alone is no text a search asks of a candidate, and would crowd it.
  return queryTerms(raw).join("-");
}

/**
 * The kind words from `start`: up to {@linkcode KIND_WORDS}, spaces between, no name, no function
 * word. None when one is a possessive: "the right one's", "the library's new manager" tell of
 * something the phrase owns, not what the name is.
 */
function phraseAt(tokens: readonly Token[], start: number): { keys: string[]; end: number } {
  const keys: string[] = [];
  let i = start;
  for (; i < tokens.length && keys.length < KIND_WORDS; i++) {
    const token = tokens[i]!;
    if (CAPITALISED.test(token.raw) || NAMING.has(token.folded)) break;
    if (PREPOSITIONS.has(token.folded)) break;
    const key = kindKey(token.raw);
    if (key === "") break;
    if (POSSESSIVE.test(token.raw)) return { keys: [], end: i };
    keys.push(key);
    if (token.gap !== "space") {
      i++;
      break;
    }
  }
  return { keys, end: i - 1 };
}

/**
 * Whether a subject may start at `at`: not after a function word that makes it something else's
 * (a preposition or an article: "Gloria's deputy at Elmhurst is a man" says nothing of Elmhurst,
 * nor "for the science floor is called Martin" of the floor), unless that word joins clauses
 * ("and Elmhurst is ..."). A content word before it is a title ("Declan's brother Ciarán is ...").
 */
function opensClause(tokens: readonly Token[], at: number): boolean {
  const before = tokens[at - 1];
  return before === undefined || before.gap !== "space" || CLAUSE_LINKS.has(before.folded) ||
    kindKey(before.raw) !== "";
}

/** The first word of the run of capitalised words ending at `at` ("Lily Harper is ..."). */
function runStart(tokens: readonly Token[], at: number): number {
  let start = at;
  while (
    start > 0 && tokens[start - 1]!.gap === "space" && CAPITALISED.test(tokens[start - 1]!.raw)
  ) start--;
  return start;
}

/** The first name of the run from `start` to `end` ("Uncle Jas": "Jas"). */
function firstName(tokens: readonly Token[], start: number, end: number): Token | undefined {
  for (let i = start; i <= end; i++) if (isName(tokens[i])) return tokens[i];
  return undefined;
}

/** The name at `at`, past an honorific ("Dr Lowe"). */
function nameAt(tokens: readonly Token[], at: number): Token | undefined {
  const token = tokens[at];
  if (token !== undefined && HONORIFICS.has(token.folded) && token.gap === "space") {
    const next = tokens[at + 1];
    return isName(next) ? next : undefined;
  }
  return isName(token) ? token : undefined;
}

/**
 * The names `content` says what they are, each name once with the kind words of every tie, in
 * order ("our beagle Biscuit is 5" gives `{ name: "biscuit", kinds: ["beagl"] }`), worked out
 * each call ({@linkcode namedKinds} remembers it).
 */
export function readNamedKinds(content: string): readonly NamedKind[] {
  const found = new Map<string, Set<string>>();
  const phrases = new Map<string, Set<string>>();
  const owned = new Map<string, Set<string>>();
  let opener: Token | undefined;
  const add = (token: Token | undefined, keys: readonly string[]) => {
    const name = token === undefined ? undefined : nameTerm(token);
    if (name === undefined || keys.length === 0) return;
    const words = phrases.get(name) ?? new Set();
    for (const key of keys) words.add(key);
    phrases.set(name, words);
    const kinds = found.get(name) ?? new Set();
    // The phrase's head, its last word (English noun phrases end in their noun): "care home" is
    // a home, "my best friend" a friend, "an old beagle" a beagle; "wedding", "best", "old" say
    // which one, and as kinds they would tie the name to every question about a wedding.
    const head = keys[keys.length - 1]!;
    if (head !== name) kinds.add(head);
    if (kinds.size > 0) found.set(name, kinds);
    if (head !== name && OWN.has(opener!.folded)) {
      owned.set(name, (owned.get(name) ?? new Set()).add(head));
    }
  };
  const tokens = tokensOf(content);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!OPENERS.has(token.folded) || token.gap !== "space") continue;
    opener = token;
    const { keys, end } = phraseAt(tokens, i + 1);
    if (keys.length === 0) continue;
    const before = tokens[i - 1];
    const last = tokens[end]!;
    // "Elmhurst is the care home", "Kieran, the boy next door", "Sam (my brother-in-law)".
    if (COPULAS.has(before?.folded ?? "") && before!.gap === "space") {
      const subject = tokens[i - 2];
      if (subject?.gap === "space" && isName(subject)) {
        const start = runStart(tokens, i - 2);
        if (opensClause(tokens, start)) add(firstName(tokens, start, i - 2), keys);
      }
    } else if (before?.gap === "comma" || before?.gap === "open") add(nameAt(tokens, i - 1), keys);
    // "Miso — our cat.", "Miso - the cat — is 7": a dash's apposition is closed by a mark; with
    // a word after it the dash opened a clause ("Lunch with Priya — the food was awful").
    else if (before?.gap === "dash" && last.gap !== "space") add(nameAt(tokens, i - 1), keys);
    // "a beagle called Sandy", "the chef is called Tomasz", "is now called".
    let next = end + 1;
    // "the chef is called Tomasz": the phrase is the clause's subject ("for the science floor
    // is called Martin" names the manager, not the floor).
    if (last.gap === "space" && COPULAS.has(tokens[next]?.folded ?? "")) {
      if (!opensClause(tokens, i)) continue;
      next++;
      // One word may come between: "is now called", "is also called".
      if (!NAMING.has(tokens[next]?.folded ?? "") && NAMING.has(tokens[next + 1]?.folded ?? "")) {
        next++;
      }
    }
    if (NAMING.has(tokens[next]?.folded ?? "") && tokens[next]!.gap === "space") {
      add(nameAt(tokens, next + 1), keys);
      continue;
    }
    // "our beagle Biscuit", "our eldest, Priya, ...": owned, the name right after (a comma
    // before it needs one after it: "my son, Tom and I" lists two).
    if (!OWN.has(token.folded)) continue;
    const name = nameAt(tokens, end + 1);
    if (name === undefined) continue;
    if (last.gap === "space" || (last.gap === "comma" && CLOSING.has(name.gap))) add(name, keys);
  }
  return Object.freeze(
    [...found].map(([name, kinds]) =>
      Object.freeze({
        name,
        kinds: Object.freeze([...kinds]),
        words: Object.freeze([...phrases.get(name)!]),
        owned: Object.freeze([...owned.get(name) ?? []]),
      })
    ),
  );
}

/**
 * {@linkcode readNamedKinds}, remembered by text and worked out when a memory is written
 * (`everyCandidate`, `memory_prep.ts`): a search reads it of up to 64 memories its kind lookups
 * find, which would otherwise be worked out then.
 */
export const namedKinds = rememberedByText(readNamedKinds, { everyCandidate: true });

/** A word of a question that may name a kind: its key and the query term it weighs as. */
export interface AskedKind {
  /** The word's kind key ("beagl", "brother-law"). */
  key: string;
  /** Its last analysed term, the query's own ("law"). */
  term: string;
  /**
   * Whether "the", "my" or "our" stands right before it ("the cat", "our dog"): the one thing of
   * the kind the speaker's world holds, not any ("cat food", "Pat's cat").
   */
  definite: boolean;
}

/**
 * The words of `text` that may name a kind, each key once, in order: every content word without
 * a capital (a name asks for itself, not for what it is). A lower-case question ("who's our
 * dentist") gives all its content words; a name in lower case matches no kind a memory gives.
 */
export function askedKinds(text: string): AskedKind[] {
  const asked: AskedKind[] = [];
  const tokens = tokensOf(text);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (CAPITALISED.test(token.raw)) continue;
    const terms = queryTerms(token.raw);
    const key = terms.join("-");
    if (key === "" || asked.some((one) => one.key === key)) continue;
    const before = tokens[i - 1];
    const definite = before !== undefined && before.gap === "space" &&
      (before.folded === "the" || OWN.has(before.folded));
    asked.push({ key, term: terms[terms.length - 1]!, definite });
  }
  return asked;
}
