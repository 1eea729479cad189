/**
 * PNG text chunks as card files carry them in the wild. SillyTavern writes `tEXt` with the card's
 * UTF-8 JSON in base64; other tools and image editors that re-save a card write the same keyword
 * in `iTXt` (UTF-8, optionally compressed) or `zTXt` (compressed Latin-1), wrap the base64 in
 * lines, drop its padding, use the URL-safe alphabet, end it with a stray NUL, or put the JSON
 * itself in the chunk. Old encoders base64'd the JSON's Latin-1 (Windows-1252) bytes instead of
 * UTF-8. All of these are read here; compressed text is inflated in small slices and counted,
 * so a compressed chunk cannot expand past the card file limit.
 *
 * Chunk layouts (PNG specification, 11.3.4): `tEXt` keyword NUL text; `zTXt` keyword NUL
 * method zlib-data; `iTXt` keyword NUL flag method language NUL translated-keyword NUL text.
 *
 * @module
 */
import { Unzlib } from "fflate";
import { InvalidInput, PayloadTooLarge } from "../errors.ts";
import { decodeBase64 } from "./assets.ts";
import { utf8OrLatin1 } from "./text_encoding.ts";

/** The chunk types that hold text. */
export const TEXT_CHUNK_TYPES: ReadonlySet<string> = new Set(["tEXt", "zTXt", "iTXt"]);

/** Compressed bytes inflated at a time (one slice expands to at most about 1 MiB). */
const SLICE = 1024;

/** One text chunk: its keyword and its text, decoded as its chunk type says. */
export interface PngText {
  keyword: string;
  text: string;
}

/** WHATWG's "latin1" is Windows-1252: it differs from Latin-1 in 0x80-0x9F only. */
const WINDOWS_1252 = new TextDecoder("latin1");

/** `bytes` as Latin-1: decoded natively in one go, by slices when 0x80-0x9F bytes need it. */
function latin1(bytes: Uint8Array): string {
  const bulk = WINDOWS_1252.decode(bytes);
  // Windows-1252 reads those bytes past U+00FF (base64, the rule, never has them).
  if (!/[^\0-\xff]/.test(bulk)) return bulk;
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return text;
}

/** `data` (zlib) inflated, refused once it passes `maxBytes`. */
function inflate(data: Uint8Array, options: { maxBytes: number; keyword: string }): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  const unzlib = new Unzlib((part) => {
    size += part.length;
    if (size > options.maxBytes) {
      throw new PayloadTooLarge(
        `The PNG's compressed ${options.keyword} chunk expands to more than ${options.maxBytes} bytes`,
        { limit_bytes: options.maxBytes },
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
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * The keyword and text of a `tEXt`, `zTXt` or `iTXt` chunk's data; null when it is malformed.
 * `wanted` says which keywords are worth inflating (the others are skipped unread).
 */
export function decodeTextChunk(
  type: string,
  data: Uint8Array,
  options: { maxBytes: number; wanted: (keyword: string) => boolean },
): PngText | null {
  const nul = data.indexOf(0);
  if (nul < 1 || nul > 79) return null;
  const keyword = latin1(data.subarray(0, nul));
  if (!options.wanted(keyword)) return { keyword, text: "" };
  const rest = data.subarray(nul + 1);
  if (type === "tEXt") return { keyword, text: latin1(rest) };
  const inflateOptions = { maxBytes: options.maxBytes, keyword };
  if (type === "zTXt") return { keyword, text: latin1(inflate(rest.subarray(1), inflateOptions)) };
  if (type !== "iTXt" || rest.length < 2) return null;
  const compressed = rest[0] === 1;
  const languageEnd = rest.indexOf(0, 2);
  const translatedEnd = languageEnd < 0 ? -1 : rest.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return null;
  const body = rest.subarray(translatedEnd + 1);
  const bytes = compressed ? inflate(body, inflateOptions) : body;
  return { keyword, text: new TextDecoder().decode(bytes) };
}

/** Bytes of base64 as Node's decoder (SillyTavern's) reads it; throws when it is not base64. */
export function lenientBase64(text: string): Uint8Array {
  const cleaned = text.replace(/[\s\0]+/g, "").replace(/-/g, "+").replace(/_/g, "/")
    .replace(/=+$/, "");
  return decodeBase64(cleaned);
}

/**
 * The card JSON a card chunk's text holds: base64 of the JSON (the rule), or the JSON itself.
 * Throws when the text is neither.
 */
export function cardJsonOf(text: string): string {
  const raw = text.replace(/\0+$/, "");
  if (raw.trimStart().startsWith("{")) {
    // iTXt text is decoded already (it may hold characters past U+00FF); raw JSON in a Latin-1
    // chunk is usually UTF-8 bytes read one by one: read those again.
    if ([...raw].some((char) => char.charCodeAt(0) > 0xff)) return raw;
    return utf8OrLatin1(Uint8Array.from(raw, (char) => char.charCodeAt(0)));
  }
  return utf8OrLatin1(lenientBase64(raw));
}
