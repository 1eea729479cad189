/**
 * The chunk layout of a PNG, read in place: each chunk's type and where it sits, its length
 * checked against the bytes received (a forged 4 GB length is refused, never allocated) and its
 * CRC checked (natively: 2 ms for 15 MB, where png-chunks-extract's took 250-330 ms). Nothing is
 * copied or decoded here: the card reader (`png.ts`) decodes only the text chunks whose keyword
 * is a card's, from subarrays of the file.
 *
 * @module
 */
import { crc32 } from "node:zlib";
import { InvalidInput, PayloadTooLarge } from "../errors.ts";

/** The 8 bytes every PNG starts with. */
export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** True when `bytes` start like a PNG. */
export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((byte, index) => bytes[index] === byte);
}

/**
 * Most chunks a PNG may have. A card PNG has a handful of its own (IHDR, PLTE, a few text chunks,
 * IEND) plus its image data, which encoders split into IDAT chunks: libpng writes 8 KiB each,
 * so a 16 MiB card file (the upload limit) holds about 2,000; 10,000 leaves room for encoders
 * that split finer. Past it a file is refused before a span is kept per chunk: 1.3 million empty
 * chunks in 15.6 MB otherwise cost seconds of CPU and hundreds of MB. The cap grows with a larger
 * CARD_MAX_BYTES ({@linkcode maxPngChunks}).
 */
export const MAX_PNG_CHUNKS = 10_000;

/** The card byte limit {@linkcode MAX_PNG_CHUNKS} is set for: CARD_MAX_BYTES' default, 16 MiB. */
const CHUNKS_SET_FOR_BYTES = 16 * 1024 * 1024;

/**
 * Most chunks a PNG may have under a card byte limit of `maxBytes`: {@linkcode MAX_PNG_CHUNKS}
 * up to the default 16 MiB, and as many more as a larger limit holds, in proportion (the same
 * room per byte; e.g. 20,000 at 32 MiB). Never fewer: a smaller limit keeps 10,000.
 */
export function maxPngChunks(maxBytes: number): number {
  return Math.max(MAX_PNG_CHUNKS, Math.ceil(MAX_PNG_CHUNKS * (maxBytes / CHUNKS_SET_FOR_BYTES)));
}

/** Where one chunk sits in the file: `start` at its length field, `end` past its CRC. */
export interface ChunkSpan {
  type: string;
  start: number;
  end: number;
}

/** The data of the chunk at `span` (a view, not a copy). */
export function chunkData(bytes: Uint8Array, span: ChunkSpan): Uint8Array {
  return bytes.subarray(span.start + 8, span.end - 4);
}

/** The error for a broken PNG. */
export function corrupt(detail: string): InvalidInput {
  return new InvalidInput(`The PNG is truncated or corrupt: ${detail}`, [
    { field: "file", message: `is not a complete PNG (${detail})` },
  ]);
}

/**
 * The chunk layout of `bytes`, refusing a file that does not start with the signature and IHDR,
 * a chunk that claims more bytes than remain, and a file without IEND. CRCs are not looked at
 * (see {@linkcode checkCrcs}), and a file of more than `options.maxChunks` chunks (by default
 * {@linkcode MAX_PNG_CHUNKS}).
 */
export function chunkSpans(
  bytes: Uint8Array,
  options: { maxChunks: number } = { maxChunks: MAX_PNG_CHUNKS },
): ChunkSpan[] {
  if (!isPng(bytes)) throw corrupt("it does not start with the PNG signature");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const spans: ChunkSpan[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) throw corrupt(`a chunk header is cut at byte ${offset}`);
    if (spans.length === options.maxChunks) throw tooManyChunks(options.maxChunks);
    const length = view.getUint32(offset);
    const type = chunkType(view.getUint32(offset + 4));
    const end = offset + 12 + length;
    if (end > bytes.length) {
      throw corrupt(`chunk ${type} at byte ${offset} claims ${length} bytes; the file ends first`);
    }
    if (spans.length === 0 && type !== "IHDR") throw corrupt("it does not start with IHDR");
    spans.push({ type, start: offset, end });
    offset = end;
    if (type === "IEND") return spans;
  }
  throw corrupt("it has no IEND chunk");
}

function tooManyChunks(limit: number): PayloadTooLarge {
  return new PayloadTooLarge(`The PNG has more than ${limit} chunks`, {
    limit_chunks: limit,
  });
}

/** Type names already seen, by their 4 bytes: a file of many chunks builds each name once. */
const TYPE_NAMES = new Map<number, string>();

/**
 * The name of the chunk type whose 4 bytes are `code`: its letters, or (bytes that are not all
 * ASCII letters, as no real chunk type is) `0x` and hex, so that no control character reaches a
 * message.
 */
function chunkType(code: number): string {
  let name = TYPE_NAMES.get(code);
  if (name === undefined) {
    const chars = [24, 16, 8, 0].map((shift) => (code >>> shift) & 0xff);
    const letters = chars.every((c) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));
    name = letters ? String.fromCharCode(...chars) : `0x${code.toString(16).padStart(8, "0")}`;
    // Bounded: at most maxChunks new names per file, and the cache is kept small.
    if (TYPE_NAMES.size < 256) TYPE_NAMES.set(code, name);
  }
  return name;
}

/** Throws when a chunk's CRC does not match its type and data (a file read, not one written). */
export function checkCrcs(bytes: Uint8Array, spans: readonly ChunkSpan[]): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const span of spans) {
    if (crc32(bytes.subarray(span.start + 4, span.end - 4)) !== view.getUint32(span.end - 4)) {
      throw corrupt(`chunk ${span.type} at byte ${span.start} fails its CRC check`);
    }
  }
}
