/**
 * A lorebook's value bound (`LORE_LIMITS.values`) checked on the file's text, before `JSON.parse`
 * (fix135; attack32 M1's residual). The upload's own bound (`LORE_UPLOAD_VALUES`, 920,000 of
 * every value) must let this server's World Info export of a book at the bound through (it
 * writes each extension member twice), so a file of 400,000-920,000 values was parsed whole,
 * 0.5-0.9 s on the event loop, before the book's own count refused it.
 *
 * One pass over the text finds where the book is (the document's shape, as `formats.ts` reads
 * it) and counts, for each entry, the commas outside strings inside the values the book's count
 * takes in (`book_values.ts`): its key lists' items, its `extensions` members and unknown fields
 * (in a World Info entry: its fields that go to `extensions`, each name once, as
 * `fromWorldInfoEntry` overrides them). Each such comma is one value the book's count counts
 * too (an array of n items is n values, and n - 1 commas), so the count here is at most the
 * book's: past `LORE_LIMITS.values`, the book is surely refused, and is refused here with the
 * same error. The pass stops counting once past it (the rest is only skipped, to learn the
 * document's shape); a text it cannot follow is left to `JSON.parse` to judge.
 *
 * @module
 */
import { InvalidInput } from "../errors.ts";
import {
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
  skipString,
} from "../json_depth.ts";
import { BOOK_VALUES_MESSAGE, ENTRY_FIELDS, LORE_LIMITS } from "./book.ts";
import { snakeCase, ST_ENTRY_FIELDS } from "./formats.ts";
import { ST_AS_IS_NAMES } from "./world_info.ts";

/** What a text is read as: a lorebook file (any shape `formats.ts` reads) or a character card. */
export type BookDocument = "lorebook" | "card";

const COMMA = 0x2c;
const COLON = 0x3a;
/** Not a text this pass follows: `JSON.parse` says what is wrong with it. */
const LOST = Symbol("lost");
const KEY_LISTS = new Set(["keys", "secondary_keys", "key", "keysecondary"]);

/** Counts of the places a book may be in a document (the last of a repeated name wins). */
interface Places {
  /** `entries` at the root: a SillyTavern world, or a bare `character_book`. */
  world: number;
  /** `data.entries`: a `lorebook_v3`. */
  v3: number;
  /** `data.character_book.entries`: a card's book. */
  card: number;
  /** The root's `spec`, `kind` and `type` when text, and whether it has `lorebookVersion`. */
  marks: Map<string, string | true>;
}

class TextScan {
  at = 0;
  /** Set once a place's count is past the limit: every later entry is only skipped. */
  past = false;
  constructor(readonly text: string, readonly limit: number) {}

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
      while (this.at < text.length && !",}] \n\r\t".includes(text[this.at]!)) this.at++;
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
    const raw = this.text.slice(start, this.at);
    if (!raw.includes("\\")) return raw.slice(1, -1);
    // A long escaped name is no name a book reads.
    return raw.length > 1000 ? "" : JSON.parse(raw);
  }

  /** Each member of the object at the cursor: `each` reads (or skips) its value. */
  members(each: (name: string) => void): void {
    this.at++;
    for (let code = this.space(); code !== CLOSE_OBJECT; code = this.space()) {
      if (code !== QUOTE) throw LOST;
      const name = this.string();
      if (this.space() !== COLON) throw LOST;
      this.at++;
      this.space();
      each(name);
      code = this.space();
      if (code === COMMA) this.at++;
      else if (code !== CLOSE_OBJECT) throw LOST;
    }
    this.at++;
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

  /** The counted commas of the entries at the cursor (`world`: World Info entries are read so). */
  entries(world: boolean): number {
    let total = 0;
    const one = () => {
      if (this.past || this.space() !== OPEN_OBJECT) return void this.skip();
      total += this.entry(world);
      if (total > this.limit) this.past = true;
    };
    const first = this.space();
    if (first === OPEN_ARRAY) this.items(one);
    else if (first === OPEN_OBJECT && world) this.members(one);
    else this.skip();
    return total;
  }

  /** The counted commas of the entry object at the cursor (see the module doc). */
  entry(world: boolean): number {
    const fields = new Map<string, number>();
    const lists = new Map<string, number>();
    const nulls = new Set<string>();
    let extensions: Map<string, number> | undefined;
    this.members((name) => {
      const first = this.space();
      if (name === "extensions") extensions = undefined;
      if (name === "extensions" && first === OPEN_OBJECT) {
        const members = new Map<string, number>();
        this.members((member) => members.set(member, this.skip()));
        extensions = members;
      }
      nulls.delete(name);
      lists.delete(name);
      if (name === "extensions" && extensions) return void fields.set(name, 0);
      if (this.text.startsWith("null", this.at)) nulls.add(name);
      const commas = this.skip(KEY_LISTS.has(name));
      fields.set(name, commas);
      if (KEY_LISTS.has(name) && first === OPEN_ARRAY) lists.set(name, commas);
    });
    // SillyTavern's shape (`key`, no `keys`): read as `formats.ts` reads it.
    const stShape = world && fields.has("key") && !fields.has("keys");
    const open = new Map(extensions ?? []);
    let total = 0;
    for (const list of stShape ? ["key", "keysecondary"] : ["keys", "secondary_keys"]) {
      total += lists.get(list) ?? 0;
    }
    for (const [name, commas] of fields) {
      if (!stShape) total += ENTRY_FIELDS.has(name) ? 0 : commas;
      else if (!ST_ENTRY_FIELDS.has(name) && !nulls.has(name)) {
        open.set(ST_AS_IS_NAMES.has(name) ? name : snakeCase(name), commas);
      }
    }
    for (const commas of open.values()) total += commas;
    return total;
  }

  /** The counts of each place a book may be in the document at the cursor. */
  places(): Places {
    const places: Places = { world: 0, v3: 0, card: 0, marks: new Map() };
    if (this.space() !== OPEN_OBJECT) throw LOST;
    this.members((name) => {
      const first = this.space();
      if (name === "entries") places.world = this.entries(true);
      else if (name === "data") {
        [places.v3, places.card] = [0, 0];
        if (first !== OPEN_OBJECT) return void this.skip();
        this.members((field) => {
          if (field === "entries") places.v3 = this.entries(false);
          else if (field !== "character_book") this.skip();
          else if (this.space() !== OPEN_OBJECT) {
            places.card = 0;
            this.skip();
          } else {
            places.card = 0;
            this.members((part) => {
              if (part === "entries") places.card = this.entries(false);
              else this.skip();
            });
          }
        });
      } else if (["spec", "kind", "type"].includes(name) && first === QUOTE) {
        places.marks.set(name, this.string());
      } else {
        places.marks.delete(name);
        if (name === "lorebookVersion" || (name === "persona" && first === OPEN_OBJECT)) {
          places.marks.set(name, true);
        }
        this.skip();
      }
    });
    return places;
  }
}

/** Where the book of `document` is and its count, from its places; null when no count applies. */
function bookOf(places: Places, document: BookDocument): { field: string; count: number } | null {
  const spec = places.marks.get("spec");
  const card = spec === "chara_card_v2" || spec === "chara_card_v3";
  if (document === "card") {
    // An Agnai character (no spec, a `persona`) is read another way (`agnai.ts`).
    if (typeof spec !== "string" && places.marks.has("persona")) return null;
    return { field: "card.data.character_book", count: places.card };
  }
  if (spec === "lorebook_v3") return { field: "lorebook.data", count: places.v3 };
  if (card) return { field: "lorebook.data.character_book", count: places.card };
  const foreign = places.marks.has("lorebookVersion") || places.marks.get("kind") === "memory" ||
    places.marks.get("type") === "risu";
  return foreign ? null : { field: "lorebook", count: places.world };
}

/**
 * Where the book of the JSON `text` of a `document` is, and a lower bound of its values as
 * `LORE_LIMITS.values` counts them (the module doc), counted up to just past `limit`; null when
 * no book is found or the text cannot be followed.
 */
export function textBookValues(
  text: string,
  document: BookDocument,
  limit: number = LORE_LIMITS.values,
): { field: string; count: number } | null {
  const scan = new TextScan(text, limit);
  try {
    return bookOf(scan.places(), document);
  } catch (error) {
    if (error === LOST || error instanceof SyntaxError) return null;
    throw error;
  }
}

/**
 * Refuses the JSON `text` of a lorebook file or a card (`document`) whose book surely holds more
 * than `LORE_LIMITS.values` values, with the error the book's reader gives it once parsed
 * (-32602 naming the book), found without parsing (see the module doc).
 */
export function assertTextBookValues(text: string, document: BookDocument): void {
  // Fewer commas in all than the bound: no book in it can be past it.
  if (text.length <= LORE_LIMITS.values) return;
  const book = textBookValues(text, document);
  if (!book || book.count <= LORE_LIMITS.values) return;
  const what = document === "card" ? "character card" : "lorebook";
  throw new InvalidInput(`Invalid ${what}: ${book.field} ${BOOK_VALUES_MESSAGE}`, [
    { field: book.field, message: BOOK_VALUES_MESSAGE },
  ]);
}
