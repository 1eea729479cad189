/**
 * Text of the bytes other applications write: JSON files and card chunks that should be UTF-8
 * but were saved by editors and encoders that did otherwise.
 *
 * Bytes that are not valid UTF-8 are read one of two ways. A file that is mostly valid UTF-8 (more
 * valid multi-byte sequences than invalid bytes) is UTF-8 with a few stray bytes, from an editor
 * that pasted one Windows-1252 character into a UTF-8 file: only those bytes are read as
 * Windows-1252, so "Zoë" stays "Zoë". Any other file is an old editor's "ANSI": all of it is read as
 * Windows-1252, as before. A file-wide re-read of a UTF-8 file turned every accent into mojibake
 * ("Zoë" → "ZoÃ«") for one stray byte.
 *
 * @module
 */
import { InvalidInput } from "../errors.ts";

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** The 256 characters of Windows-1252, by byte (WHATWG's table: 0x81, 0x8D... map to C1 controls). */
const WINDOWS_1252 = new TextDecoder("windows-1252").decode(
  Uint8Array.from({ length: 256 }, (_, byte) => byte),
);

/** `bytes` without a leading UTF-8 byte-order mark. */
function withoutUtf8Bom(bytes: Uint8Array): Uint8Array {
  return UTF8_BOM.every((byte, index) => bytes[index] === byte) ? bytes.subarray(3) : bytes;
}

/**
 * The length of the valid UTF-8 sequence at `bytes[at]` (a byte at least 0x80), or 0 when there
 * is none (the Unicode standard's table 3-7 of well-formed sequences).
 */
function sequenceLength(bytes: Uint8Array, at: number): number {
  const lead = bytes[at] ?? 0;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return 0;
  if (at + length > bytes.length) return 0;
  const second = bytes[at + 1] ?? 0;
  if (second < low || second > high) return 0;
  for (let i = 2; i < length; i++) {
    const next = bytes[at + i] ?? 0;
    if (next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}

/**
 * `bytes` (not valid UTF-8) read as UTF-8 where a sequence is valid and as Windows-1252 byte by
 * byte where it is not; null when most of its non-ASCII bytes are not UTF-8 (then the file is
 * Windows-1252 throughout).
 */
function mostlyUtf8(bytes: Uint8Array): string | null {
  const units = new Uint16Array(bytes.length);
  let length = 0;
  let valid = 0;
  let invalid = 0;
  for (let at = 0; at < bytes.length;) {
    const byte = bytes[at] ?? 0;
    if (byte < 0x80) {
      units[length++] = byte;
      at++;
      continue;
    }
    const size = sequenceLength(bytes, at);
    if (size === 0) {
      units[length++] = WINDOWS_1252.charCodeAt(byte);
      invalid++;
      at++;
      continue;
    }
    let point = byte & (0xff >> (size + 1));
    for (let i = 1; i < size; i++) point = (point << 6) | ((bytes[at + i] ?? 0) & 0x3f);
    if (point > 0xffff) {
      point -= 0x10000;
      units[length++] = 0xd800 + (point >> 10);
      units[length++] = 0xdc00 + (point & 0x3ff);
    } else {
      units[length++] = point;
    }
    valid++;
    at += size;
  }
  if (valid <= invalid) return null;
  return new TextDecoder("utf-16le").decode(units.subarray(0, length));
}

/**
 * Text of bytes that should be UTF-8 (a leading BOM dropped): UTF-8 when they are; UTF-8 with
 * its few stray bytes read as Windows-1252 when they mostly are; Windows-1252 otherwise (old
 * encoders' Latin-1).
 */
export function utf8OrLatin1(bytes: Uint8Array): string {
  const body = withoutUtf8Bom(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return mostlyUtf8(body) ?? new TextDecoder("windows-1252").decode(body);
  }
}

function encodingRefused(encoding: string): InvalidInput {
  return new InvalidInput(`The file is ${encoding}, which is not read: save it as UTF-8`, [
    { field: "file", message: `is ${encoding}; save it as UTF-8` },
  ]);
}

/** True for a byte JSON text may start with when it is ASCII: whitespace or a printable. */
const isAscii = (byte: number | undefined) => byte !== undefined && byte >= 0x09 && byte < 0x7f;

/**
 * The encoding JSON text is in, from its first four bytes: its byte-order mark, or without one
 * the pattern of zero bytes its first two (ASCII) characters make (RFC 4627, section 3).
 */
function jsonEncoding(bytes: Uint8Array): "utf-8" | "utf-16le" | "utf-16be" | "utf-32" {
  const [a, b, c, d] = bytes;
  if (bytes.length >= 4) {
    if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return "utf-32";
    if (a === 0xff && b === 0xfe && c === 0 && d === 0) return "utf-32";
    if (a === 0 && b === 0 && c === 0 && isAscii(d)) return "utf-32";
    if (isAscii(a) && b === 0 && c === 0 && d === 0) return "utf-32";
  }
  if (a === 0xff && b === 0xfe) return "utf-16le";
  if (a === 0xfe && b === 0xff) return "utf-16be";
  if (bytes.length >= 4) {
    if (a === 0 && isAscii(b) && c === 0 && isAscii(d)) return "utf-16be";
    if (isAscii(a) && b === 0 && isAscii(c) && d === 0) return "utf-16le";
  }
  return "utf-8";
}

/**
 * The text of a JSON file as editors save it: UTF-8 (with or without a BOM), UTF-16 with or
 * without its BOM (Windows Notepad's "Unicode"), or Windows-1252 when the bytes are not UTF-8 (an
 * old editor's "ANSI"), rather than U+FFFD in place of every accented letter. UTF-32 is refused
 * (-32602) by name: no editor people use saves JSON so, and TextDecoder cannot read it.
 */
export function jsonText(bytes: Uint8Array): string {
  const encoding = jsonEncoding(bytes);
  if (encoding === "utf-32") throw encodingRefused("UTF-32");
  if (encoding === "utf-8") return utf8OrLatin1(bytes);
  return new TextDecoder(encoding).decode(bytes);
}
