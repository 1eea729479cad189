/**
 * Character cards inside PNG images: the card's JSON, UTF-8 then base64, in a `tEXt` chunk named
 * `chara` (V1/V2) or `ccv3` (V3; preferred when both are there); read from `iTXt` and `zTXt`
 * chunks too, and leniently (`png_text.ts`). Chunks are written with `png-chunk-text` and
 * `png-chunks-encode`.
 *
 * Reading walks the chunk headers in place (`png_chunks.ts`: lengths against the bytes received,
 * CRCs) and decodes only the text chunks whose keyword is a card's, read from the keyword bytes
 * first: any other chunk, however large, is skipped unread (a 15 MB junk `tEXt` chunk took
 * 10 s and 660 MB when every text chunk was decoded, character by character). The same walk
 * finds where the card chunks sit, so they are cut out of (and new ones spliced into) the image
 * without re-encoding its pixel data.
 *
 * @module
 */
import encodeChunks from "png-chunks-encode";
import pngText from "png-chunk-text";
import { InvalidInput } from "../errors.ts";
import { toBase64 } from "./assets.ts";
import {
  checkCrcs,
  chunkData,
  type ChunkSpan,
  chunkSpans,
  MAX_PNG_CHUNKS,
  maxPngChunks,
  PNG_SIGNATURE,
} from "./png_chunks.ts";
import {
  cardJsonOf,
  decodeTextChunk,
  inflateBudget,
  lenientBase64,
  TEXT_CHUNK_TYPES,
} from "./png_text.ts";

export { isPng, PNG_SIGNATURE } from "./png_chunks.ts";

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
  const spans = chunkSpans(bytes, { maxChunks: maxPngChunks(options.maxBytes) });
  checkCrcs(bytes, spans);
  const texts = new Map<string, string>();
  const assets = new Map<string, Uint8Array>();
  // One inflate budget for the whole file; a card keyword already read is not read again.
  const budget = inflateBudget(options.maxBytes);
  const wanted = (keyword: string) => isOurKeyword(keyword) && !texts.has(keyword.toLowerCase());
  const textOptions = { budget, wanted };
  for (const span of spans) {
    if (!TEXT_CHUNK_TYPES.has(span.type)) continue;
    // A malformed text chunk that is not ours does not matter.
    const text = decodeTextChunk(span.type, chunkData(bytes, span), textOptions);
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
  const data = chunkData(bytes, span);
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
 * card chunks it already had are replaced. `options.maxBytes` (CARD_MAX_BYTES) sets how many chunks
 * it may have, as on import.
 */
export function writePngCard(
  image: Uint8Array,
  texts: ReadonlyMap<string, string>,
  options: { maxBytes?: number } = {},
): Uint8Array {
  const maxChunks = options.maxBytes === undefined
    ? MAX_PNG_CHUNKS
    : maxPngChunks(options.maxBytes);
  const spans = chunkSpans(image, { maxChunks });
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
