/**
 * Facts about a text that depend on the text alone, remembered: a search reads the same
 * memory texts again and again (its candidates' voice and intent, their terms), each read a
 * pass of Unicode regular expressions. Bounded by what is held: past
 * {@linkcode TEXT_MEMO_LIMIT} texts or {@linkcode TEXT_MEMO_CHARS} characters of its values
 * (a value may hold more than its text: {@linkcode valueWeight}) a memo forgets the older half
 * of them (in the order they were first asked), which is cheaper per hit than keeping the most
 * recently asked; forgetting all at once made every search after it work each of its texts out
 * again (attack29 F2: one persona's long memories cleared them for all). The texts are held
 * once for all memos and bounded together ({@linkcode TEXT_CHARS}): past it every memo forgets
 * its older half.
 *
 * @module
 */
import { valueWeight } from "./value_weight.ts";

export { valueWeight };

/** How many texts one memo holds before it forgets the older half. */
export const TEXT_MEMO_LIMIT = 20_000;
/**
 * How many characters of values (and of their slot entries) one memo holds before it forgets the
 * older half (~64 MB of UTF-16 at most; what it adds to the texts, which {@linkcode TEXT_CHARS}
 * bounds). A search over memories of the longest content asks a memo about ~1,000 candidates
 * (two channels' pools of 500), and the heaviest values weigh ~2.4 times their text (the
 * lower-case words of `written_names.ts`): 8 M held ~330 of them, so each search worked them all
 * out again (attack38 A3). Most memos' values are far lighter than their texts, so most hold
 * far less; what they all hold is bounded through their texts.
 */
export const TEXT_MEMO_CHARS = 32_000_000;
/**
 * How many characters of texts the memos hold together before each forgets the older half of
 * its texts (~32 MB of UTF-16, less where a text is a stored memory's content, which the row
 * cache holds anyway). A text is held once, however many memos hold a value of it, and counted
 * once: counted by every memo, the ~800 candidates of 10,000 characters of a search asking 100
 * overfilled each memo, which forgot the older half and worked the same texts out again in the
 * same search and the next (attack38 A3: ~11,000 analyses and 5-33 s a search over 1,400 such
 * memories). What is left after forgetting half holds a whole search's texts.
 */
export const TEXT_CHARS = 16_000_000;

/** A function of a text, remembered by text ({@linkcode rememberedByText}). */
export interface TextMemo<T> {
  (text: string): T;
  /** How many texts it holds. */
  readonly size: number;
  /** How many characters it counts against {@linkcode TEXT_MEMO_CHARS} (values, slot entries). */
  readonly chars: number;
  /** Forgets every text (for tests). */
  forget(): void;
}

/** How many characters of texts the memos hold ({@linkcode TEXT_CHARS}): each text once. */
let textChars = 0;

/** How many characters of texts the memos hold, each text once (for tests). */
export function heldChars(): number {
  return textChars;
}

/** Each memo's forgetting of the older half of its texts, in the order the memos were made. */
const halvings: Array<() => void> = [];

/**
 * Makes room for a new text of `length` characters among the texts the memos hold: while they
 * would pass {@linkcode TEXT_CHARS}, every memo forgets the older half of its texts, until they
 * and the new one fit in half of it (a text goes when no memo holds a value of it; memos are asked
 * about a search's candidates together, so their older halves are mostly the same texts).
 */
function roomForText(length: number): void {
  if (textChars + length <= TEXT_CHARS) return;
  while (textChars > 0 && textChars + length > TEXT_CHARS / 2) {
    for (const halve of halvings) halve();
  }
}

/** How full each memo is: the larger of its share of {@linkcode TEXT_MEMO_LIMIT} and of chars. */
const fullness: Array<() => number> = [];
/** How many texts each memo holds, in the order they were made. */
const sizes: Array<() => number> = [];

/** How many texts each memo holds, in the order the memos were made (for tests). */
export function memoSizes(): number[] {
  return sizes.map((size) => size());
}

/** What {@linkcode rememberedByText} may be told of a memo. */
export interface TextMemoOptions {
  /**
   * Whether a search asks it of each of its candidates' texts: every search, or every search of
   * a kind (a query in the persona's own voice, one with a modifier of a noun, one asking how
   * things stand now), not only of a few best candidates; or of the contenders whose pairs the
   * pairing of facts and their updates reads (`update_pairs.ts`: up to `MAX_COMPARED` of each
   * voice, most of a small store's candidates). Such a memo is worked out ahead for a
   * memory ({@linkcode prepareText}, `memory_prep.ts`) when the memory is stored and in idle
   * time, rather than at the first search that finds the memory.
   */
  everyCandidate?: boolean;
}

/** The memos made with `everyCandidate` (see {@linkcode TextMemoOptions}). */
const candidateMemos: Array<(text: string) => unknown> = [];

/**
 * Asks every memo made with `everyCandidate` about `text` (each remembers its value): what a
 * search would otherwise work out about a memory's text the first time the memory is one of its
 * candidates, ~30 texts a search at 10,000 memories (perf52).
 */
export function prepareText(text: string): void {
  for (const memo of candidateMemos) memo(text);
}

/**
 * Whether every memo made by {@linkcode rememberedByText} holds less than `share` of its bounds
 * (texts and characters): what texts worked out ahead of need (`memory_prep.ts`) may fill, so
 * that they never make a memo start over and leave room for the texts searches bring.
 */
export function textMemosBelow(share: number): boolean {
  return textChars / TEXT_CHARS < share && fullness.every((full) => full() < share);
}

/**
 * Every memo's values of one text: `[how many memos hold one, memo 0's, memo 1's, ...]`
 * (`undefined` where a memo holds none, or holds `undefined`: see `undefinedOf`; shorter than the
 * memos made after it). Not set is `undefined` rather than a symbol: a lookup compares against
 * it, and `=== undefined` compiles to one pointer compare where `=== SYMBOL`, given the memos'
 * strings, numbers and objects, called the generic `StrictEqual` (~1 % of a recall's profile
 * ticks, fix125).
 */
type Slot = [number, ...unknown[]];

/** What a slot entry weighs in characters (8 bytes), counted by the memo that adds it (R10). */
const ENTRY_WEIGHT = 4;

/**
 * The memos' values by text, in one table shared by every memo: a search asks several memos
 * about each candidate's text, one after the other, and each memo of its own was a table as
 * large as the memory whose entry (and key string) a lookup had to fetch again; here the first
 * lookup of a text brings its entry into the CPU cache and the next memos find it there.
 */
const slots = new Map<string, Slot>();
/** How many memos were made: memo `i` keeps its values at `slot[i + 1]`. */
let memos = 0;

/** How many times some memo worked a value out (for tests and benches: analyses made). */
let computed = 0;

/** How many values the memos have worked out since the process began (for tests and benches). */
export function memoComputes(): number {
  return computed;
}

/**
 * How many times some memo was asked about a text (for tests and benches: a search's lookups,
 * each a table probe by a string whose entry is rarely still in the CPU cache from the chat
 * before, ~0.2-0.5 µs on the bench's chat path, perf82). One increment a lookup.
 */
let asked = 0;

/** How many lookups the memos have answered since the process began, worked out or held. */
export function memoLookups(): number {
  return asked;
}

/** How many texts some memo holds a value of (for tests: each once, however many memos hold it). */
export function heldTexts(): number {
  return slots.size;
}

/** Whether some memo holds a value of `text` (for tests). */
export function holdsText(text: string): boolean {
  return slots.has(text);
}

/** `compute`, remembered for the texts it was asked about (see the module's documentation). */
export function rememberedByText<T>(
  compute: (text: string) => T,
  options: TextMemoOptions = {},
): TextMemo<T> {
  const at = ++memos;
  /** The texts it holds, oldest first from `head` (none held twice: a text is added when absent). */
  let order: string[] = [];
  let head = 0;
  let chars = 0;
  /**
   * Each held text's weight, as `order`: its value's ({@linkcode valueWeight}) and the slot
   * entries this memo added for it (a text only late memos ask has a slot of ~37). The text
   * itself is counted once for every memo ({@linkcode TEXT_CHARS}).
   */
  let weights: number[] = [];
  /** The texts whose value is `undefined` (their slot entry reads as not set). */
  const undefinedOf = new Set<string>();
  const holds = (text: string, slot: Slot | undefined) =>
    slot !== undefined && (slot[at] !== undefined || undefinedOf.has(text));
  /** Forgets the value of `order[index]`, the text's slot with it when no memo holds one. */
  const release = (index: number) => {
    const text = order[index]!;
    const slot = slots.get(text)!;
    slot[at] = undefined;
    undefinedOf.delete(text);
    if (--slot[0] === 0) {
      slots.delete(text);
      textChars -= text.length;
    }
    chars -= weights[index]!;
  };
  const remember = (text: string, value: T, slot: Slot | undefined) => {
    let weight = valueWeight(value);
    if (order.length - head >= TEXT_MEMO_LIMIT || chars + weight > TEXT_MEMO_CHARS) {
      while (head < order.length) {
        if (order.length - head < TEXT_MEMO_LIMIT / 2 && chars + weight <= TEXT_MEMO_CHARS / 2) {
          break;
        }
        release(head++);
      }
      order = order.slice(head);
      weights = weights.slice(head);
      head = 0;
      // The text's own slot may have gone with the last memo's value of it.
      slot = slots.get(text);
    }
    if (slot === undefined) {
      roomForText(text.length);
      // Room up to this memo's value (later memos' values are added as they come).
      slot = new Array<unknown>(at + 1) as Slot;
      slot[0] = 0;
      slots.set(text, slot);
      textChars += text.length;
      weight += ENTRY_WEIGHT * (at + 1);
    } else if (slot.length <= at) {
      weight += ENTRY_WEIGHT * (at + 1 - slot.length);
      slot.length = at + 1;
    }
    // Worked out again by a `compute` that asked its own memo: the value is replaced, not added
    // (its first weight stays counted: such a text is rare and counted once).
    if (holds(text, slot)) {
      slot[at] = value;
      if (value === undefined) undefinedOf.add(text);
      else undefinedOf.delete(text);
      return;
    }
    slot[at] = value;
    if (value === undefined) undefinedOf.add(text);
    slot[0]++;
    order.push(text);
    weights.push(weight);
    chars += weight;
  };
  const remembered = (text: string): T => {
    asked++;
    const slot = slots.get(text);
    if (slot !== undefined && at < slot.length) {
      const value = slot[at];
      if (value !== undefined) return value as T;
      if (undefinedOf.size > 0 && undefinedOf.has(text)) return undefined as T;
    }
    computed++;
    const value = compute(text);
    remember(text, value, slots.get(text));
    return value;
  };
  fullness.push(() => Math.max((order.length - head) / TEXT_MEMO_LIMIT, chars / TEXT_MEMO_CHARS));
  sizes.push(() => order.length - head);
  halvings.push(() => {
    const held = order.length - head;
    if (held === 0) return;
    const end = head + Math.ceil(held / 2);
    while (head < end) release(head++);
    order = order.slice(head);
    weights = weights.slice(head);
    head = 0;
  });
  if (options.everyCandidate) candidateMemos.push(remembered);
  return Object.defineProperties(
    Object.assign(remembered, {
      forget() {
        for (let i = head; i < order.length; i++) release(i);
        order = [];
        weights = [];
        head = 0;
        chars = 0;
      },
    }),
    { size: { get: () => order.length - head }, chars: { get: () => chars } },
  ) as TextMemo<T>;
}
