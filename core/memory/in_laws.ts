/**
 * One's in-laws, asked for together and told as a partner's family (issue 9, session 42): "who are
 * my in-laws" is answered by "Jonah's mum Pauline lives in Hull" and "Jonah's brother Aaron is a
 * plumber" when another memory says whose partner Jonah is ("Jonah (Theo's partner) is a physio",
 * Theo being the store's user; or "my husband is Jonah").
 *
 * English marks both halves plainly. A question asks for the speaker's in-laws
 * ({@linkcode asksOwnInLaws}) by the collective "in-laws" that no one else owns ("my in-laws",
 * "the in-laws"; not "Dev's in-laws", "his new in-laws", "Dev's Polish in-laws", "the kids'
 * in-laws", "the in-laws of my brother": its owner is found walking back over adjectives and an
 * and-list, or in an "of" phrase after it). A memory ties a partner's name to its owner
 * ({@linkcode partnerTies}) by a partner role ({@linkcode PARTNER_ROLES}: wife, husband, partner,
 * ...; one has one at a time, so the tie is certain, where "a friend" is one of several), owned
 * by "my"/"our" (the speaker) or by a name's possessive ("Theo's"), with the name in apposition
 * after it ("Theo's partner Jonah", "my wife, Colleen,"), after a copula ("Theo's husband is
 * Jonah"), or before it set off by a bracket or a comma ("Jonah (Theo's partner)", "Jonah, my
 * partner, ...") or joined by a copula ("Jonah is Theo's partner"). The speaker's own ties in the
 * forms `relation_names.ts` reads ("my wife is Colleen", "Kasia is my wife") count too, and so
 * does a name joined to the speaker as the subject of a verb of becoming partners ("Maja and I
 * got married", "... are engaged", "... moved in together": {@linkcode joinedSpeaker}; review44b
 * L3), English's plain way of telling a partner without a role word.
 *
 * @module
 */
import {
  isName,
  namedRelations,
  nameTerm,
  PARTNER_ROLES,
  type Token,
  tokensOf,
} from "./relation_names.ts";
import { PEOPLES_AND_LANGUAGES } from "./opening_names.ts";
import { TIE_CHARS } from "./relation_ties.ts";
import { stem, STOPWORDS } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";

/** "in-laws" (and "inlaws") as `tokensOf` folds it: the speaker's partner's family together. */
export const IN_LAW_WORDS: ReadonlySet<string> = new Set(["inlaws"]);

/** Whether a text may say "in-laws" (a quick test before its tokens are read). */
const IN_LAWS_SAID = /in-?laws/iu;

/** Words that make the in-laws after them someone else's ("his in-laws", "your in-laws"). */
const OTHERS: ReadonlySet<string> = new Set(["his", "her", "their", "its", "whose", "your"]);

/** Words that make a partner the speaker's own. */
const OWN: ReadonlySet<string> = new Set(["my", "our"]);

/** Copulas between a partner role and a name ("Jonah is Theo's partner"). */
const COPULAS: ReadonlySet<string> = new Set(["is", "was"]);

/** A name's possessive: "Theo's", "Theo’s". */
const POSSESSIVE = /['’]s$/u;

/**
 * A plural's possessive, its apostrophe after the "s" ("the kids'"): `tokensOf` leaves the
 * apostrophe out of the word and reads it as the gap after it. A slash or "&" after a word in
 * "s" ("my parents/in-laws") is no apostrophe.
 */
const isPluralPossessive = (word: Token) => word.gap === "apostrophe" && /s$/iu.test(word.raw);

/** Words joining a list of nouns the owner before them governs ("Dev's parents and in-laws"). */
const JOINS: ReadonlySet<string> = new Set(["and", "or", "nor"]);

/**
 * The function words that stand after a determiner inside its noun phrase ("his very own
 * in-laws", "Dev's other in-laws", "her only in-laws"): the walk back crosses them, where any
 * other function word ("the", "with", "did") ends the phrase the owner governs.
 */
const INSIDE_PHRASE: ReadonlySet<string> = new Set([
  "very",
  "own",
  "other",
  "same",
  "only",
  "few",
  "more",
  "most",
]);

/** The pronouns "of" takes for the speaker's own ("the in-laws of mine"). */
const OWN_AFTER_OF: ReadonlySet<string> = new Set(["mine", "ours"]);

/** Words that, after "of", name another owner's noun phrase ("of the groom", "of his sister"). */
const OTHERS_AFTER_OF: ReadonlySet<string> = new Set([...OTHERS, "the", "hers", "theirs"]);

/**
 * How many words back from "in-laws" its owner is looked for: a determiner or possessive
 * stands at most a few adjectives or listed nouns before its head ("his lovely new in-laws",
 * "Dev's parents and in-laws"), and the bound keeps a long text's reading linear.
 */
export const IN_LAW_OWNER_REACH = 4;

/**
 * Whether `word` is an adjective of nationality or language ("Polish", "Polish-American"): one
 * English writes capitalised, so a capital does not make it a name that ends the owner's phrase
 * ("Dev's Polish in-laws" are Dev's). The project's closed list, not a shape: "-ish"/"-ian" end
 * names too ("Trish", "Julian").
 */
const isPeopleOrLanguage = (word: Token) =>
  word.raw.split("-").every((part) => PEOPLES_AND_LANGUAGES.has(part.toLowerCase()));

/**
 * Whose the "in-laws" at `at` are by the words before them: walking back over lower-case
 * modifiers, nationality and language adjectives ({@linkcode isPeopleOrLanguage}) and an
 * and-list within {@linkcode IN_LAW_OWNER_REACH} words, "own" at "my"/"our",
 * "others" at another's possessive ("his new in-laws", "the kids' in-laws"), undefined at a
 * sentence's edge or at a function word (a determiner opens its own noun phrase: in "did Mia's
 * mom like the in-laws" nothing before "the" owns them).
 */
function ownerBefore(tokens: readonly Token[], at: number): "own" | "others" | undefined {
  for (let j = at - 1; j >= 0 && j >= at - IN_LAW_OWNER_REACH; j--) {
    const word = tokens[j]!;
    if (word.gap === "stop") return undefined;
    if (OWN.has(word.folded)) return "own";
    if (OTHERS.has(word.folded) || POSSESSIVE.test(word.raw) || isPluralPossessive(word)) {
      return "others";
    }
    if (STOPWORDS.has(word.folded) && !JOINS.has(word.folded) && !INSIDE_PHRASE.has(word.folded)) {
      return undefined;
    }
    // Only an adjective, a listed noun or a join stands between a determiner and its head; a
    // capitalised word is a name, which ends the phrase, unless it is a nationality's adjective.
    const between = JOINS.has(word.folded) || word.gap === "comma" ||
      ((word.raw === word.raw.toLowerCase() || isPeopleOrLanguage(word)) && word.gap === "space");
    if (!between) return undefined;
  }
  return undefined;
}

/**
 * Whether the "in-laws" at `at` are someone else's: the words before them say so (see
 * {@linkcode ownerBefore}; "my" wins over any "of" after), or, with no owner before, an "of"
 * phrase after them names another owner ("the in-laws of my brother", "of Dev", "of the groom";
 * not "of mine", "of twenty years").
 */
function ownedByOthers(tokens: readonly Token[], at: number): boolean {
  const before = ownerBefore(tokens, at);
  if (before !== undefined) return before === "others";
  if (tokens[at]!.gap !== "space" || tokens[at + 1]?.folded !== "of") return false;
  const owner = tokens[at + 2];
  if (owner === undefined || tokens[at + 1]!.gap !== "space") return false;
  if (OWN_AFTER_OF.has(owner.folded)) return false;
  return OTHERS_AFTER_OF.has(owner.folded) || OWN.has(owner.folded) || isName(owner);
}

/** The partner roles' stems, as `namedRelations` gives a relation. */
const PARTNER_STEMS: ReadonlySet<string> = new Set([...PARTNER_ROLES].map((role) => stem(role)));

/**
 * The raw word by which `text` asks for the speaker's own in-laws ("who are my in-laws":
 * "in-laws"), or undefined when it asks for no one's or someone else's ("Dev's in-laws").
 */
export function asksOwnInLaws(text: string): string | undefined {
  // Most questions say no "in-laws", and then no token is read.
  if (!IN_LAWS_SAID.test(text)) return undefined;
  const tokens = tokensOf(text);
  for (let i = 0; i < tokens.length; i++) {
    if (!IN_LAW_WORDS.has(tokens[i]!.folded)) continue;
    if (ownedByOthers(tokens, i)) continue;
    return tokens[i]!.raw;
  }
  return undefined;
}

/** A partner's name a memory ties to its owner. */
export interface PartnerTie {
  /** Whose partner: a name term, or undefined for the speaker ("my", "our"). */
  owner: string | undefined;
  /** The partner's name term ("jonah"). */
  name: string;
}

/**
 * The partners' names `content` ties to their owners (see the module doc), each tie once, in
 * order. Only the first `TIE_CHARS` characters are read, as `tiesName` reads them
 * (`relation_ties.ts`): a name and its tie sit together, and a long line costs no more
 * (review45b L3).
 */
export function partnerTies(content: string): readonly PartnerTie[] {
  return partnerTiesOfStart(content.slice(0, TIE_CHARS));
}

/** {@linkcode partnerTies} of a text's start, remembered by it. */
const partnerTiesOfStart = rememberedByText((content): readonly PartnerTie[] => {
  const found: PartnerTie[] = [];
  const add = (owner: string | undefined, name: string | undefined) => {
    if (name === undefined || name === owner) return;
    if (!found.some((one) => one.owner === owner && one.name === name)) {
      found.push({ owner, name });
    }
  };
  // The speaker's own, in every form `relation_names.ts` reads.
  for (const { name, relation } of namedRelations(content)) {
    if (PARTNER_STEMS.has(relation)) add(undefined, name);
  }
  const tokens = tokensOf(content);
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (joinedSpeaker(tokens, i)) add(undefined, nameTerm(tokens[i]!));
  }
  for (let i = 1; i < tokens.length; i++) {
    // "Theo's partner's sister": the partner owns the one told, who is no partner.
    if (!PARTNER_ROLES.has(tokens[i]!.folded) || POSSESSIVE.test(tokens[i]!.raw)) continue;
    const owned = tokens[i - 1]!;
    if (owned.gap !== "space") continue;
    const own = OWN.has(owned.folded);
    if (!own && !(POSSESSIVE.test(owned.raw) && isName(owned))) continue;
    const owner = own ? undefined : nameTerm(owned);
    const named = nameAfter(tokens, i) ?? nameBefore(tokens, i - 1);
    if (named !== undefined) add(owner, nameTerm(named));
  }
  return Object.freeze(found);
});

/**
 * The auxiliaries and adverbs that may stand between "X and I" and the verb of becoming partners
 * ("got married", "are engaged", "have just moved in together"): a closed class.
 */
const BEFORE_PARTNERING: ReadonlySet<string> = new Set(
  "got get are were have had 've 're just finally recently been officially".split(" "),
);
/** Verbs (as participles or pasts) that make two people partners: "married", "engaged", "wed". */
const PARTNERING: ReadonlySet<string> = new Set(["married", "engaged", "wed", "moved"]);

/**
 * What after "engaged" makes it another verb's ("engaged in a lawsuit", "engaged with the
 * council", "engaged by the firm"), as "to" after "married" names a third person ("were married
 * to brothers"): neither tells the two became partners (review45b L2).
 */
const NOT_PARTNERING_AFTER: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["engaged", new Set(["in", "with", "by"])],
  ["married", new Set(["to"])],
]);

/**
 * Whether the name at `at` is joined to the speaker as the subject of a verb of becoming
 * partners: "Maja and I got married", "Maja and I are engaged", "Maja and I moved in together"
 * ("moved" only with "in together": "Maja and I moved to Leeds" tells a move; not "engaged in"
 * or "married to", {@linkcode NOT_PARTNERING_AFTER}).
 */
function joinedSpeaker(tokens: readonly Token[], at: number): boolean {
  const name = tokens[at]!;
  if (!isName(name) || POSSESSIVE.test(name.raw) || name.gap !== "space") return false;
  if (tokens[at + 1]!.folded !== "and" || tokens[at + 2]!.folded !== "i") return false;
  let verb = at + 3;
  while (verb < at + 6 && BEFORE_PARTNERING.has(tokens[verb]?.folded ?? "")) verb++;
  const word = tokens[verb]?.folded ?? "";
  if (NOT_PARTNERING_AFTER.get(word)?.has(tokens[verb + 1]?.folded ?? "")) return false;
  if (word !== "moved") return PARTNERING.has(word);
  return tokens[verb + 1]?.folded === "in" && tokens[verb + 2]?.folded === "together";
}

/** The name after the role at `at`: "partner Jonah", "wife, Colleen,", "husband is Jonah". */
function nameAfter(tokens: readonly Token[], at: number): Token | undefined {
  const role = tokens[at]!;
  const next = tokens[at + 1];
  if (isName(next) && (role.gap === "space" || (role.gap === "comma" && next.gap === "comma"))) {
    return next;
  }
  if (role.gap === "space" && COPULAS.has(next?.folded ?? "") && next!.gap === "space") {
    const named = tokens[at + 2];
    if (isName(named) && !POSSESSIVE.test(named.raw)) return named;
  }
  return undefined;
}

/**
 * The name before the owner at `at`: "Jonah (Theo's partner)", "Jonah, my partner,", "Jonah is
 * Theo's partner".
 */
function nameBefore(tokens: readonly Token[], at: number): Token | undefined {
  const before = tokens[at - 1];
  if (isName(before) && (before.gap === "open" || before.gap === "comma")) return before;
  const named = tokens[at - 2];
  if (
    COPULAS.has(before?.folded ?? "") && before!.gap === "space" && isName(named) &&
    named.gap === "space"
  ) return named;
  return undefined;
}
