/**
 * The raster image types an avatar may be: PNG, JPEG, WebP and GIF, told by their first bytes
 * (magic numbers), never by the extension a card or bundle claims. Anything else (SVG above
 * all: a browser runs its scripts) is no avatar: dropped on import and never served as one.
 *
 * @module
 */
import { mimeOf, type StoredAsset } from "./assets.ts";
import { isPng } from "./png.ts";

/** The extension of an image from its first bytes (png, jpeg, webp, gif), or null. */
export function imageExt(bytes: Uint8Array): string | null {
  if (isPng(bytes)) return "png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  const head = new TextDecoder().decode(bytes.subarray(0, 12));
  if (head.startsWith("RIFF") && head.slice(8, 12) === "WEBP") return "webp";
  if (head.startsWith("GIF8")) return "gif";
  return null;
}

/** What {@linkcode rasterIcons} kept and dropped. */
export interface RasterIcons {
  /** The assets, each icon with bytes typed by those bytes. */
  kept: StoredAsset[];
  /** What the import result says of each icon dropped. */
  dropped: string[];
}

/**
 * `assets` with every icon that carries bytes checked: typed by its bytes when they are a raster
 * image (a PNG called `jpg` becomes `png`; `jpg` stays for a JPEG), dropped otherwise. Other assets, and icons that are
 * only a URI (never served), are kept as they are.
 */
export function rasterIcons(assets: readonly StoredAsset[]): RasterIcons {
  const kept: StoredAsset[] = [];
  const dropped: string[] = [];
  for (const asset of assets) {
    if (asset.type !== "icon" || !asset.data) {
      kept.push(asset);
      continue;
    }
    const ext = imageExt(asset.data);
    if (ext) kept.push(mimeOf(asset.ext) === mimeOf(ext) ? asset : { ...asset, ext });
    else {
      dropped.push(
        `The icon "${asset.name}" (${asset.ext}) was dropped: an icon must be a PNG, JPEG, WebP or GIF image`,
      );
    }
  }
  return { kept, dropped };
}
