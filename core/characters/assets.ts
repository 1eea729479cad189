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

/** Base64 of `bytes`, in slices (a spread of megabytes would overflow the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The bytes of base64 `text`; throws on text that is not base64. */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text.replace(/\s+/g, ""));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
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
export function mainIcon(assets: readonly StoredAsset[]): StoredAsset | undefined {
  const icons = assets.filter((asset) => asset.type === "icon");
  return icons.find((asset) => asset.name === "main") ?? icons[0];
}
