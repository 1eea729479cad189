/**
 * Rows by string key over one text of keys (row = position in the text, keys separated by one
 * character): an open-addressing table of row numbers in one `Int32Array` (FNV-1a, linear
 * probing), the keys themselves staying in the text, found and compared in place. The word
 * vectors' 67,679 words and their stems were two `Map`s, whose build cost ~120 ms of the server's
 * start on the event loop under load; a table over a list of keys about half. The keys as one text
 * and their starts (perf32) hold ~1.1 MB of heap where the two lists of strings held ~4.3 MB.
 *
 * @module
 */

/** An empty cell. */
const EMPTY = -1;
/** FNV-1a's offset basis and prime (`numbers.ts`'s `fnv1a`, over a span of the text). */
const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;

/** The rows of the keys of a text by key: the first row of a repeated key, or the last. */
export class RowTable {
  readonly #text: string;
  readonly #separator: string;
  /** Each key's first character, then one past the text's end (plus its separator). */
  readonly #starts: Int32Array;
  readonly #cells: Int32Array;
  readonly #mask: number;
  /** Distinct keys. */
  readonly size: number;

  /**
   * A table of the keys of `text` as `text.split(separator)` gives them (an empty text: none);
   * `keep` says which row a repeated key keeps.
   */
  constructor(text: string, separator: string, keep: "first" | "last") {
    if (separator.length !== 1) throw new RangeError("a row table's separator is one character");
    this.#text = text;
    this.#separator = separator;
    this.#starts = keyStarts(text, separator);
    const count = this.#starts.length - 1;
    let capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    this.#cells = new Int32Array(capacity).fill(EMPTY);
    this.#mask = capacity - 1;
    let size = 0;
    for (let row = 0; row < count; row++) {
      const start = this.#starts[row]!;
      const cell = this.#cell(text, start, this.#starts[row + 1]! - 1);
      if (this.#cells[cell] === EMPTY) size++;
      else if (keep === "first") continue;
      this.#cells[cell] = row;
    }
    this.size = size;
  }

  /** The cell of `key.slice(start, end)`: where it is, or the empty one where it would go. */
  #cell(key: string, start: number, end: number): number {
    const cells = this.#cells;
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ key.charCodeAt(i), FNV_PRIME);
    let cell = (hash >>> 0) & this.#mask;
    for (let row = cells[cell]!; row !== EMPTY; row = cells[cell]!) {
      if (this.#keyIs(row, key, start, end)) return cell;
      cell = (cell + 1) & this.#mask;
    }
    return cell;
  }

  /** Whether the key of `row` is `key.slice(start, end)`, compared in place. */
  #keyIs(row: number, key: string, start: number, end: number): boolean {
    const from = this.#starts[row]!;
    if (this.#starts[row + 1]! - 1 - from !== end - start) return false;
    const text = this.#text;
    for (let i = 0; i < end - start; i++) {
      if (text.charCodeAt(from + i) !== key.charCodeAt(start + i)) return false;
    }
    return true;
  }

  /** Number of rows (repeated keys included). */
  get length(): number {
    return this.#starts.length - 1;
  }

  /** The keys, row by row (repeats included): a new list, split out of the text at once. */
  keys(): string[] {
    return this.length === 0 ? [] : this.#text.split(this.#separator);
  }

  /** The key of `row` (its place in the text). */
  keyAt(row: number): string | undefined {
    if (!(row >= 0 && row < this.length)) return undefined;
    return this.#text.slice(this.#starts[row]!, this.#starts[row + 1]! - 1);
  }

  /** The row of `key`, if it is one of the keys. */
  get(key: string): number | undefined {
    const row = this.#cells[this.#cell(key, 0, key.length)]!;
    return row === EMPTY ? undefined : row;
  }
}

/** Where each key of `text` starts, then `text.length + 1` (the end of a last separator). */
function keyStarts(text: string, separator: string): Int32Array {
  if (text === "") return Int32Array.of(1);
  let count = 1;
  for (let at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, at + 1)) count++;
  const starts = new Int32Array(count + 1);
  let row = 1;
  for (let at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, at + 1)) {
    starts[row++] = at + 1;
  }
  starts[count] = text.length + 1;
  return starts;
}
