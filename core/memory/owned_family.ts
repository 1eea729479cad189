/**
 * Someone's family, asked for by a collective word and told member by member (issue 9, session
 * 41): "what's Jonah's family like" is answered by "Jonah's mum Pauline lives in Hull", "Jonah's
 * brother Aaron is a plumber" and "Pauline's 70th is in August", none of which says "family".
 *
 * A question asks for the family of a named owner ({@linkcode askedFamilyOwner}) when a word of
 * the closed class {@linkcode FAMILY_WORDS} is owned by a name: a possessive right before it
 * ("Jonah's family", "Tom's relatives"), a possessive before "side of the family" ("Colleen's
 * side of the family"), or a possessive pronoun that refers back to a name joined by "and" ("Dev
 * and his family"). A memory names one of the owner's relatives ({@linkcode ownerRelatives}) the
 * way English marks a relative's name: the owner's possessive right before a family member's
 * word, at most one word between ("Jonah's mum Pauline", "Colleen's older sister Brenda"), and the
 * name after it, in apposition or after a copula ("Colleen's sister is Brenda"); or a possessive
 * pronoun whose nearest name before it, not a place after "in", "at", "to", "from" or "near", is
 * the owner ("Dev's got his son Rudy", "Maja lives in Bristol with her wife Kenzie"). The member
 * words are a closed class too: the kinship words the project knows (`query_kin.ts`,
 * `meaning/kin_terms.ts`), with "step"/"half" before them or "-in-law" after,
 * and the partners of one's own life (partner, boyfriend, girlfriend, fiancé). No word comes from
 * a recall set.
 *
 * @module
 */
import { KIN_FORMS } from "./meaning/kin_terms.ts";
import { KIN_WORDS } from "./query_kin.ts";
import { isName, nameTerm, type Token, tokensOf } from "./relation_names.ts";
import { rememberedByText } from "./text_memo.ts";
import { queryTerms } from "./lexical_index.ts";
import { NAME_PREPOSITIONS } from "./query_names.ts";
import { asksNoFamily, isRelativeName } from "./family_word_reading.ts";

/** Collective words for someone's relatives ("Jonah's family", "Tom's relatives"). */
export const FAMILY_WORDS: ReadonlySet<string> = new Set([
  "family",
  "families",
  "relatives",
  "relations",
  "folks",
]);

/** Whether a text may say a word of {@linkcode FAMILY_WORDS} (a quick test before its tokens). */
const FAMILY_WORD_SAID = /famil|relati|folks/iu;

/** Kinship words that name no one member: the collectives and their singulars. */
const NO_MEMBER: ReadonlySet<string> = new Set([...FAMILY_WORDS, "relative", "relation"]);

/** Companions of one's own life who count as family: a partner, not a boss or a neighbour. */
const PARTNERS: ReadonlySet<string> = new Set([
  "partner",
  "boyfriend",
  "girlfriend",
  "fiance",
  "fiancee",
]);

/** Possessive pronouns that refer back to the nearest name before them ("Dev and his family"). */
const PRONOUNS: ReadonlySet<string> = new Set(["his", "her", "their"]);

/** Copulas between a relative's word and their name ("Colleen's sister is Brenda"). */
const COPULAS: ReadonlySet<string> = new Set(["is", "was"]);

/** A possessive in "s": "Jonah's", "Colleen’s" (tokens keep their apostrophes). */
const POSSESSIVE = /['’]s$/u;

/**
 * The analysed terms of the words that name one member of a family ("mum": "mum"), each once: what
 * a lookup for the lines that name an owner's relatives asks for beside the owner's name.
 */
export const FAMILY_MEMBER_TERMS: readonly string[] = Object.freeze([
  ...new Set(
    [...KIN_WORDS, ...KIN_FORMS, ...PARTNERS].filter((word) => !NO_MEMBER.has(word))
      .flatMap((word) => queryTerms(word)),
  ),
]);

/** Whether a folded token names one member of a family ("mum", "stepmother", "brotherinlaw"). */
export function isFamilyMember(folded: string): boolean {
  if (NO_MEMBER.has(folded)) return false;
  if (KIN_WORDS.has(folded) || KIN_FORMS.has(folded) || PARTNERS.has(folded)) return true;
  // A hyphenated or closed compound: "step-mother", "half-brother", "sister-in-law".
  const bare = folded.replace(/^(?:step|half)/u, "").replace(/inlaws?$/u, "");
  // Unchanged, `bare` is no relative (a relative returned above); "step" alone leaves "".
  return KIN_WORDS.has(bare) || KIN_FORMS.has(bare);
}

/** The name term of a possessive token that is a name ("Jonah's": "jonah"), else undefined. */
function possessiveName(token: Token | undefined): string | undefined {
  if (token === undefined || !POSSESSIVE.test(token.raw) || !isName(token)) return undefined;
  return nameTerm(token);
}

/**
 * The name term of the one person whose family `text` asks about ("what's Jonah's family like":
 * "jonah"), or undefined when it asks about no one's family by a word of {@linkcode
 * FAMILY_WORDS}. The first such owner only.
 */
export function askedFamilyOwner(text: string): string | undefined {
  // Most questions hold no family word, and then no token is read.
  if (!FAMILY_WORD_SAID.test(text)) return undefined;
  const tokens = tokensOf(text);
  for (let i = 0; i < tokens.length; i++) {
    if (!FAMILY_WORDS.has(tokens[i]!.folded) || asksNoFamily(tokens, i)) continue;
    // "Jonah's family", or one lower-case word between: "Jonah's whole family".
    const owned = possessiveName(tokens[i - 1]) ??
      possessiveName(ownerPast(tokens[i - 1], tokens[i - 2]));
    if (owned !== undefined) return owned;
    // "Colleen's side of the family".
    if (
      tokens[i - 1]?.folded === "the" && tokens[i - 2]?.folded === "of" &&
      tokens[i - 3]?.folded === "side"
    ) {
      const sided = possessiveName(tokens[i - 4]);
      if (sided !== undefined) return sided;
    }
    // "Dev and his family".
    if (PRONOUNS.has(tokens[i - 1]?.folded ?? "") && tokens[i - 2]?.folded === "and") {
      const named = tokens[i - 3];
      if (isName(named) && !POSSESSIVE.test(named.raw)) {
        const name = nameTerm(named);
        if (name !== undefined) return name;
      }
    }
  }
  return undefined;
}

/**
 * The owner's token before one lower-case word that stands between it and a family word
 * ("Jonah's whole family": "Jonah's"), or undefined when that word is a name or a possessive.
 */
function ownerPast(between: Token | undefined, owner: Token | undefined): Token | undefined {
  if (between?.gap !== "space" || owner?.gap !== "space") return undefined;
  if (/^\p{Lu}/u.test(between.raw) || POSSESSIVE.test(between.raw)) return undefined;
  return owner;
}

/** A relative of someone's, named in a memory. */
export interface OwnerRelative {
  /** Whose relative (the owner's name term). */
  owner: string;
  /** The relative's name term ("pauline"). */
  name: string;
}

/**
 * The relatives `content` names with their owner ("Jonah's mum Pauline": jonah's pauline; "Dev's
 * got his son Rudy": dev's rudy), each pair once, in order; remembered by text.
 */
export const ownerRelatives = rememberedByText((content): readonly OwnerRelative[] => {
  const tokens = tokensOf(content);
  const found: OwnerRelative[] = [];
  // The last name read, the antecedent of a possessive pronoun.
  let lastName: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    // A pronoun reaches back within its sentence only ("... with Jonah. Her sister Anna ..."),
    // across a bracket or a dash inside it ("Maja (my friend) lives with her wife Kenzie").
    if (tokens[i - 1]?.gap === "stop") lastName = undefined;
    let owner: string | undefined;
    if (PRONOUNS.has(token.folded)) owner = lastName;
    else owner = possessiveName(token);
    // A name after "in", "at", "to", "from", "near" is a place ("lives in Bristol with her wife").
    if (isName(token) && !NAME_PREPOSITIONS.has(tokens[i - 1]?.folded ?? "")) {
      lastName = nameTerm(token);
    }
    if (owner === undefined || token.gap !== "space") continue;
    // The member's word right after the owner, or one word later ("Colleen's older sister").
    let at = i + 1;
    if (!isFamilyMember(tokens[at]?.folded ?? "")) {
      const between = tokens[at];
      // Not a name, nor a possessive: "Jonah's boss's son Kai" is the boss's son.
      if (
        between === undefined || between.gap !== "space" || POSSESSIVE.test(between.raw) ||
        isName(between)
      ) continue;
      at++;
      if (!isFamilyMember(tokens[at]?.folded ?? "")) continue;
    }
    const relative = relativeName(tokens, at);
    if (relative === undefined || relative === owner) continue;
    if (!found.some((one) => one.owner === owner && one.name === relative)) {
      found.push({ owner, name: relative });
    }
  }
  return Object.freeze(found);
});

/** The name given the family member whose word is at `at`: in apposition or after a copula. */
function relativeName(tokens: readonly Token[], at: number): string | undefined {
  const word = tokens[at]!;
  const next = tokens[at + 1];
  // "Jonah's mum Pauline", "Dev's girlfriend, Mirela, ...": a comma before needs one after.
  if (
    isRelativeName(next) && (word.gap === "space" || (word.gap === "comma" && next.gap === "comma"))
  ) {
    return nameTerm(next);
  }
  // "Colleen's sister is Brenda".
  if (word.gap === "space" && COPULAS.has(next?.folded ?? "") && next!.gap === "space") {
    const named = tokens[at + 2];
    if (isRelativeName(named)) return nameTerm(named);
  }
  return undefined;
}
