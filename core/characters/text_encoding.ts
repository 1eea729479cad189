/**
 * Text of the bytes other applications write: JSON files and card chunks that should be UTF-8
 * but were saved by editors and encoders that did otherwise.
 *
 * @module
 */

/** Text of bytes that should be UTF-8; Windows-1252 when they are not (old encoders' Latin-1). */
export function utf8OrLatin1(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/**
 * The text of a JSON file as editors save it: UTF-8 (with or without a BOM), UTF-16 with its
 * BOM (Windows Notepad's "Unicode"), or Windows-1252 when the bytes are not UTF-8 (an old editor's
 * "ANSI"), rather than U+FFFD in place of every accented letter.
 */
export function jsonText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return utf8OrLatin1(bytes);
}
