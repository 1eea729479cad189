/**
 * PNG text chunks as card files carry them in the wild. SillyTavern writes `tEXt` with the card's
 * UTF-8 JSON in base64; other tools and image editors that re-save a card write the same keyword
 * in `iTXt` (UTF-8, optionally compressed) or `zTXt` (compressed Latin-1), wrap the base64 in
 * lines, drop its padding, use the URL-safe alphabet, end it with a stray NUL, or put the JSON
 * itself in the chunk. Old encoders base64'd the JSON's Latin-1 (Windows-1252) bytes instead of
 * UTF-8. All of these are read here; compressed text is inflated in small slices and counted
 * against ONE budget for the whole file ({@linkcode InflateBudget}), so the chunks together cannot
 * expand past the card file limit (twenty 16 KB chunks of 16 MB each took 21 s of CPU and 620 MB
 * when each chunk had a limit of its own).
 *
 * Chunk layouts (PNG specification, 11.3.4): `tEXt` keyword NUL text; `zTXt` keyword NUL
 * method zlib-data; `iTXt` keyword NUL flag method language NUL translated-keyword NUL text.
 *
 * @module
 */
import { Unzlib } from "fflate";
import { InvalidInput, PayloadTooLarge } from "../errors.ts";
import { decodeBase64 } from "./assets.ts";
import { jsonText } from "./text_encoding.ts";
import { joinedBytes } from "../bytes.ts";

/** The chunk types that hold text. */
export const TEXT_CHUNK_TYPES: ReadonlySet<string> = new Set(["tEXt", "zTXt", "iTXt"]);

/** Compressed bytes inflated at a time (one slice expands to at most about 1 MiB). */
const SLICE = 1024;

/**
 * One text chunk: its keyword and its text's bytes, one character per byte (U+0000-U+00FF), for
 * {@linkcode cardJsonOf} to read as the card's encoding says: a `tEXt`/`zTXt` chunk's Latin-1
 * bytes and an `iTXt` chunk's UTF-8 bytes alike, so an `iTXt` text is decoded once, not twice.
 */
export interface PngText {
  /** The chunk's keyword (Latin-1, 1-79 characters), as written. */
  keyword: string;
  /** The text's bytes, one character each; empty for a keyword that was not wanted. */
  text: string;
}

/**
 * What the compressed text chunks of one file may expand to, together: create one per file
 * ({@linkcode inflateBudget}) and pass it to every {@linkcode decodeTextChunk} call.
 */
export interface InflateBudget {
  /** The most bytes all chunks may inflate to. */
  readonly maxBytes: number;
  /** Bytes inflated so far (all chunks). */
  inflated: number;
}

/** A fresh budget of `maxBytes` inflated bytes for one file. */
export function inflateBudget(maxBytes: number): InflateBudget {
  return { maxBytes, inflated: 0 };
}

/**
 * `bytes` one character per byte. Widened to UTF-16 code units and decoded at once: spreading
 * 32,768 arguments into `String.fromCharCode` took about 2 s per 16 MB, `TextDecoder("latin1")`
 * is Windows-1252 (0x80-0x9F become other characters), this about 40 ms.
 */
function latin1(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  units.set(bytes);
  return new TextDecoder("utf-16le").decode(units);
}

/** The bytes of `text`, whose characters are all at most U+00FF (a byte each). */
function bytesOfLatin1(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** `data` (zlib) inflated, refused once the file's chunks together pass the budget. */
function inflate(
  data: Uint8Array,
  options: { budget: InflateBudget; keyword: string },
): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  const budget = options.budget;
  const unzlib = new Unzlib((part) => {
    size += part.length;
    budget.inflated += part.length;
    if (budget.inflated > budget.maxBytes) {
      throw new PayloadTooLarge(
        `The PNG's compressed text chunks expand to more than ${budget.maxBytes} bytes (at the ${options.keyword} chunk)`,
        { limit_bytes: budget.maxBytes },
      );
    }
    parts.push(part);
  });
  try {
    for (let offset = 0; offset < data.length; offset += SLICE) {
      unzlib.push(data.subarray(offset, offset + SLICE), offset + SLICE >= data.length);
    }
  } catch (error) {
    if (error instanceof PayloadTooLarge) throw error;
    throw new InvalidInput(`The PNG's compressed ${options.keyword} chunk is corrupt`, [
      { field: "file", message: `has a ${options.keyword} chunk that does not inflate` },
    ]);
  }
  return joinedBytes(parts, size);
}

/**
 * The keyword and text of a `tEXt`, `zTXt` or `iTXt` chunk's data; null when it is malformed.
 * `wanted` says which keywords are worth reading (the others are skipped uninflated); `budget`
 * is the file's, shared by all its chunks.
 */
export function decodeTextChunk(
  type: string,
  data: Uint8Array,
  options: { budget: InflateBudget; wanted: (keyword: string) => boolean },
): PngText | null {
  const nul = data.indexOf(0);
  if (nul < 1 || nul > 79) return null;
  const keyword = latin1(data.subarray(0, nul));
  if (!options.wanted(keyword)) return { keyword, text: "" };
  const rest = data.subarray(nul + 1);
  if (type === "tEXt") return { keyword, text: latin1(rest) };
  const inflateOptions = { budget: options.budget, keyword };
  if (type === "zTXt") return { keyword, text: latin1(inflate(rest.subarray(1), inflateOptions)) };
  if (type !== "iTXt" || rest.length < 2) return null;
  const compressed = rest[0] === 1;
  const languageEnd = rest.indexOf(0, 2);
  const translatedEnd = languageEnd < 0 ? -1 : rest.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return null;
  const body = rest.subarray(translatedEnd + 1);
  // Its UTF-8 bytes as they are: `cardJsonOf` decodes them once.
  return { keyword, text: latin1(compressed ? inflate(body, inflateOptions) : body) };
}

/** Bytes of base64 as Node's decoder (SillyTavern's) reads it; throws when it is not base64. */
export function lenientBase64(text: string): Uint8Array {
  const cleaned = text.replace(/[\s\0]+/g, "").replace(/-/g, "+").replace(/_/g, "/");
  return decodeBase64(withoutTrailing(cleaned, "="));
}

/**
 * `text` without the run of `char` at its end, as `replace(/c+$/, "")` but linear: that regex,
 * tried at each character of a long run that something else follows, read the rest of the run
 * each time (a card chunk of 100,000 "=" or NUL then one letter took 5-7 s to import).
 */
function withoutTrailing(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return text.slice(0, end);
}

/**
 * The card JSON a card chunk's text ({@linkcode PngText}: its bytes, a character each) holds:
 * base64 of the JSON (the rule), or the JSON itself, read as {@linkcode jsonText} reads a card
 * file (UTF-8, UTF-16 with its BOM, or an old encoder's Windows-1252). Text that is not bytes
 * (a character past U+00FF) is taken as decoded already. Throws when the text is neither.
 */
export function cardJsonOf(text: string): string {
  const raw = withoutTrailing(text, "\0");
  if (raw.trimStart().startsWith("{")) {
    if (/[\u0100-\uffff]/.test(raw)) return raw;
    return jsonText(bytesOfLatin1(raw));
  }
  return jsonText(lenientBase64(raw));
}
