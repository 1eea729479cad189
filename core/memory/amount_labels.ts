/**
 * What an amount is of, read from the words right before it in its clause: its label ("car
 * insurance £45 a month", "Netflix £10.99 a month", "home insurance is £30 a month"). A restated
 * amount (`restated_quantities.ts`) must be of the same thing, and the kind (unit and period) does
 * not say that: two lines may only share a word ("insurance", "phone") and measure different
 * things (review46b H2). English narrows a noun by the noun or adjective before it (a compound:
 * "car insurance" is a kind of insurance, and not "home insurance"), and names a thing by a
 * name ("Netflix"): so two labels whose heads agree but whose modifiers differ, or a newer label
 * that is a name the older line never says, tell of different things.
 *
 * @module
 */
import { isContentWord, stem } from "./text.ts";

/**
 * Adjectives that say which one of a succession a thing is ("the new rent", "the current quote"):
 * what an update says of the same thing, so the noun after them is its head, and no modifier
 * that makes it another thing.
 */
export const SUCCESSION: ReadonlySet<string> = new Set(
  "new old current latest last next previous revised updated".split(" "),
);

/** How far back from an amount its label is read (a label is a few words). */
const LABEL_CHARS = 48;
/** Marks that end the clause an amount's label is read in ("moving, £575": no label). */
const CLAUSE_END = /[.,;!?\n()[\]]/gu;
/** A word of a label, as written (case kept: a capital marks a name). */
const LABEL_WORD = /\p{L}[\p{L}'’-]*/gu;

/** An amount's label: its head word (last content word) and the modifier before it, if any. */
export interface AmountLabel {
  /** The head as written ("insurance", "Netflix"). */
  head: string;
  /** The head's stem. */
  headStem: string;
  /** The stem of the content word right before the head ("car"), or "" for none. */
  modifier: string;
}

/**
 * The label of the amount starting at `index` in `text` (NFKC-normalised): the last content
 * words before it in its clause, a label's separator (":", "=", "→") and verbs of being left
 * out as function words are ("car insurance is £45": "car insurance"). Undefined when the clause
 * holds no content word before the amount.
 */
export function amountLabel(text: string, index: number): AmountLabel | undefined {
  const before = text.slice(Math.max(0, index - LABEL_CHARS), index);
  let start = 0;
  for (const end of before.matchAll(CLAUSE_END)) start = end.index + 1;
  const content = (before.slice(start).match(LABEL_WORD) ?? [])
    .filter((word) => isContentWord(word.toLowerCase()));
  const head = content.at(-1);
  if (head === undefined) return undefined;
  const modifier = content.at(-2)?.toLowerCase();
  return {
    head,
    headStem: stem(head.toLowerCase()),
    modifier: modifier === undefined || SUCCESSION.has(modifier) ? "" : stem(modifier),
  };
}

/** A word written as a name: a capital, then small letters ("Netflix"). */
const NAME = /^\p{Lu}\p{Ll}/u;

/**
 * Whether two amounts' labels tell different things: the same head narrowed by different
 * modifiers ("car insurance" and "home insurance"), or a newer head that is a name `older` never
 * says ("Netflix £10.99" after "phone plan £12"). No label on either side says nothing.
 */
export function labelsDiffer(
  older: { text: string; label: AmountLabel | undefined },
  newer: AmountLabel | undefined,
): boolean {
  if (newer === undefined) return false;
  if (NAME.test(newer.head) && !older.text.toLowerCase().includes(newer.head.toLowerCase())) {
    return true;
  }
  const label = older.label;
  return label !== undefined && label.headStem === newer.headStem && label.modifier !== "" &&
    newer.modifier !== "" && label.modifier !== newer.modifier;
}
