/**
 * Questions that ask how the speaker knows someone (issue 9, session 43): "how do I know Kirsty",
 * "who is Omar to me", "where do I know Jo from". Every memory that names the person holds the
 * name, so the name alone ranks "Kirsty's lunch is always a salad" as high as "my best mate at
 * work is Kirsty". What the question asks is the tie: the line that says what the person is to
 * the speaker (a relation or a role) or where they met.
 *
 * English asks this in a handful of fixed frames ({@linkcode askedTies}), a closed set of
 * constructions and not a list of a set's words: a wh-word ("how", "where") with the speaker as
 * the subject of "know" or "meet" and the name as its object, or a wh-word and a copula with the
 * name as the subject ("who is X", "what's X to me", "how is X related to me"). Each frame has
 * the person in one slot, so the name is read there, not guessed.
 *
 * A memory ties a name ({@linkcode tiesName}) in the ways English marks plainly:
 * - the speaker's own relation named (`namedRelations`: "our son Kuba", "Kasia is my wife");
 * - the same with a short phrase after the relation word ("my best mate at work is Kirsty"), or
 *   with the name texted in lower case ("my little sister jo");
 * - a copula before a relation ("Jonah is Theo's partner", "Kirsty is a friend from work"),
 *   written apart or clitic on the name ("Kav's my ex": see {@linkcode tiesName});
 * - the speaker's relation in apposition after a comma, a dash or a bracket ("Kav — my best
 *   friend from school", "Kav - my flatmate", "Sam (my brother-in-law)");
 * - someone's relation named in apposition ("Theo's partner Jonah");
 * - a verb of meeting or knowing with the name as object and a place after it ("met Jo at uni",
 *   "know Jo through Dev"), or the name and the speaker as its subject ("Jo and I met at uni").
 * The relation words are kin, companions and WordNet's nouns of persons (`tie_words.ts`:
 * "bridesmaid", "landlady", "GP", "stepdad", "sister-in-law").
 *
 * @module
 */
import { namedRelations, nameTerm, type Token, tokensOf } from "./relation_names.ts";
import { DETERMINERS } from "./relation_owners.ts";
import { isTieWord } from "./tie_words.ts";
import { terms } from "./text.ts";

export { TIE_WORDS } from "./tie_words.ts";

/**
 * The share of its score a memory loses when the question asks how the speaker knows a person
 * it names, and it names them without a tie: the same share as a memory that does not name
 * them at all (`UNNAMED`), since it answers the question as little.
 */
export const UNTIED = 0.2;

/** The most words between the relation word and its copula ("my best mate at work is Kirsty"). */
export const PHRASE_WORDS = 3;

/** Wh-words of the "know"/"meet" frame ("how do I know", "where did we meet"). */
const KNOW_WH: ReadonlySet<string> = new Set(["how", "where"]);
/** Auxiliaries of the frame: the question's "do". */
const AUXILIARIES: ReadonlySet<string> = new Set(["do", "did", "does"]);
/** The speaker as the subject of the frame. */
const SPEAKER: ReadonlySet<string> = new Set(["i", "we"]);
/** Verbs of knowing and meeting someone. */
const KNOW_VERBS: ReadonlySet<string> = new Set(["know", "knew", "known", "meet", "met"]);
/** Wh-words of the copula frame ("who is X", "what's X to me", "how is X related"). */
const COPULA_WH: ReadonlySet<string> = new Set(["who", "what", "how"]);
/** Copulas, as `tokensOf` folds them. */
const COPULAS: ReadonlySet<string> = new Set(["is", "was", "s", "are"]);
/**
 * Words that may follow the name in the copula frame ("who is X to me", "who is X again"). Not
 * "and": "who is X and what are his plans" asks two things, and a line that tells only the
 * second ties nothing but answers it.
 */
const AFTER_COPULA_NAME: ReadonlySet<string> = new Set(["to", "again", "related"]);
/** Prepositions that open a short phrase after a relation word, or a place of meeting. */
const PREPOSITIONS: ReadonlySet<string> = new Set(
  "at from on in through via during since off with".split(" "),
);
/**
 * Words that may follow a relation word in apposition within its own phrase: a relative opening
 * a clause about the person ("Kav, my GP who ...") or a preposition of a short phrase ("Kav, my
 * friend of ten years"), besides {@linkcode PREPOSITIONS}. Any other word makes the relation word
 * the subject or modifier of a new clause ("Kav, my doctor says ...", "my dentist appointment").
 */
const PHRASE_GOES_ON: ReadonlySet<string> = new Set(["who", "whom", "that", "for", "of", "and"]);
/**
 * How many characters of a memory are read for a tie: a name and its tie sit together, and a
 * long text costs no more (the cap of `finished_past.ts` and `bare_phrases.ts`).
 */
export const TIE_CHARS = 2_000;
/** The speaker's possessive determiners. */
const OWN: ReadonlySet<string> = new Set(["my", "our"]);
/** A clitic "is" or possessive "'s" on a word ("Kav's"; not a plural's "parents'"). */
const CLITIC_S = /['’]s$/u;
/** A possessive: "Theo's", "parents'". */
const POSSESSIVE = /(?:['’]s|s['’])$/u;

/**
 * Where the word after a copula following the token at `at` stands: the copula written alone or
 * clitic on the token ("who's"); -1 when there is none.
 */
function copulaAfter(tokens: readonly Token[], at: number): number {
  if (/['’]s$/u.test(tokens[at]?.raw ?? "")) return at + 1;
  return COPULAS.has(tokens[at + 1]?.folded ?? "") ? at + 2 : -1;
}

/** The name term in the slot at `at`, when it is one and no one's possessive. */
function slotName(tokens: readonly Token[], at: number): string | undefined {
  const token = tokens[at];
  if (token === undefined || POSSESSIVE.test(token.raw)) return undefined;
  return nameTerm(token);
}

/**
 * The `names` (the query's name terms) of the people `text` asks how the speaker knows, in the
 * frames of the module's documentation: "how/where do/did I/we know/meet X", "who/what is X" (at
 * the question's end or before "to" or "again"), "how is X related".
 */
export function askedTies(text: string, names: readonly string[]): string[] {
  const tokens = tokensOf(text);
  const asked: string[] = [];
  const add = (name: string | undefined) => {
    if (name !== undefined && names.includes(name) && !asked.includes(name)) asked.push(name);
  };
  for (let i = 0; i < tokens.length; i++) {
    const wh = tokens[i]!.folded;
    if (
      KNOW_WH.has(wh) && AUXILIARIES.has(tokens[i + 1]?.folded ?? "") &&
      SPEAKER.has(tokens[i + 2]?.folded ?? "") && KNOW_VERBS.has(tokens[i + 3]?.folded ?? "")
    ) add(slotName(tokens, i + 4));
    if (!COPULA_WH.has(wh)) continue;
    const at = copulaAfter(tokens, i);
    const name = tokens[at];
    if (at < 0 || name === undefined) continue;
    const next = tokens[at + 1];
    // "who is Omar", "who's Kirsty to me": the name closes the question or a word of the frame
    // follows; "who is Mila's friend", "what is Jo doing" or "who is Jo and ..." asks more.
    const closes = name.gap === "stop" || AFTER_COPULA_NAME.has(next?.folded ?? "");
    if (closes && (wh !== "how" || next?.folded === "related")) add(slotName(tokens, at));
  }
  return asked;
}

/** Whether "my"/"our" owns the relation word at `at` (at most one word between, no possessive). */
function ownRelationAt(tokens: readonly Token[], at: number): boolean {
  if (!isTieWord(tokens[at]) || POSSESSIVE.test(tokens[at]!.raw)) return false;
  const before = tokens[at - 1];
  const owner = (token: Token | undefined) =>
    token !== undefined && OWN.has(token.folded) && token.gap === "space";
  return owner(before) ||
    (before !== undefined && before.gap === "space" && !POSSESSIVE.test(before.raw) &&
      owner(tokens[at - 2]));
}

/** "my best mate at work is X": an own relation word, a short phrase, a copula, the name at `at`. */
function ownRelationThenCopula(tokens: readonly Token[], at: number): boolean {
  const copula = tokens[at - 1];
  if (!COPULAS.has(copula?.folded ?? "") || copula!.gap !== "space") return false;
  for (let k = at - 2; k >= Math.max(0, at - 2 - PHRASE_WORDS); k--) {
    if (tokens[k]!.gap !== "space") return false;
    if (ownRelationAt(tokens, k)) return k === at - 2 || PREPOSITIONS.has(tokens[k + 1]!.folded);
  }
  return false;
}

/**
 * Whether a relation word follows the determiner or possessive at `at` ("a friend", "Theo's
 * partner"), at most one word between ("a close friend", "my big sister").
 */
function relationAfter(tokens: readonly Token[], at: number): boolean {
  const owner = tokens[at];
  if (owner === undefined || owner.gap !== "space") return false;
  if (isTieWord(tokens[at + 1])) return true;
  return tokens[at + 1]?.gap === "space" && isTieWord(tokens[at + 2]);
}

/** "X is Theo's partner", "X is a friend from work", "X is my wife": a relation after a copula. */
function copulaThenRelation(tokens: readonly Token[], at: number): boolean {
  const copula = tokens[at + 1];
  if (tokens[at]!.gap !== "space" || !COPULAS.has(copula?.folded ?? "")) return false;
  const owner = tokens[at + 2];
  if (owner === undefined || copula!.gap !== "space") return false;
  if (!DETERMINERS.has(owner.folded) && !POSSESSIVE.test(owner.raw)) return false;
  return relationAfter(tokens, at + 2);
}

/**
 * "Kav's my ex", "Kav's a teacher": the name's "'s" is the copula when a determiner follows, as
 * a possessive "'s" is itself the determiner of its noun ("Kav's sister") and takes none after
 * it. The test of {@linkcode copulaThenRelation}, one word earlier.
 */
function cliticCopulaThenRelation(tokens: readonly Token[], at: number): boolean {
  const name = tokens[at]!;
  if (!CLITIC_S.test(name.raw) || name.gap !== "space") return false;
  return DETERMINERS.has(tokens[at + 1]?.folded ?? "") && relationAfter(tokens, at + 1);
}

/**
 * "Kav, my flatmate", "Kav — my best friend from school", "Sam (my brother-in-law)": the
 * speaker's relation in apposition after the name at `at`, set off by a comma, a dash or a
 * bracket, the relation word ending its phrase ("Kav, my doctor says ..." ties nothing).
 */
function ownRelationInApposition(tokens: readonly Token[], at: number): boolean {
  const gap = tokens[at]!.gap;
  if (gap !== "comma" && gap !== "dash" && gap !== "open") return false;
  if (!OWN.has(tokens[at + 1]?.folded ?? "")) return false;
  return (ownRelationAt(tokens, at + 2) && endsPhrase(tokens, at + 2)) ||
    (ownRelationAt(tokens, at + 3) && endsPhrase(tokens, at + 3));
}

/**
 * Whether the relation word at `at` ends its noun phrase: a mark or the text's end follows it, or
 * a preposition or relative goes on with the same phrase ({@linkcode PHRASE_GOES_ON}).
 */
function endsPhrase(tokens: readonly Token[], at: number): boolean {
  const next = tokens[at + 1];
  if (tokens[at]!.gap !== "space" || next === undefined) return true;
  return PREPOSITIONS.has(next.folded) || PHRASE_GOES_ON.has(next.folded);
}

/** "Theo's partner X": someone's relation word right before the name at `at`. */
function possessedRelationBefore(tokens: readonly Token[], at: number): boolean {
  const relation = tokens[at - 1];
  const owner = tokens[at - 2];
  return relation !== undefined && owner !== undefined && relation.gap === "space" &&
    owner.gap === "space" && isTieWord(relation) && POSSESSIVE.test(owner.raw);
}

/** "met X at uni", "know X through Dev", "X and I met at uni": a place of meeting. */
function metAt(tokens: readonly Token[], at: number): boolean {
  const place = (k: number) => PREPOSITIONS.has(tokens[k]?.folded ?? "");
  if (KNOW_VERBS.has(tokens[at - 1]?.folded ?? "") && place(at + 1)) return true;
  return tokens[at + 1]?.folded === "and" &&
    ["i", "me", "we"].includes(tokens[at + 2]?.folded ?? "") &&
    KNOW_VERBS.has(tokens[at + 3]?.folded ?? "") && place(at + 4);
}

/**
 * Whether `content` ties the person `name` (a term) to a relation, a role or a place of meeting,
 * in the ways of the module's documentation. The name with "'s" is read only as a clitic
 * copula ("Kav's my ex"); as a possessive ("Kav's sister is ...") it ties someone else. Only the
 * first {@linkcode TIE_CHARS} characters are read, for the speaker's named relations as for the
 * frames of this module: a "who is X?" search asks it of every candidate (review44b L2: the
 * relations of a 100,000-character line were read whole).
 */
export function tiesName(content: string, name: string): boolean {
  const start = content.slice(0, TIE_CHARS);
  if (namedRelations(start).some((one) => one.name === name)) return true;
  const tokens = tokensOf(start);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    // A stem keeps its word's first letter: most words are skipped before they are analysed.
    if (token.folded[0] !== name[0]) continue;
    if (POSSESSIVE.test(token.raw)) {
      if (cliticCopulaThenRelation(tokens, i) && nameTerm(token) === name) return true;
      continue;
    }
    if (nameTerm(token) !== name) continue;
    if (
      ownRelationInApposition(tokens, i) ||
      (ownRelationAt(tokens, i - 1) && tokens[i - 1]!.gap === "space") ||
      ownRelationThenCopula(tokens, i) || copulaThenRelation(tokens, i) ||
      possessedRelationBefore(tokens, i) || metAt(tokens, i)
    ) return true;
  }
  return false;
}

/**
 * The factor {@linkcode UNTIED} gives a memory's score for a query that asks how the speaker
 * knows the people `tied` (terms, `askedTies`): 1 − UNTIED when `content` names one of them and
 * ties none it names ({@linkcode tiesName}), else 1. A memory that names none of them loses
 * `UNNAMED` already.
 */
export function untiedFactor(tied: readonly string[], content: string): number {
  if (tied.length === 0) return 1;
  const held = terms(content);
  const named = tied.filter((name) => held.includes(name));
  return named.length === 0 || named.some((name) => tiesName(content, name)) ? 1 : 1 - UNTIED;
}
