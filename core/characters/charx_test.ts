import assert from "node:assert/strict";
import { strToU8, Zip, ZipPassThrough } from "fflate";
import { joinedBytes } from "../bytes.ts";
import { InvalidInput } from "../errors.ts";
import { CHARX_MAX_FILES, readCharx, zipEntryCount } from "./charx.ts";

const LIMIT = { maxBytes: 16 * 1024 * 1024 };
const CARD = strToU8(JSON.stringify({ spec: "chara_card_v3", data: { name: "Dirs" } }));

/** A zip of `entries` stored (name → bytes; a name ending in "/" is a directory), `method` set. */
function storedZip(entries: Array<[string, Uint8Array]>, method = 0): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((_error, data) => parts.push(data));
  for (const [name, data] of entries) {
    const file = new ZipPassThrough(name);
    file.compression = method;
    zip.add(file);
    file.push(data, true);
  }
  zip.end();
  return joinedBytes(parts, parts.reduce((sum, part) => sum + part.length, 0));
}

function withDirectories(count: number): Uint8Array {
  const entries: Array<[string, Uint8Array]> = [["card.json", CARD]];
  for (let i = 0; i < count; i++) entries.push([`d${i}/`, new Uint8Array()]);
  return storedZip(entries);
}

Deno.test("a CHARX's directory entries count against the entry cap (attack28 F2)", () => {
  assert.equal(readCharx(withDirectories(CHARX_MAX_FILES - 1), LIMIT).files.size, 0);
  assert.throws(
    () => readCharx(withDirectories(CHARX_MAX_FILES), LIMIT),
    (error) =>
      error instanceof InvalidInput && /more than 2048 files and directories/.test(error.message),
  );
});

Deno.test("the end of central directory record's count is checked before unzipping", () => {
  const zip = withDirectories(3);
  assert.equal(zipEntryCount(zip), 4);
  // Two entries whose record claims 5,000: refused by the record alone (the unzip reads two).
  const lying = zip.slice();
  const view = new DataView(lying.buffer);
  const eocd = lying.length - 22;
  view.setUint16(eocd + 8, 5000, true);
  view.setUint16(eocd + 10, 5000, true);
  assert.throws(() => readCharx(lying, LIMIT), /more than 2048 files and directories \(5000\)/);
  // A record claiming fewer than there are does not help: every entry is counted as read.
  const many = withDirectories(CHARX_MAX_FILES + 10);
  const hidden = many.slice();
  new DataView(hidden.buffer).setUint16(hidden.length - 22 + 10, 1, true);
  assert.equal(zipEntryCount(hidden), 1);
  assert.throws(() => readCharx(hidden, LIMIT), /more than 2048 files and directories$/);
});

Deno.test("an entry in an unsupported compression method is refused by name (attack28 F12)", () => {
  const bzip2 = storedZip([["card.json", CARD]], 12);
  assert.throws(
    () => readCharx(bzip2, LIMIT),
    (error) =>
      error instanceof InvalidInput &&
      error.message.includes("card.json is compressed with method 12") &&
      !error.message.includes("constructor"),
  );
});
