/**
 * A cheap whole-file check of an avatar image (attack17 F9): the magic bytes
 * ({@linkcode imageExt}) only say what a file claims to be; these checks walk its structure so a
 * header followed by junk, or a truncated file, is refused instead of stored and shown broken.
 * No pixels are decoded:
 *
 * - PNG: every chunk from IHDR to IEND, lengths and CRCs (`png_chunks.ts`).
 * - JPEG: the SOI marker first and the EOI marker last (trailing zero padding allowed).
 * - WebP: the RIFF size matches the file's length (a pad byte allowed).
 * - GIF: the logical screen descriptor present and the trailer byte (`;`) last.
 *
 * @module
 */
import { imageExt } from "./image_type.ts";
import { checkCrcs, chunkSpans, maxPngChunks } from "./png_chunks.ts";

/** The image types {@linkcode imageProblem} knows. */
export type ImageExt = "png" | "jpeg" | "webp" | "gif";

/** Trailing zero bytes some writers pad a file with, at most this many, are allowed. */
const MAX_PADDING = 1024;

function trimmedEnd(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0 && bytes.length - end < MAX_PADDING && bytes[end - 1] === 0) end--;
  return end;
}

function pngProblem(bytes: Uint8Array): string | null {
  try {
    checkCrcs(bytes, chunkSpans(bytes, { maxChunks: maxPngChunks(bytes.length) }));
    return null;
  } catch (error) {
    return (error as Error).message.replace(/^The PNG is truncated or corrupt: /, "");
  }
}

function jpegProblem(bytes: Uint8Array): string | null {
  const end = trimmedEnd(bytes);
  if (end < 4 || bytes[end - 2] !== 0xff || bytes[end - 1] !== 0xd9) {
    return "it does not end with the JPEG end-of-image marker (truncated or followed by junk)";
  }
  return null;
}

function webpProblem(bytes: Uint8Array): string | null {
  if (bytes.length < 16) return "it is shorter than a WebP header";
  const size = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  const expected = size + 8;
  if (expected !== bytes.length && expected + (size % 2) !== bytes.length) {
    return `its RIFF header says ${expected} bytes, the file has ${bytes.length}`;
  }
  return null;
}

function gifProblem(bytes: Uint8Array): string | null {
  // Header (6) + logical screen descriptor (7) + trailer (1).
  if (bytes.length < 14) return "it is shorter than a GIF header";
  const end = trimmedEnd(bytes);
  if (bytes[end - 1] !== 0x3b) {
    return "it does not end with the GIF trailer (truncated or followed by junk)";
  }
  return null;
}

const CHECKS: Record<ImageExt, (bytes: Uint8Array) => string | null> = {
  png: pngProblem,
  jpeg: jpegProblem,
  webp: webpProblem,
  gif: gifProblem,
};

/**
 * What is wrong with `bytes` as a PNG, JPEG, WebP or GIF file, or null when its structure is
 * whole (see the module doc). A file of none of these types is a problem too.
 */
export function imageProblem(bytes: Uint8Array): string | null {
  const ext = imageExt(bytes) as ImageExt | null;
  if (!ext) return "is not a PNG, JPEG, WebP or GIF image";
  const problem = CHECKS[ext](bytes);
  return problem === null ? null : `is not a complete ${ext.toUpperCase()} image: ${problem}`;
}
