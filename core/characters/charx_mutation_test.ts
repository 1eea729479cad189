/**
 * The end of central directory record as `zipEntryCount` reads it (review37): after a comment
 * of any allowed length, deferring to a ZIP64 record, and a record listing one entry too many.
 */
import assert from "node:assert/strict";
import { strToU8, zipSync } from "fflate";
import { CHARX_MAX_FILES, readCharx, zipEntryCount } from "./charx.ts";

const LIMIT = { maxBytes: 16 * 1024 * 1024 };
const EOCD_SIZE = 22;

/** A stored zip of `count` small files. */
function zipOf(count: number): Uint8Array {
  const files = Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`f${i}.txt`, strToU8("x")]),
  );
  return zipSync(files, { level: 0 });
}

/** `zip` with a comment of `length` bytes after its record. */
function withComment(zip: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(zip.length + length).fill(0x20);
  out.set(zip);
  new DataView(out.buffer).setUint16(zip.length - EOCD_SIZE + 20, length, true);
  return out;
}

/**
 * `zip` whose record defers to a ZIP64 record (count 0xffff) giving `count` entries; the
 * locator points at `recordAt` (the record's own offset unless given).
 */
function withZip64(zip: Uint8Array, count: number, recordAt?: number): Uint8Array {
  const eocd = zip.length - EOCD_SIZE;
  const out = new Uint8Array(zip.length + 56 + 20);
  out.set(zip.subarray(0, eocd));
  const view = new DataView(out.buffer);
  const record = eocd;
  view.setUint32(record, 0x06064b50, true);
  view.setBigUint64(record + 4, 44n, true);
  view.setBigUint64(record + 24, 1n, true); // on this disk: not the total
  view.setBigUint64(record + 32, BigInt(count), true);
  const locator = record + 56;
  view.setUint32(locator, 0x07064b50, true);
  view.setBigUint64(locator + 8, BigInt(recordAt ?? record), true);
  view.setUint32(locator + 16, 1, true);
  out.set(zip.subarray(eocd), locator + 20);
  view.setUint16(locator + 20 + 8, 0xffff, true);
  view.setUint16(locator + 20 + 10, 0xffff, true);
  return out;
}

Deno.test("zipEntryCount finds the record behind a comment of up to 65,535 bytes", () => {
  const zip = zipOf(4);
  assert.equal(zipEntryCount(zip), 4);
  assert.equal(zipEntryCount(withComment(zip, 1_000)), 4);
  assert.equal(zipEntryCount(withComment(zip, 0xffff)), 4);
});

Deno.test("zipEntryCount reads the ZIP64 record's total when the record defers to it", () => {
  const zip = zipOf(2);
  assert.equal(zipEntryCount(withZip64(zip, 3)), 3);
  assert.throws(() => readCharx(withZip64(zip, 5_000), LIMIT), /\(5000\)/);
  // A locator pointing past the end: no ZIP64 record, the record's own count stands.
  const past = withZip64(zip, 3, zip.length + 74);
  assert.equal(zipEntryCount(past), 0xffff);
});

Deno.test("a record listing one entry over CHARX_MAX_FILES is refused by the record", () => {
  const zip = zipOf(2);
  const lying = zip.slice();
  new DataView(lying.buffer).setUint16(lying.length - EOCD_SIZE + 10, CHARX_MAX_FILES + 1, true);
  assert.throws(() => readCharx(lying, LIMIT), new RegExp(`\\(${CHARX_MAX_FILES + 1}\\)`));
  const atBound = zip.slice();
  new DataView(atBound.buffer).setUint16(atBound.length - EOCD_SIZE + 10, CHARX_MAX_FILES, true);
  assert.equal(zipEntryCount(atBound), CHARX_MAX_FILES);
});
