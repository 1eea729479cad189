/**
 * Character cards inside PNG images: the card's JSON, UTF-8 then base64, in a `tEXt` chunk named
 * `chara` (V1/V2) or `ccv3` (V3; preferred when both are there); read from `iTXt` and `zTXt`
 * chunks too, and leniently (`png_text.ts`). Chunks are read and written
 * with `png-chunks-extract`, `png-chunk-text` and `png-chunks-encode`.
 *
 * Before the library sees a file, a walk over the chunk headers checks that every chunk fits in
 * the bytes received: `png-chunks-extract` allocates each chunk at the size its header claims,
 * so a forged 4 GB length would otherwise be a 4 GB allocation. The same walk finds where the
 * card chunks sit, so they are cut out of (and new ones spliced into) the image without
 * re-encoding its pixel data.
 *
 * @module
 */
import extractChunks from "png-chunks-extract";
import encodeChunks from "png-chunks-encode";
import pngText from "png-chunk-text";
import { InvalidInput } from "../errors.ts";
import { toBase64 } from "./assets.ts";
import {
  cardJsonOf,
  decodeTextChunk,
  inflateBudget,
  lenientBase64,
  TEXT_CHUNK_TYPES,
} from "./png_text.ts";

/** The 8 bytes every PNG starts with. */
export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Keywords of the text chunks a card may use (SillyTavern writes `chara` in lower case). */
const CARD_KEYWORDS = new Set(["chara", "ccv3"]);
/**
 * V3's discouraged embedded-asset chunks: `chara-ext-asset_:{path}` in the spec, written
 * `chara-ext-asset_{path}` (no colon) by RisuAI, which made them: both are read.
 */
const ASSET_PREFIX = "chara-ext-asset_";

/** The asset path of an asset chunk's keyword, or undefined for another keyword. */
function assetPath(keyword: string): string | undefined {
  if (!keyword.startsWith(ASSET_PREFIX)) return undefined;
  const rest = keyword.slice(ASSET_PREFIX.length);
  return rest.startsWith(":") ? rest.slice(1) : rest;
}

/** True when `bytes` start like a PNG. */
export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((byte, index) => bytes[index] === byte);
}

/** Where one chunk sits in the file. */
interface ChunkSpan {
  type: string;
  start: number;
  end: number;
}

function corrupt(detail: string): InvalidInput {
  return new InvalidInput(`The PNG is truncated or corrupt: ${detail}`, [
    { field: "file", message: `is not a complete PNG (${detail})` },
  ]);
}

/** The chunk layout of `bytes`, refusing any chunk that claims more bytes than remain. */
function chunkSpans(bytes: Uint8Array): ChunkSpan[] {
  if (!isPng(bytes)) throw corrupt("it does not start with the PNG signature");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const spans: ChunkSpan[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) throw corrupt(`a chunk header is cut at byte ${offset}`);
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > bytes.length) {
      throw corrupt(`chunk ${type} at byte ${offset} claims ${length} bytes; the file ends first`);
    }
    spans.push({ type, start: offset, end });
    offset = end;
    if (type === "IEND") return spans;
  }
  throw corrupt("it has no IEND chunk");
}

/** What a PNG card holds. */
export interface PngCard {
  /** The card's JSON text. */
  json: string;
  /** The chunk it came from. */
  chunk: "ccv3" | "chara";
  /** The image without any card chunk (the avatar). */
  image: Uint8Array;
  /** `chara-ext-asset_:` chunks, by path (`__asset:{path}` URIs). */
  assets: Map<string, Uint8Array>;
}

function notBase64(what: string): InvalidInput {
  return new InvalidInput(`The PNG's ${what} chunk is neither base64 nor JSON`, [
    { field: "file", message: `has a ${what} chunk that is not base64` },
  ]);
}

function decoded<T>(read: () => T, what: string): T {
  try {
    return read();
  } catch {
    throw notBase64(what);
  }
}

/** True for the keywords whose chunks are read: the card's and its assets'. */
function isOurKeyword(keyword: string): boolean {
  return CARD_KEYWORDS.has(keyword.toLowerCase()) || keyword.startsWith(ASSET_PREFIX);
}

/**
 * Reads the card of a PNG file; -32602 when there is none or the file is broken. The card may
 * be in a `tEXt`, `iTXt` or `zTXt` chunk (`png_text.ts`); compressed text may expand to at most
 * `maxBytes`.
 */
export function readPngCard(bytes: Uint8Array, options = { maxBytes: 16 * 1024 * 1024 }): PngCard {
  const spans = chunkSpans(bytes);
  let chunks: Array<{ name: string; data: Uint8Array }>;
  try {
    chunks = extractChunks(bytes);
  } catch (error) {
    throw corrupt((error as Error).message);
  }
  const texts = new Map<string, string>();
  const assets = new Map<string, Uint8Array>();
  // One inflate budget for the whole file; a card keyword already read is not read again.
  const budget = inflateBudget(options.maxBytes);
  const wanted = (keyword: string) => isOurKeyword(keyword) && !texts.has(keyword.toLowerCase());
  const textOptions = { budget, wanted };
  for (const chunk of chunks) {
    if (!TEXT_CHUNK_TYPES.has(chunk.name)) continue;
    // A malformed text chunk that is not ours does not matter.
    const text = decodeTextChunk(chunk.name, chunk.data, textOptions);
    if (text === null) continue;
    const keyword = text.keyword.toLowerCase();
    if (CARD_KEYWORDS.has(keyword) && !texts.has(keyword)) texts.set(keyword, text.text);
    const path = assetPath(text.keyword);
    if (path !== undefined) assets.set(path, decoded(() => lenientBase64(text.text), "asset"));
  }
  const chunk = texts.has("ccv3") ? "ccv3" : texts.has("chara") ? "chara" : null;
  if (chunk === null) {
    throw new InvalidInput("The PNG carries no character card (no chara or ccv3 text chunk)", [
      { field: "file", message: "is a PNG without a character card" },
    ]);
  }
  const json = decoded(() => cardJsonOf(texts.get(chunk) ?? ""), chunk);
  return { json, chunk, image: withoutCardChunks(bytes, spans), assets };
}

function isCardChunk(bytes: Uint8Array, span: ChunkSpan): boolean {
  if (!TEXT_CHUNK_TYPES.has(span.type)) return false;
  const data = bytes.subarray(span.start + 8, span.end - 4);
  const nul = data.indexOf(0);
  // A keyword is at most 79 bytes; a chunk without its NUL is no card chunk either.
  const keyword = String.fromCharCode(...data.subarray(0, Math.min(nul < 0 ? 80 : nul, 80)));
  return isOurKeyword(keyword);
}

function withoutCardChunks(bytes: Uint8Array, spans: ChunkSpan[]): Uint8Array {
  const kept = spans.filter((span) => !isCardChunk(bytes, span));
  const size = PNG_SIGNATURE.length + kept.reduce((sum, span) => sum + span.end - span.start, 0);
  const out = new Uint8Array(size);
  out.set(PNG_SIGNATURE);
  let offset = PNG_SIGNATURE.length;
  for (const span of kept) {
    out.set(bytes.subarray(span.start, span.end), offset);
    offset += span.end - span.start;
  }
  return out;
}

/** The bytes of one encoded chunk (length, type, data, CRC), via png-chunks-encode. */
function encodedChunk(chunk: { name: string; data: Uint8Array }): Uint8Array {
  return encodeChunks([chunk]).subarray(PNG_SIGNATURE.length);
}

/**
 * `image` (a PNG) with `texts` (keyword → JSON text) as base64 `tEXt` chunks before its IEND;
 * card chunks it already had are replaced.
 */
export function writePngCard(image: Uint8Array, texts: ReadonlyMap<string, string>): Uint8Array {
  const spans = chunkSpans(image);
  const clean = withoutCardChunks(image, spans);
  const iend = spans[spans.length - 1];
  const inserted = [...texts].map(([keyword, json]) =>
    encodedChunk(pngText.encode(keyword, toBase64(new TextEncoder().encode(json))))
  );
  const iendAt = clean.length - (iend ? iend.end - iend.start : 12);
  const size = clean.length + inserted.reduce((sum, chunk) => sum + chunk.length, 0);
  const out = new Uint8Array(size);
  out.set(clean.subarray(0, iendAt));
  let offset = iendAt;
  for (const chunk of inserted) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  out.set(clean.subarray(iendAt), offset);
  return out;
}
