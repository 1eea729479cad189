/**
 * Unicode's confusables (TR39, `npm:unhomoglyph`'s data): each character's prototype, the
 * character a reader could take it for. Kept packed (`confusables.gen.json`, written by
 * `gen_confusables.ts`): the 6,311 characters' code points in order, found by binary search, and
 * their prototypes in one text. The package's JSON as a module was one object of 6,311 properties
 * held for the life of the server, ~0.6 MB of heap for a lookup that only non-ASCII names make;
 * packed, ~0.1 MB.
 *
 * @module
 */
import data from "./confusables.gen.json" with { type: "json" };

/** The packed table: see {@linkcode packConfusables}. */
export interface PackedConfusables {
  /** Where the table comes from (package and file). */
  source: string;
  /** The characters, in code point order, one after another. */
  chars: string;
  /** Their prototypes, in the same order, each followed by a newline. */
  prototypes: string;
}

/** Packs `table` (character → prototype, one code point each key, no newline in a prototype). */
export function packConfusables(
  table: Readonly<Record<string, string>>,
  source: string,
): PackedConfusables {
  const chars = Object.keys(table).sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  for (const char of chars) {
    if ([...char].length !== 1) throw new RangeError(`"${char}" is not one character`);
    if (table[char]!.includes("\n")) {
      throw new RangeError(`the prototype of "${char}" has a newline`);
    }
  }
  return {
    source,
    chars: chars.join(""),
    prototypes: chars.map((char) => `${table[char]}\n`).join(""),
  };
}

/** The lookup over one packed table. */
export class Confusables {
  readonly #codes: Uint32Array;
  readonly #prototypes: string;
  /** Where each prototype starts in the text, then one past the last one's newline. */
  readonly #starts: Uint32Array;

  constructor(packed: PackedConfusables) {
    const codes = [...packed.chars].map((char) => char.codePointAt(0)!);
    this.#codes = Uint32Array.from(codes);
    this.#prototypes = packed.prototypes;
    this.#starts = new Uint32Array(codes.length + 1);
    let row = 1;
    for (let at = 0; row <= codes.length; at++) {
      at = packed.prototypes.indexOf("\n", at);
      if (at < 0) throw new RangeError("fewer prototypes than characters");
      this.#starts[row++] = at + 1;
    }
  }

  /** Characters in the table. */
  get size(): number {
    return this.#codes.length;
  }

  /** The prototype of `char` (one code point), or undefined when it has none. */
  prototypeOf(char: string): string | undefined {
    const code = char.codePointAt(0);
    if (code === undefined || char.length !== (code > 0xffff ? 2 : 1)) return undefined;
    const codes = this.#codes;
    let low = 0;
    let high = codes.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = codes[middle]!;
      if (found === code) {
        return this.#prototypes.slice(this.#starts[middle]!, this.#starts[middle + 1]! - 1);
      }
      if (found < code) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }
}

/** The shipped table. */
export const CONFUSABLES: Confusables = new Confusables(data);
