/**
 * Facts about a text that depend on the text alone, remembered: a search reads the same
 * memory texts again and again (its candidates' voice and intent, their terms), each read a
 * pass of Unicode regular expressions. Bounded by what is held: past
 * {@linkcode TEXT_MEMO_LIMIT} texts or {@linkcode TEXT_MEMO_CHARS} characters of them and of
 * their values (a client can store long memories, and a value may hold more than its text:
 * {@linkcode valueWeight}) the memory forgets the older half of them (in the order they
 * were first asked), which is cheaper per hit than keeping the most recently asked; forgetting
 * all at once made every search after it work each of its texts out again (attack29 F2: one
 * persona's long memories cleared them for all).
 *
 * @module
 */

/** How many texts one memo holds before it forgets the older half. */
export const TEXT_MEMO_LIMIT = 20_000;
/** How many characters of texts one memo holds before it forgets the older half (~16 MB of UTF-16). */
export const TEXT_MEMO_CHARS = 8_000_000;

/** A function of a text, remembered by text ({@linkcode rememberedByText}). */
export interface TextMemo<T> {
  (text: string): T;
  /** How many texts it holds. */
  readonly size: number;
  /** Forgets every text (for tests). */
  forget(): void;
}

/** How full each memo is: the larger of its share of {@linkcode TEXT_MEMO_LIMIT} and of chars. */
const fullness: Array<() => number> = [];

/**
 * Whether every memo made by {@linkcode rememberedByText} holds less than `share` of its bounds
 * (texts and characters): what texts worked out ahead of need (`memory_prep.ts`) may fill, so
 * that they never make a memo start over and leave room for the texts searches bring.
 */
export function textMemosBelow(share: number): boolean {
  return fullness.every((full) => full() < share);
}

/** What a small object, or an entry of a set or map, weighs in characters (~32 bytes). */
const OBJECT_WEIGHT = 16;

/**
 * About how many characters (two bytes each) `value` holds beyond its text: strings by their
 * length, objects, arrays, sets and maps by their entries, two levels deep (a text's list of
 * events or family words and what each holds). Values may hold many times their text: "I
 * walked. " repeated, 13 times as many bytes as events (attack30 F3).
 */
export function valueWeight(value: unknown, depth = 2): number {
  if (typeof value === "string") return value.length;
  if (typeof value !== "object" || value === null) return 0;
  if (depth === 0) return OBJECT_WEIGHT;
  const inner = (item: unknown) => OBJECT_WEIGHT / 4 + valueWeight(item, depth - 1);
  let weight = OBJECT_WEIGHT;
  if (Array.isArray(value)) { for (const item of value) weight += inner(item); }
  else if (value instanceof Set) {
    for (const item of value) {
      weight += OBJECT_WEIGHT + inner(item);
    }
  } else if (value instanceof Map) {
    for (const [key, item] of value) weight += OBJECT_WEIGHT + inner(key) + inner(item);
  } else for (const key in value) weight += inner((value as Record<string, unknown>)[key]);
  return weight;
}

/** `compute`, remembered for the texts it was asked about (see the module's documentation). */
export function rememberedByText<T>(compute: (text: string) => T): TextMemo<T> {
  const memo = new Map<string, T>();
  /** Each text's weight, its length and its value's ({@linkcode valueWeight}). */
  const weights = new Map<string, number>();
  let chars = 0;
  const remembered = (text: string): T => {
    let value = memo.get(text);
    if (value === undefined && !memo.has(text)) {
      value = compute(text);
      const weight = text.length + valueWeight(value);
      if (memo.size >= TEXT_MEMO_LIMIT || chars + weight > TEXT_MEMO_CHARS) {
        for (const older of memo.keys()) {
          if (memo.size < TEXT_MEMO_LIMIT / 2 && chars + weight <= TEXT_MEMO_CHARS / 2) break;
          memo.delete(older);
          chars -= weights.get(older)!;
          weights.delete(older);
        }
      }
      memo.set(text, value);
      weights.set(text, weight);
      chars += weight;
    }
    return value as T;
  };
  fullness.push(() => Math.max(memo.size / TEXT_MEMO_LIMIT, chars / TEXT_MEMO_CHARS));
  return Object.defineProperties(
    Object.assign(remembered, {
      forget() {
        memo.clear();
        weights.clear();
        chars = 0;
      },
    }),
    { size: { get: () => memo.size } },
  ) as TextMemo<T>;
}
