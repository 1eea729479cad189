/**
 * Whether a memory is *about* a name or only mentions it, for a question that is the name alone
 * (`bare_names.ts`). Every line naming Kav matches "Kav" alike; what tells the answers apart is
 * where the name stands in the line. English puts what a sentence is about first, as its
 * subject or its subject's owner ("Kav's birthday is 4 December", "Kav comes on Sundays"), and
 * introduces a person by apposition ("my sister Kavita", "their little girl Elsie", "cousin
 * Sam"), by a full name ("Bernie Walsh next door ...") or by an alias in brackets ("Kavita
 * (Kav)"). A name anywhere else is a mention in passing: an object or a prepositional phrase
 * ("Maja's due date with Elsie"), the second of a list ("me and Kav are both ..."), or a
 * question in someone's reply ("Juno replied: ... Will Maja and Elsie be there too?").
 *
 * Each capitalised word of the text is read once, with a few characters either side, so the
 * work is linear in the text.
 *
 * @module
 */
import { clips } from "./name_clippings.ts";
import { RELATION_NAME_WORDS } from "./relation_names.ts";
import { stem, words } from "./text.ts";

/**
 * The share of its told content a line keeps that only mentions the name asked alone
 * (`broad_subject.ts`): half, so a mention in passing that tells much more still counts, below a
 * line about the name that tells as much.
 */
export const MENTION_SHARE = 0.5;

/**
 * The share of its told content `content` keeps for a question that is one of `names` alone: 1
 * about it, {@linkcode MENTION_SHARE} mentioning it, 0 naming none of them (a long line about
 * someone else, reached through a bridge or a replacement, says nothing of the one asked).
 */
export function toldShare(content: string, names: readonly string[]): number {
  const hold = nameHold(content, names);
  return hold === "about" ? 1 : hold === "mention" ? MENTION_SHARE : 0;
}

/** How a text holds a name: as what it is about, in passing, or not at all. */
export type NameHold = "about" | "mention" | "none";

/** A capitalised word with its inner apostrophes and hyphens ("Kav's", "O'Neill"). */
const CAPITALISED = /(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}]*(?:['’-][\p{L}\p{N}]+)*/gu;

/**
 * What may stand before a word that opens a clause: nothing, or a sentence's end (".", "!",
 * "?", ";"), a colon (a reported line: "Theo said: Elsie calls me ...") or a line break, then
 * blanks, quotes or an opening bracket.
 */
const OPENS_CLAUSE = /(?:^|[.!?;:\r\n])[\s"“'‘(]*$/u;

/**
 * A possessed noun phrase right before a word, of one or two words in lower case: "my sister",
 * "their little girl", "our son", with the comma of an apposition.
 */
const POSSESSED_BEFORE =
  /(?:^|[^\p{L}])(?:[Mm]y|[Oo]ur|[Tt]heir|[Hh]is|[Hh]er|[Yy]our)(?:[^\S\r\n]+\p{Ll}[\p{Ll}-]*){1,2}[^\S\r\n]*,?[^\S\r\n]*$/u;

/** What may come before a text's first word. */
const LEADING = /^[\s"“'‘(]+/u;

/**
 * An opening bracket right before a name: the name glosses the words before it, an apposition
 * ("my sister's friend (Kav)", "Kavita (Kav)").
 */
const BRACKET_BEFORE = /\([^\S\r\n]*$/u;

/** The word right before, in lower case or capitalised ("cousin Sam", "Aunt Reena"). */
const WORD_BEFORE = /(\p{L}+)[^\S\r\n]+$/u;

/** A surname or an alias in brackets after the name ("Bernie Walsh", "Kavita (Kav)"). */
const INTRODUCED_AFTER = /^(?:[^\S\r\n]+\p{Lu}\p{Ll}|[^\S\r\n]*\()/u;

/** How far either side of a name its context is read (characters). */
const CONTEXT = 48;

/**
 * How `content` holds one of `names` (terms), as written or clipped ("Kav" for `kavita`):
 * `"about"` when one stands where English puts what a line is about (see the module's note),
 * `"mention"` when one stands only elsewhere, `"none"` when none is there.
 */
export function nameHold(content: string, names: readonly string[]): NameHold {
  let hold: NameHold = "none";
  // Where the text's first word starts, past blanks and quotes, however many.
  const start = content.length - content.replace(LEADING, "").length;
  for (const match of content.matchAll(CAPITALISED)) {
    const folded = words(match[0])[0];
    if (folded === undefined || !isOneOf(stem(folded), names)) continue;
    const at = match.index!;
    const end = at + match[0].length;
    // A context cut short opens with a mark that is no letter, no blank and no stop: its first
    // character is then no text's start.
    const before = at <= CONTEXT ? content.slice(0, at) : `\0${content.slice(at - CONTEXT, at)}`;
    if (at === start || aboutAt(before, content.slice(end, end + 3))) return "about";
    hold = "mention";
  }
  return hold;
}

function isOneOf(term: string, names: readonly string[]): boolean {
  return names.some((name) => name === term || clips(name, term) || clips(term, name));
}

/** Whether a name with `before` and `after` it is what the line is about. */
function aboutAt(before: string, after: string): boolean {
  if (OPENS_CLAUSE.test(before)) return true;
  if (POSSESSED_BEFORE.test(before) || BRACKET_BEFORE.test(before)) return true;
  if (INTRODUCED_AFTER.test(after)) return true;
  const word = WORD_BEFORE.exec(before)?.[1];
  return word !== undefined && RELATION_NAME_WORDS.has(word.toLowerCase());
}
