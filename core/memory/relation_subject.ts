/**
 * A question about one of the speaker's people asked of a memory about another kind of person:
 * "What does the user's wife do for a living?" (or "my wife") and "The user's colleague Dennis
 * works in the legal office" (or "My colleague ..."). The memory's subject is the colleague, as
 * "my X" or "the user's X" makes X the subject, so it answers nothing of the wife's, however
 * many words it shares. Only kin against a companion (colleague, boss, friend, neighbour) and the
 * other way round: kin words name one another's members and synonyms ("spouse", "wife"; "kids",
 * "son"), which word order cannot tell apart.
 *
 * @module
 */
import { KIN_WORDS } from "./query_kin.ts";
import { COMPANIONS } from "./user_voice.ts";
import { words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";

/** Owners before a relation word: the speaker's ("my"), the user's, or a third person's pronoun. */
const OWNERS: ReadonlySet<string> = new Set(["my", "his", "her", "their"]);

type Kind = "kin" | "companion";

/**
 * Companions of the couple: the same person is often a partner, a fiancee and a wife over the
 * years, so they are of the kin's kind here ("My partner Sam ..." answers "my husband").
 */
const COUPLE: ReadonlySet<string> = new Set(
  ["partner", "boyfriend", "girlfriend", "fiance", "fiancee", "ex"],
);

function kindOf(word: string | undefined): Kind | undefined {
  if (word === undefined) return undefined;
  if (KIN_WORDS.has(word) || COUPLE.has(word)) return "kin";
  return COMPANIONS.has(word) ? "companion" : undefined;
}

/** The kind of the relation right after an owner at `at` (or one word later: "my older sister"). */
function relationAfter(folded: readonly string[], at: number): Kind | undefined {
  return kindOf(folded[at]) ?? kindOf(folded[at + 1]);
}

/** Where the words after an owner start at `i` ("my", "user s"), or -1. */
function ownedFrom(folded: readonly string[], i: number): number {
  if (OWNERS.has(folded[i]!)) return i + 1;
  return folded[i] === "user" && folded[i + 1] === "s" ? i + 2 : -1;
}

/** The kind of the first owned relation the query asks about ("the user's wife": kin). */
export function askedRelation(query: string): Kind | undefined {
  const folded = words(query);
  for (let i = 0; i < folded.length; i++) {
    const from = ownedFrom(folded, i);
    if (from < 0) continue;
    const kind = relationAfter(folded, from);
    if (kind !== undefined) return kind;
  }
  return undefined;
}

/** The kind of relation a memory opens with ("My colleague ...", "The user's sister ..."). */
export const openingRelation = rememberedByText((text): Kind | "" => {
  const folded = words(text);
  const from = ownedFrom(folded, folded[0] === "the" ? 1 : 0);
  return from < 0 ? "" : relationAfter(folded, from) ?? "";
});

/**
 * Whether `content` opens with a relation of the other kind than the query's `asked`
 * ({@linkcode askedRelation}): a companion's memory for a question about kin, or kin's for a
 * question about a companion.
 */
export function aboutOtherRelation(asked: Kind | undefined, content: string): boolean {
  if (asked === undefined) return false;
  const opening = openingRelation(content);
  return opening !== "" && opening !== asked;
}
