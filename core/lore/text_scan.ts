/**
 * A cursor over JSON text for the book counts read before `JSON.parse` (`text_values.ts`,
 * `text_entry.ts`): it skips values (counting their commas outside strings) and walks the members
 * of objects and the items of arrays, decoding a member's name only when asked.
 *
 * @module
 */
import {
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
  skipString,
} from "../json_depth.ts";

const COMMA = 0x2c;
const COLON = 0x3a;
const BACKSLASH = 0x5c;
/** Not a text this pass follows: `JSON.parse` says what is wrong with it. */
export const LOST: unique symbol = Symbol("lost");

/**
 * What the text scans read since the process started: the object members they walked (a test
 * shows a refused upload was never scanned, and that a scan reads each member a bounded number
 * of times), and the most member names one entry's count held at once (bounded: `text_entry.ts`).
 */
export const textScanTally = { members: 0, held: 0 };

/** A cursor over JSON `text` (see the module doc). */
export class TextScan {
  at = 0;
  constructor(readonly text: string) {}

  /** The code at the next character that is no JSON whitespace. */
  space(): number {
    const text = this.text;
    let code = text.charCodeAt(this.at);
    while (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) {
      code = text.charCodeAt(++this.at);
    }
    return code;
  }

  /** Skips one value; returns its commas outside strings (`top`: those of its own items only). */
  skip(top = false): number {
    const text = this.text;
    const first = this.space();
    if (first === QUOTE) {
      this.at = skipString(text, this.at);
      return 0;
    }
    if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
      // A number, true, false or null: up to the next comma, bracket or space.
      let code = first;
      while (
        this.at < text.length && code !== COMMA && code !== CLOSE_OBJECT && code !== CLOSE_ARRAY &&
        code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09
      ) code = text.charCodeAt(++this.at);
      return 0;
    }
    let depth = 0;
    let commas = 0;
    for (; this.at < text.length; this.at++) {
      const code = text.charCodeAt(this.at);
      if (code === QUOTE) this.at = skipString(text, this.at) - 1;
      else if (code === OPEN_OBJECT || code === OPEN_ARRAY) depth++;
      else if (code === COMMA && (!top || depth === 1)) commas++;
      else if ((code === CLOSE_OBJECT || code === CLOSE_ARRAY) && --depth === 0) {
        this.at++;
        return commas;
      }
    }
    return commas;
  }

  /** A string value or member name (the cursor at its quote), decoded. */
  string(): string {
    const start = this.at;
    this.at = skipString(this.text, start);
    return this.decoded(start, this.at);
  }

  /** The string between `start` and `end` (its quotes), decoded. */
  decoded(start: number, end: number): string {
    const text = this.text;
    let at = start + 1;
    while (at < end - 1 && text.charCodeAt(at) !== BACKSLASH) at++;
    if (at >= end - 1) return text.slice(start + 1, end - 1);
    // A long escaped name is no name a book reads.
    return end - start > 1000 ? "" : JSON.parse(text.slice(start, end));
  }

  /**
   * Each member of the object at the cursor: `each` reads (or skips) its value, given where its
   * name is (decoded only when it is needed: `decoded`).
   */
  members(each: (start: number, end: number) => void): void {
    this.at++;
    for (let code = this.space(); code !== CLOSE_OBJECT; code = this.space()) {
      if (code !== QUOTE) throw LOST;
      const start = this.at;
      this.at = skipString(this.text, start);
      const end = this.at;
      if (this.space() !== COLON) throw LOST;
      this.at++;
      this.space();
      textScanTally.members++;
      each(start, end);
      code = this.space();
      if (code === COMMA) this.at++;
      else if (code !== CLOSE_OBJECT) throw LOST;
    }
    this.at++;
  }

  /** Each member of the object at the cursor, its name decoded: `each` reads (or skips) its value. */
  named(each: (name: string) => void): void {
    this.members((start, end) => each(this.decoded(start, end)));
  }

  /** Each item of the array at the cursor: `each` reads (or skips) it. */
  items(each: () => void): void {
    this.at++;
    for (let code = this.space(); code !== CLOSE_ARRAY; code = this.space()) {
      each();
      code = this.space();
      if (code === COMMA) this.at++;
      else if (code !== CLOSE_ARRAY) throw LOST;
    }
    this.at++;
  }
}
