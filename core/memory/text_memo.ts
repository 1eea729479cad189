/**
 * Facts about a text that depend on the text alone, remembered: a search reads the same
 * memory texts again and again (its candidates' voice and intent, their terms), each read a
 * pass of Unicode regular expressions. Bounded by what is held: past
 * {@linkcode TEXT_MEMO_LIMIT} texts or {@linkcode TEXT_MEMO_CHARS} characters of them (a
 * client can store long memories) the memory forgets the older half of them (in the order they
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

/** `compute`, remembered for the texts it was asked about (see the module's documentation). */
export function rememberedByText<T>(compute: (text: string) => T): TextMemo<T> {
  const memo = new Map<string, T>();
  let chars = 0;
  const remembered = (text: string): T => {
    let value = memo.get(text);
    if (value === undefined && !memo.has(text)) {
      value = compute(text);
      if (memo.size >= TEXT_MEMO_LIMIT || chars + text.length > TEXT_MEMO_CHARS) {
        for (const older of memo.keys()) {
          if (memo.size < TEXT_MEMO_LIMIT / 2 && chars + text.length <= TEXT_MEMO_CHARS / 2) break;
          memo.delete(older);
          chars -= older.length;
        }
      }
      memo.set(text, value);
      chars += text.length;
    }
    return value as T;
  };
  fullness.push(() => Math.max(memo.size / TEXT_MEMO_LIMIT, chars / TEXT_MEMO_CHARS));
  return Object.defineProperties(
    Object.assign(remembered, {
      forget() {
        memo.clear();
        chars = 0;
      },
    }),
    { size: { get: () => memo.size } },
  ) as TextMemo<T>;
}
