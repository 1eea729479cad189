/**
 * CHARX (V3): a zip holding `card.json` at its root and the card's assets, referenced from the
 * card as `embeded://path` (the spec's spelling). Read and written with `fflate`.
 *
 * Reading is bounded: the zip is fed to fflate's streaming `Unzip` in small slices, so one push
 * can inflate at most about a thousand times its size (DEFLATE's ratio limit), and the bytes
 * inflated so far are counted against the limit, whatever sizes the zip's headers claim. A zip
 * bomb is refused after a bounded amount of work and memory, not after it has expanded.
 *
 * @module
 */
import { strToU8, Unzip, UnzipInflate, type Zippable, zipSync } from "fflate";
import { InvalidInput, PayloadTooLarge } from "../errors.ts";
import { jsonText } from "./text_encoding.ts";
import { joinedBytes } from "../bytes.ts";

/** Most files accepted in one CHARX. */
export const CHARX_MAX_FILES = 2048;
/** Compression methods fflate reads: stored and DEFLATE. */
const METHODS: ReadonlyMap<number, string> = new Map([[0, "stored"], [8, "deflate"]]);
/** Compressed bytes pushed to the inflater at a time (bounds what one push can expand to). */
const SLICE = 16 * 1024;

/** True when `bytes` start like a zip (a local file header). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The files of a CHARX, by path, and its card's JSON text. */
export interface CharxContents {
  json: string;
  files: Map<string, Uint8Array>;
}

function invalid(detail: string): InvalidInput {
  return new InvalidInput(`Not a valid CHARX file: ${detail}`, [
    { field: "file", message: `is not a valid CHARX (${detail})` },
  ]);
}

function tooMany(listed?: number): InvalidInput {
  const count = listed === undefined ? "" : ` (${listed})`;
  return invalid(`it holds more than ${CHARX_MAX_FILES} files and directories${count}`);
}

const EOCD = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;

/**
 * The number of entries the zip's end of central directory record gives (ZIP64's when the
 * record defers to it), or undefined when no record is found (a truncated zip: its entries are
 * then counted as they are read).
 */
export function zipEntryCount(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The record ends the zip, followed by a comment of at most 65,535 bytes.
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - 0xffff);
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at--) {
    if (view.getUint32(at, true) !== EOCD) continue;
    const count = view.getUint16(at + 10, true);
    if (count !== 0xffff) return count;
    return zip64EntryCount(view, at) ?? count;
  }
  return undefined;
}

function zip64EntryCount(view: DataView, eocd: number): number | undefined {
  const locator = eocd - 20;
  if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) return undefined;
  const record = Number(view.getBigUint64(locator + 8, true));
  if (record + 40 > view.byteLength || view.getUint32(record, true) !== ZIP64_EOCD) {
    return undefined;
  }
  return Number(view.getBigUint64(record + 32, true));
}

/** Reads a CHARX; its files may expand to at most `maxBytes` in total. */
export function readCharx(bytes: Uint8Array, options: { maxBytes: number }): CharxContents {
  if (!isZip(bytes)) throw invalid("it is not a zip archive");
  const listed = zipEntryCount(bytes);
  if (listed !== undefined && listed > CHARX_MAX_FILES) throw tooMany(listed);
  const files = new Map<string, Uint8Array>();
  let total = 0;
  let count = 0;
  let failure: Error | null = null;
  const unzip = new Unzip((file) => {
    if (failure) return;
    // Directories count as entries: they cost the unzip as much as files.
    if (++count > CHARX_MAX_FILES) {
      failure = tooMany();
      return;
    }
    if (file.name.endsWith("/")) return;
    if (!METHODS.has(file.compression)) {
      // fflate would fail with "ctr is not a constructor" (attack28 F12).
      failure = invalid(
        `${file.name} is compressed with method ${file.compression}; only stored and deflate are read`,
      );
      return;
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, data, final) => {
      if (failure) return;
      if (error) {
        failure = invalid(`${file.name}: ${error.message}`);
        return;
      }
      size += data.length;
      total += data.length;
      if (total > options.maxBytes) {
        failure = new PayloadTooLarge(
          `The CHARX expands to more than ${options.maxBytes} bytes (a zip bomb, or too many assets)`,
          { limit_bytes: options.maxBytes },
        );
        return;
      }
      parts.push(data);
      if (final) files.set(file.name, joinedBytes(parts, size));
    };
    try {
      file.start();
    } catch (error) {
      failure = invalid(`${file.name}: ${(error as Error).message}`);
    }
  });
  unzip.register(UnzipInflate);
  try {
    for (let offset = 0; offset < bytes.length && !failure; offset += SLICE) {
      unzip.push(bytes.subarray(offset, offset + SLICE), offset + SLICE >= bytes.length);
    }
  } catch (error) {
    failure ??= invalid((error as Error).message);
  }
  if (failure) throw failure;
  const card = files.get("card.json");
  if (!card) throw invalid("it has no card.json at its root");
  files.delete("card.json");
  return { json: jsonText(card), files };
}

/** A CHARX of `cardJson` and `files` (path → bytes); images are stored, not recompressed. */
export function writeCharx(cardJson: string, files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const entries: Zippable = { "card.json": strToU8(cardJson) };
  for (const [path, data] of files) {
    const packed = /\.(png|jpe?g|webp|avif|gif|mp3|ogg|mp4|webm)$/i.test(path);
    entries[path] = [data, { level: packed ? 0 : 6 }];
  }
  return zipSync(entries);
}
