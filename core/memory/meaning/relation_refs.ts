/**
 * The relations file's stems written as references to their own lines (perf32): every stem of a
 * relation list is the key of a line of the same text (the generator keeps only stems of the
 * vocabulary, and writes every such stem a line), so a list is written as the lines' numbers,
 * three characters each ({@linkcode REF_DIGITS}, base 90), with no commas: `pal chum,buddi|...`
 * becomes three characters per stem (`pal !(R$7i|...`). The text a server holds for WordNet's relations shrinks from 4.7 to
 * 2.3 MB (a reference costs 3 characters where a stem and its comma cost 7.2 on average); a
 * stem is read back from its line's key when its line is decoded, which `word_relations.ts`
 * does once per stem.
 *
 * Only the lists are written so (the parts split by `|` and, in the fifth part, `;`): a line's
 * key and its sixth part (the sense order, `sense_order.ts`) stay as they were.
 *
 * A list of kinds (the second part, and the fifth part's second list) keeps each kind's
 * direction (recall106): a broader kind (a hypernym), written after {@linkcode BROADER} in the
 * plain text (`^dog` among "pooch"'s kinds), is referenced past the last line, its line's number
 * plus the number of lines; a narrower kind (a kind of the line's stem: "guinea pig" of
 * "rodent") as any stem. No character more, and a reference past the lines in any other list
 * is still refused.
 *
 * @module
 */
import { SortedLines } from "./sorted_lines.ts";

/** The data's `format` when its relation lists are written as line references. */
export const LINE_REFS = "line-refs-3-directed";
/** What the data's `about` says of the format. */
export const LINE_REFS_ABOUT = `; lists written as line references (${LINE_REFS}: each stem ` +
  "the number of its own line in three base-90 digits, no commas; a broader kind's number " +
  "plus the number of lines; relation_refs.ts)";
/** Before a kind in a plain list of kinds: a broader kind (a hypernym), not a kind of the stem. */
export const BROADER = "^";
/** The digits of a reference: printable ASCII but `"`, `\` (JSON escapes them), `|` and `;`. */
const REF_DIGITS = [...Array(94)].map((_, i) => String.fromCharCode(33 + i))
  .filter((digit) => !`"\\|;`.includes(digit)).join("");
const BASE = REF_DIGITS.length;
/** Characters of one reference. */
const WIDTH = 3;
/** The most lines references can number (90³ = 729,000). */
export const REF_CAPACITY = BASE ** WIDTH;
/** Each digit's value by char code, -1 for none. */
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE; i++) VALUES[REF_DIGITS.charCodeAt(i)] = i;
/**
 * The value of a reference's first two digits, by their char codes (`first << 7 | second`); for
 * a pair that is none, low enough that any reference with it is below line 0.
 */
const PAIRS = new Int32Array(128 * 128).fill(-BASE * BASE);
for (let first = 0; first < BASE; first++) {
  for (let second = 0; second < BASE; second++) {
    PAIRS[(REF_DIGITS.charCodeAt(first) << 7) | REF_DIGITS.charCodeAt(second)] = first * BASE +
      second;
  }
}

/**
 * `text` (`key rest` lines sorted by key, lists of stems separated by `,`) with each list's stems
 * written as references to their lines. Throws when a stem has no line or the lines are not
 * sorted: such a text cannot be written so.
 */
export function packRelationLines(text: string): string {
  const lines = new SortedLines(text, " ");
  if (!lines.sorted) throw new Error("relation lines must be sorted by key to be packed");
  if (lines.size > REF_CAPACITY) throw new Error(`more than ${REF_CAPACITY} relation lines`);
  const numbers = new Map<string, number>();
  let at = 0;
  for (const key of lines.keys()) numbers.set(key, at++);
  const reference = (written: string, kinds: boolean) => {
    const broader = kinds && written.startsWith(BROADER);
    const stem = broader ? written.slice(BROADER.length) : written;
    let line = numbers.get(stem);
    if (line === undefined) throw new Error(`"${stem}" is related but has no line`);
    if (broader) {
      line += lines.size;
      if (line >= REF_CAPACITY) throw new Error(`too many relation lines for broader kinds`);
    }
    return REF_DIGITS[Math.floor(line / BASE / BASE)]! +
      REF_DIGITS[Math.floor(line / BASE) % BASE]! + REF_DIGITS[line % BASE]!;
  };
  const packList = (list: string, kinds = false) =>
    list.split(",").filter(Boolean).map((stem) => reference(stem, kinds)).join("");
  return text.split("\n").map((line) => {
    // An empty line (a text ending in a line break) stays one, so the packed lines stay sorted.
    if (line === "") return line;
    const space = line.indexOf(" ");
    const parts = line.slice(space + 1).split("|");
    const packed = parts.map((part, i) =>
      i === 5
        ? part
        : i === 4
        ? part.split(";").map((list, j) => packList(list, j === 1)).join(";")
        : packList(part, i === 1)
    );
    return `${line.slice(0, space)} ${packed.join("|")}`;
  }).join("\n");
}

/**
 * The stems of packed lists (`packRelationLines`), read from the keys of their lines. Each key is
 * sliced out once and kept (by line: a few thousand in a server's life): the same stem comes back
 * in line after line, and one string object keeps the hash V8 computes for it (the maps the
 * relations build hash every stem). A reference is read by its first two characters at once.
 */
export class LineRefs {
  readonly #lines: SortedLines;
  readonly #keys: (string | undefined)[];

  /** References to the lines of `lines` (sorted). */
  constructor(lines: SortedLines) {
    this.#lines = lines;
    this.#keys = new Array(lines.size);
  }

  /**
   * The stems of the packed `list`, in order. Throws on a list that is not packed (its length
   * no multiple of three) or a reference to no line: the data is broken, and an empty stem
   * would pass for a relation (review40 R4).
   */
  stems(list: string): string[] {
    return this.#read(list, false);
  }

  /**
   * The stems of a packed list of kinds, in order, each broader kind (referenced past the last
   * line) also added to `broader` when given. Throws as {@linkcode stems} does.
   */
  kinds(list: string, broader?: Set<string>): string[] {
    return this.#read(list, true, broader);
  }

  #read(list: string, kinds: boolean, broader?: Set<string>): string[] {
    if (list.length % WIDTH !== 0) throw new Error(`relation list "${list}" is not packed`);
    const size = this.#lines.size;
    const stems = new Array<string>(Math.floor(list.length / WIDTH));
    for (let at = 0, i = 0; i < stems.length; at += WIDTH, i++) {
      let line = PAIRS[(list.charCodeAt(at) << 7) | list.charCodeAt(at + 1)]! * BASE +
        VALUES[list.charCodeAt(at + 2)]!;
      const up = kinds && line >= size;
      if (up) line -= size;
      // NaN (a character past ASCII) fails this too.
      if (!(line >= 0 && line < size)) {
        throw new Error(`relation list "${list}" references no line`);
      }
      const stem = this.#keys[line] ??= this.#lines.keyAt(line);
      stems[i] = stem;
      if (up) broader?.add(stem);
    }
    return stems;
  }
}
