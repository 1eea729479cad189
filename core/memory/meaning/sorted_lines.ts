/**
 * A lookup table over generated text of `key<separator>rest` lines, made without splitting the
 * text: the generators write the lines sorted by key (code-unit order, JavaScript's `<`), so a
 * key is found by binary search over the lines' start offsets. Building a `Map` of 33,000 lines
 * (the WordNet relations) cost ~80 ms of the server's start on the main thread; the offsets cost
 * a few. Text that is not sorted, or has a line without a key, is read into a `Map` instead
 * (the same answers, the old cost).
 *
 * @module
 */

/** Lines of `key<separator>rest`, looked up by key. */
export class SortedLines {
  readonly #text: string;
  /** Each line's first character, in order (sorted text only). */
  readonly #starts: Int32Array | undefined;
  /** Where each line's key ends: its separator (sorted text only). */
  readonly #ends: Int32Array | undefined;
  /** The lines by key, when the text was not sorted. */
  readonly #map: Map<string, string> | undefined;
  /** Number of lines with a key. */
  readonly size: number;

  /** The lines of `text`; `separator` ends each line's key (a line without one is skipped). */
  constructor(text: string, separator: string) {
    this.#text = text;
    const lines = sortedLines(text, separator);
    if (lines !== undefined) {
      this.#starts = lines.starts;
      this.#ends = lines.ends;
      this.size = lines.starts.length;
    } else {
      this.#map = new Map();
      for (const line of text.split("\n")) {
        const at = line.indexOf(separator);
        if (at > 0) this.#map.set(line.slice(0, at), line.slice(at + 1));
      }
      this.size = this.#map.size;
    }
  }

  /** Whether the lines were found sorted (looked up by binary search). */
  get sorted(): boolean {
    return this.#starts !== undefined;
  }

  /** The rest of the line of `key` (after its separator), or undefined when there is none. */
  get(key: string): string | undefined {
    if (this.#map !== undefined) return this.#map.get(key);
    const starts = this.#starts!;
    const ends = this.#ends!;
    const text = this.#text;
    let low = 0;
    let high = starts.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const end = ends[middle]!;
      // Compared in place, code unit by code unit (JavaScript's `<`), no key copied out.
      const order = compareAt(text, starts[middle]!, end, key);
      if (order === 0) {
        const lineEnd = text.indexOf("\n", end);
        return text.slice(end + 1, lineEnd < 0 ? text.length : lineEnd);
      }
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  /** The key of line `line` (0 = the first) of a sorted text; "" for none. */
  keyAt(line: number): string {
    const starts = this.#starts;
    if (starts === undefined || !(line >= 0 && line < starts.length)) return "";
    return this.#text.slice(starts[line]!, this.#ends![line]!);
  }

  /** Every key, in the text's order. */
  *keys(): Iterable<string> {
    if (this.#map !== undefined) {
      yield* this.#map.keys();
      return;
    }
    for (let line = 0; line < this.size; line++) {
      yield this.#text.slice(this.#starts![line]!, this.#ends![line]!);
    }
  }
}

/** How `text.slice(start, end)` orders against `key`: negative before, 0 equal, positive after. */
function compareAt(text: string, start: number, end: number, key: string): number {
  const length = Math.min(end - start, key.length);
  for (let i = 0; i < length; i++) {
    const difference = text.charCodeAt(start + i) - key.charCodeAt(i);
    if (difference !== 0) return difference;
  }
  return end - start - key.length;
}

/**
 * Where `text`'s lines and their keys start and end when every line has a key and the keys rise
 * strictly; undefined otherwise. An empty text has no lines.
 */
function sortedLines(
  text: string,
  separator: string,
): { starts: Int32Array; ends: Int32Array } | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  let previous: string | undefined;
  // A newline at the very end ends the last line; it starts none.
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    const at = text.indexOf(separator, start);
    if (at <= start || at >= end) return undefined;
    const key = text.slice(start, at);
    if (previous !== undefined && !(previous < key)) return undefined;
    previous = key;
    starts.push(start);
    ends.push(at);
    if (newline < 0) break;
    start = newline + 1;
  }
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}
