/**
 * Card assets (V3): images, sounds and other files a card brings along. Stored with their bytes
 * whatever way they travelled (`embeded://` in a CHARX, `data:` URLs, the PNG itself for
 * `ccdefault:`), so any export format can carry them again; remote URLs are kept as URLs and
 * never fetched.
 *
 * @module
 */
import type { JsonObject } from "../lore/fields.ts";

/** One asset as stored. */
export interface StoredAsset {
  type: string;
  name: string;
  ext: string;
  /** The bytes, when the card carried them. */
  data?: Uint8Array;
  /** A URI kept as written (http(s), `ccdefault:`, or a reference that could not be resolved). */
  uri?: string;
  /** Asset fields beyond type, uri, name and ext, kept for export. */
  extra?: JsonObject;
}

const MIME_BY_EXT: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  avif: "image/avif",
  svg: "image/svg+xml",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  wav: "audio/wav",
  mp4: "video/mp4",
  webm: "video/webm",
  json: "application/json",
};

/** The MIME type of an asset extension. */
export function mimeOf(ext: string): string {
  return MIME_BY_EXT[ext.toLowerCase()] ?? "application/octet-stream";
}

/** The folder the V3 spec suggests for an asset of `ext` (`images`, `audio`, `video`, `other`). */
export function kindFolder(ext: string): string {
  const mime = mimeOf(ext);
  if (mime.startsWith("image/")) return "images";
  if (mime.startsWith("audio/")) return "audio";
  if (mime.startsWith("video/")) return "video";
  return "other";
}

/**
 * Base64 of `bytes`, natively (15 MB: 24 ms; the string built from 32 KiB slices and `btoa` it
 * replaced took 1.5-3.4 s, the most of a 15 MB card upload).
 */
export function toBase64(bytes: Uint8Array): string {
  return bytes.toBase64();
}

/**
 * The bytes of base64 `text` (whitespace and missing padding allowed, as `atob` allows them),
 * natively; throws on text that is not base64.
 */
export function decodeBase64(text: string): Uint8Array {
  // `\s` is wider than the ASCII whitespace the native decoder skips (a vertical tab, U+00A0).
  return Uint8Array.fromBase64(/\s/.test(text) ? text.replace(/\s+/g, "") : text);
}

/** A `data:` URL of `bytes` typed by `ext`. */
export function dataUrl(bytes: Uint8Array, ext: string): string {
  return `data:${mimeOf(ext)};base64,${toBase64(bytes)}`;
}

/** The bytes of a `data:` URL, or null when `uri` is not one (or is malformed). */
export function fromDataUrl(uri: string): Uint8Array | null {
  const match = /^data:([^,]*),(.*)$/s.exec(uri);
  if (!match) return null;
  const [, meta = "", payload = ""] = match;
  try {
    if (meta.endsWith(";base64")) return decodeBase64(payload);
    return new TextEncoder().encode(decodeURIComponent(payload));
  } catch {
    return null;
  }
}

/** The bytes of base64 text (or of a base64 `data:` URL); null when it is not valid base64. */
export function fromBase64(text: string): Uint8Array | null {
  if (text.startsWith("data:")) return fromDataUrl(text);
  try {
    return decodeBase64(text);
  } catch {
    return null;
  }
}

/** The main icon (avatar) among `assets`: the icon named `main`, else the first icon. */
export function mainIcon<T extends Pick<StoredAsset, "type" | "name">>(
  assets: readonly T[],
): T | undefined {
  const icons = assets.filter((asset) => asset.type === "icon");
  return icons.find((asset) => asset.name === "main") ?? icons[0];
}
