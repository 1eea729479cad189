/**
 * First names standing for relations told elsewhere (issue 9, session 35): a persona says "our
 * son Kuba is 16" once and "Kuba want to be electrician" later, and then asks "what my son want
 * to do for job" or "when are the kids birthdays". The store's own wording ties the name to the
 * relation; this module reads those ties and which relations a question asks about.
 *
 * A memory ties a name to one of the speaker's own relations ({@linkcode namedRelations}) in four
 * ways English marks plainly, the relation a word of a closed class ({@linkcode
 * RELATION_NAME_WORDS}: kinship words and the companions the code already knows, "boss",
 * "partner", "neighbour"), owned by "my" or "our", at most one word between ("my little sister
 * Bisi"; not a possessive: "my landlord's son Tom" is the landlord's):
 * - apposition: "our son Kuba", "my wife, Kasia, ...";
 * - apposition after the name: "Kuba, my son, ...";
 * - a copula that says it is a name: "my GP is Dr O'Sullivan", "my boss is called Declan" (a
 *   bare "my wife is Polish" is a property, not a name: a capitalised word alone is not enough);
 * - a name first: "Kasia is my wife".
 * Someone else's relation ("Florin's son Matei", "his wife Agata") ties nothing.
 *
 * A question asks about one of its speaker's relations ({@linkcode askedRelations}) when it holds
 * a word of the class that no one else owns ("my son", "the kids", "the wife's mum" asks about
 * the wife, not about the mum: hers).
 *
 * @module
 */
import { KIN_FORMS, kinTerm } from "./meaning/kin_terms.ts";
import { KIN_WORDS } from "./query_kin.ts";
import { COMPANIONS } from "./user_voice.ts";
import { HONORIFICS } from "./query_names.ts";
import { stem, words } from "./text.ts";
import { queryTerms } from "./lexical_index.ts";
import { rememberedByText } from "./text_memo.ts";
import { namesNoOne } from "./opening_names.ts";

/**
 * The words of a relation a name can stand for: the kinship words (`KIN_WORDS`, and the everyday
 * forms of `kin_terms.ts`: "mum", "mama", "granny") and the companions of one's own life
 * (`COMPANIONS`: "friend", "boss", "partner", "neighbour"). A closed class: no word is added for
 * a recall set.
 */
export const RELATION_NAME_WORDS: ReadonlySet<string> = new Set([
  ...KIN_WORDS,
  ...KIN_FORMS,
  ...COMPANIONS,
]);

/**
 * The partner roles, of which one has one at a time: "my wife is Colleen" names her, where "my
 * friend is Polish" or "my boss is Irish" tell a property, and a friend or a brother is one of
 * several ("my brother is Tom's age").
 */
export const PARTNER_ROLES: ReadonlySet<string> = new Set(
  "wife husband spouse partner boyfriend girlfriend fiance fiancee".split(" "),
);

/** A name a memory gives one of the speaker's relations: both as analysed terms. */
export interface RelationName {
  /** The name's term ("kuba"). */
  name: string;
  /** The relation word's stem as written ("son", "mum"). */
  relation: string;
}

/** Words that make the relation after them the speaker's own. */
const OWN: ReadonlySet<string> = new Set(["my", "our"]);
/** Words that say what follows is a name ("my boss is called Declan"). */
const NAMING: ReadonlySet<string> = new Set(["called", "named"]);
/** Copulas of the name-first form ("Kasia is my wife") and the naming copula. */
const COPULAS: ReadonlySet<string> = new Set(["is", "was", "s"]);
/** A word with where it ends, apostrophes and hyphens inside ("O'Sullivan"). */
const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
/** A capitalised word: a name ("Kuba", "O'Sullivan"; not "I", not "GP"). */
const NAME_SHAPED = /^\p{Lu}(?:\p{Ll}|['’]\p{Lu})/u;
/** A possessive: "landlord's", "Florin's", "parents'". */
const POSSESSIVE = /(?:['’]s|s['’])$/u;

/** A word of a text as the readers of names see it (`kind_names.ts` reads the same). */
export interface Token {
  raw: string;
  folded: string;
  /**
   * What stands between this token and the next: only spaces, a comma, an opening bracket
   * ("Sam (my brother-in-law)"), a dash set off by spaces ("Miso — our cat"; a hyphen only with
   * a space on each side, not inside a word), a sentence's or clause's end or the text's (a full
   * stop, "!", "?", ";", a line break), an apostrophe then blanks (a plural's possessive: "the
   * kids' in-laws"), or anything else.
   */
  gap: "space" | "comma" | "open" | "dash" | "stop" | "apostrophe" | "other";
}

/** Blanks other than a line break, as a pattern's source. */
const BLANK = "[^\\S\\r\\n]";
/** The gaps of {@linkcode Token}, by what stands between two words. */
const GAPS: readonly (readonly [Token["gap"], RegExp])[] = [
  ["space", new RegExp(`^${BLANK}+$`, "u")],
  ["comma", new RegExp(`^${BLANK}*,${BLANK}*$`, "u")],
  ["open", new RegExp(`^${BLANK}*\\(${BLANK}*$`, "u")],
  // A hyphen is a dash only with a blank on each side ("Miso - our cat"), never inside a word.
  ["dash", new RegExp(`^${BLANK}*[—–]${BLANK}*$|^${BLANK}+-${BLANK}+$`, "u")],
  // A line break ends a sentence as a stop does: a texted line seldom has its full stop.
  ["stop", new RegExp(`^${BLANK}*(?:[.!?;]+\\s*|[\\r\\n]\\s*)$`, "u")],
  // A plural's possessive ("the kids' in-laws"): the apostrophe the word leaves out.
  ["apostrophe", new RegExp(`^['\u2019]${BLANK}+$`, "u")],
];
/** What may end a text after its last word and stand as its stop: blanks, a stop, or nothing. */
const TEXT_END = new RegExp(`^${BLANK}*[.!?;]*${BLANK}*$`, "u");

/** The gap after a word, `between` it and the next; at the text's end a blank or a stop is one. */
function gapOf(between: string, atEnd: boolean): Token["gap"] {
  if (atEnd && TEXT_END.test(between)) return "stop";
  return GAPS.find(([, pattern]) => pattern.test(between))?.[0] ?? "other";
}

/** The words of `text` with what stands between each and the next. */
export function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  let last: { raw: string; end: number } | undefined;
  const push = (next: number) => {
    if (last === undefined) return;
    const between = text.slice(last.end, next);
    const gap = gapOf(between, next === text.length);
    // A hyphenated compound is a word of its own: a "son-in-law" is no son, a "mother-in-law"
    // no mother, though its first part is one. Read as one word, a hyphenated spelling of a
    // closed compound is that compound ("grand-daughter", "girl-friend", "room-mate").
    const parts = words(last.raw);
    const folded = /-/.test(last.raw) ? parts.join("") : parts[0] ?? "";
    tokens.push({ raw: last.raw, folded, gap });
  };
  for (const match of text.matchAll(TOKEN)) {
    push(match.index!);
    last = { raw: match[0], end: match.index! + match[0].length };
  }
  push(text.length);
  return tokens;
}

/**
 * Whether `token` is a name: capitalised, not "I", not an honorific or a relation word, and
 * with a term (not a stop word: "The").
 */
export function isName(token: Token | undefined): token is Token {
  return token !== undefined && NAME_SHAPED.test(token.raw) && token.raw !== "I" &&
    !HONORIFICS.has(token.folded) && !RELATION_NAME_WORDS.has(token.folded) &&
    nameTerm(token) !== undefined;
}

/**
 * Where the relation word at `at` is the speaker's own: "my"/"our" right before it, or one word
 * before with a word between that is no possessive and no relation word ("my little sister";
 * not "my landlord's son", "my wife's mum"). -1 when it is not.
 */
function ownerAt(tokens: readonly Token[], at: number): number {
  const before = tokens[at - 1];
  if (before === undefined) return -1;
  if (OWN.has(before.folded) && before.gap === "space") return at - 1;
  const owner = tokens[at - 2];
  if (
    owner !== undefined && OWN.has(owner.folded) && owner.gap === "space" &&
    before.gap === "space" && !POSSESSIVE.test(before.raw) &&
    !RELATION_NAME_WORDS.has(before.folded)
  ) return at - 2;
  return -1;
}

/**
 * The name a copula after the relation word at `at` gives ("is Dr O'Sullivan", "is called
 * Declan"), or a bare capitalised word after a partner role's ("my wife is Colleen"; not a people
 * or language, "my wife is Polish", nor a month or a weekday).
 */
function copulaName(tokens: readonly Token[], at: number): Token | undefined {
  let i = at + 1;
  if (!COPULAS.has(tokens[i]?.folded ?? "")) return undefined;
  i++;
  let said = false;
  // One word may come between: "is now called", "is also called".
  if (NAMING.has(tokens[i + 1]?.folded ?? "") && !NAMING.has(tokens[i]?.folded ?? "")) i++;
  if (NAMING.has(tokens[i]?.folded ?? "")) (said = true), i++;
  if (HONORIFICS.has(tokens[i]?.folded ?? "")) (said = true), i++;
  const name = tokens[i];
  if (!isName(name)) return undefined;
  if (said) return name;
  // No day, month, language or nationality ("my wife is Polish"); a family title is no name
  // already (`isName`).
  const bare = PARTNER_ROLES.has(tokens[at]!.folded) && tokens[at + 1]!.gap === "space" &&
    !namesNoOne(name.folded);
  return bare ? name : undefined;
}

/** The analysed term of a name's token ("Kuba" → "kuba"). */
export function nameTerm(token: Token): string | undefined {
  // Not `termsOf`'s memo: a word alone is no text a search asks of a candidate.
  return queryTerms(token.raw)[0];
}

/**
 * The names `content` gives the speaker's own relations ("our son Kuba is 16" gives `{ name:
 * "kuba", relation: "son" }`), each pair once, in order; remembered by text (a search reads the
 * same memories search after search).
 */
export const namedRelations = rememberedByText((content): readonly RelationName[] => {
  const found: RelationName[] = [];
  const add = (token: Token, relation: Token) => {
    const name = nameTerm(token);
    const pair = name === undefined ? undefined : { name, relation: stem(relation.folded) };
    if (pair && !found.some((one) => one.name === pair.name && one.relation === pair.relation)) {
      found.push(pair);
    }
  };
  const tokens = tokensOf(content);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    // "my wife's sister": the wife owns the relation told, she is not named here.
    if (!RELATION_NAME_WORDS.has(token.folded) || POSSESSIVE.test(token.raw)) continue;
    const owner = ownerAt(tokens, i);
    if (owner < 0) continue;
    // "our son Kuba", "my wife, Kasia, ...": a comma before the name needs one after it too
    // ("my son, Tom and I" lists two people).
    const next = tokens[i + 1];
    if (
      isName(next) &&
      (token.gap === "space" || (token.gap === "comma" && next.gap === "comma"))
    ) {
      add(next, token);
      continue;
    }
    const named = copulaName(tokens, i);
    if (named) {
      add(named, token);
      continue;
    }
    // "Kuba, my son", "Kasia is my wife".
    const first = tokens[owner - 1];
    if (isName(first) && first.gap === "comma") add(first, token);
    else if (
      COPULAS.has(first?.folded ?? "") && first!.gap === "space" && isName(tokens[owner - 2]) &&
      tokens[owner - 2]!.gap === "space"
    ) add(tokens[owner - 2]!, token);
  }
  return Object.freeze(found);
});

/** Words that make a relation word of a question someone else's ("his", "their"). */
const OTHERS: ReadonlySet<string> = new Set(["his", "her", "their", "its", "whose", "your"]);

/** Articles before a relation word that name no one in particular ("as a kid"). */
const INDEFINITE: ReadonlySet<string> = new Set(["a", "an"]);

/** A relation a question asks about: the query term and the relation words it covers. */
export interface AskedRelation {
  /** The query's term for it ("kid"). */
  term: string;
  /** The stems of the relation words that name such a relative ("kid", "son", "daughter"). */
  stems: readonly string[];
}

/**
 * The relations of the speaker's own that `text` asks about, each query term once: a word of
 * {@linkcode RELATION_NAME_WORDS} not owned by anyone else (no "his", "their", "your" or
 * possessive one or two words before: "Florin's son", "the wife's mum"; not followed by "of"; not
 * counted: "how many kids" asks for the number the memories that say the class word tell).
 * A kinship word covers the words of its meaning and its members ("kids": "son", "daughter";
 * `kin_terms.ts`), a companion word its own stem.
 */
export function askedRelations(text: string): AskedRelation[] {
  const tokens = tokensOf(text);
  const asked: AskedRelation[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!RELATION_NAME_WORDS.has(token.folded) || tokens[i + 1]?.folded === "of") continue;
    const owners = [tokens[i - 1], tokens[i - 2]].filter((one) => one !== undefined);
    if (owners.some((one) => OTHERS.has(one.folded) || POSSESSIVE.test(one.raw))) continue;
    // "as a kid", "an uncle of hers": no one in particular.
    if (INDEFINITE.has(tokens[i - 1]?.folded ?? "")) continue;
    // "how many kids": a count, told by the memories that say the class word ("two children"),
    // not by each member's own news.
    if (tokens[i - 1]?.folded === "many") continue;
    const term = stem(token.folded);
    if (asked.some((one) => one.term === term)) continue;
    const kin = kinTerm(term);
    asked.push({ term, stems: kin === undefined ? [term] : [...kin.same, ...kin.near] });
  }
  return asked;
}
