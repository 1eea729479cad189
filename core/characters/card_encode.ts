/**
 * Writing card files: a card's data with its assets as JSON, PNG or CHARX, V2 or V3, each asset
 * in the form the file format allows (`codec.ts` reads them back). A V2 export keeps the V3-only
 * fields in this server's extension, so a round trip loses nothing.
 *
 * @module
 */
import { InvalidInput } from "../errors.ts";
import { cutText } from "../text_cut.ts";
import { isObject, type JsonObject } from "../lore/fields.ts";
import { dataUrl, kindFolder, mainIcon, mimeOf, type StoredAsset } from "./assets.ts";
import type { CardAssetRef, CardData } from "./card_data.ts";
import { toV2Card, toV3Card, v3OnlyFields } from "./card_writer.ts";
import {
  CARD_V3_KEY,
  type CardFormat,
  CHARX_FILE,
  isSafeZipPath,
  PERSONA_MCP,
  PLACEHOLDER_KEY,
} from "./card_format.ts";
import { writeCharx } from "./charx.ts";
import { isPng, writePngCard } from "./png.ts";

/** What to encode. */
export interface EncodeCardInput {
  data: CardData;
  assets: readonly StoredAsset[];
  spec: "v2" | "v3";
  format: CardFormat;
  /** A PNG to carry the card when the avatar is missing or not a PNG. */
  placeholder: () => Uint8Array;
  /** CARD_MAX_BYTES: an avatar PNG may have as many chunks as an imported card could. */
  maxBytes?: number;
}

/** An encoded card file. */
export interface EncodedCard {
  bytes: Uint8Array;
  mime: string;
  /** File extension, without the dot. */
  extension: string;
}

function safeSegment(text: string): string {
  // Cut between characters: `\p{L}` takes astral letters (two units each).
  return cutText(text.replace(/[^\p{L}\p{N}._-]+/gu, "_"), 100) || "asset";
}

/** The V3 `assets` list for `format`, and the files a CHARX must hold for it. */
function assetRefs(
  assets: readonly StoredAsset[],
  options: { format: CardFormat; image: StoredAsset | undefined },
): { refs: CardAssetRef[]; files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  if (options.format === "charx") {
    // Unlisted files go back to their own paths first, so listed assets never take them.
    for (const asset of assets) {
      if (asset.type === CHARX_FILE && asset.data && isSafeZipPath(asset.name)) {
        files.set(asset.name, asset.data);
      }
    }
  }
  const listed = options.format === "charx"
    ? assets.filter((asset) => !(asset.type === CHARX_FILE && files.get(asset.name) === asset.data))
    : assets;
  const refs = listed.map((asset): CardAssetRef => {
    const base = { ...asset.extra, type: asset.type, name: asset.name, ext: asset.ext };
    if (!asset.data) return { ...base, uri: asset.uri ?? "ccdefault:" };
    if (asset === options.image) return { ...base, uri: "ccdefault:" };
    if (options.format !== "charx") return { ...base, uri: dataUrl(asset.data, asset.ext) };
    const folder = `assets/${safeSegment(asset.type)}/${kindFolder(asset.ext)}`;
    const stem = `${folder}/${safeSegment(asset.name)}`;
    let path = `${stem}.${safeSegment(asset.ext)}`;
    for (let n = 2; files.has(path); n++) path = `${stem}-${n}.${safeSegment(asset.ext)}`;
    files.set(path, asset.data);
    return { ...base, uri: `embeded://${path}` };
  });
  return { refs, files };
}

/** `data` with `fields` added to its {@linkcode PERSONA_MCP} extension (none: unchanged). */
function withOurs(data: CardData, fields: JsonObject): CardData {
  if (Object.keys(fields).length === 0) return data;
  const ours = isObject(data.extensions[PERSONA_MCP]) ? data.extensions[PERSONA_MCP] : {};
  return { ...data, extensions: { ...data.extensions, [PERSONA_MCP]: { ...ours, ...fields } } };
}

/** Writes a card file. */
export function encodeCard(input: EncodeCardInput): EncodedCard {
  const icon = mainIcon(input.assets);
  const pngIcon = icon?.data && isPng(icon.data) ? icon : undefined;
  // In a PNG, the image is the main icon (`ccdefault:`); elsewhere every asset is listed.
  const image = input.format === "png" ? pngIcon : undefined;
  const { refs, files } = assetRefs(input.assets, { format: input.format, image });
  const placeholder = input.format === "png" && !image;
  let data: CardData = { ...input.data };
  if (refs.length) data.assets = refs;
  if (placeholder) data = withOurs(data, { [PLACEHOLDER_KEY]: true });
  const v3 = toV3Card(data);
  const v3Fields = image && refs.length === 1 ? omitAssets(data) : v3OnlyFields(data);
  const v2 = toV2Card(
    withOurs(data, Object.keys(v3Fields).length ? { [CARD_V3_KEY]: v3Fields } : {}),
  );
  const card = input.spec === "v3" ? v3 : v2;
  if (input.format === "json") {
    return {
      bytes: new TextEncoder().encode(JSON.stringify(card)),
      mime: "application/json",
      extension: "json",
    };
  }
  if (input.format === "png") {
    const canvas = image?.data ?? input.placeholder();
    return {
      bytes: pngCard(canvas, { data, v2, v3, input }),
      mime: mimeOf("png"),
      extension: "png",
    };
  }
  return {
    bytes: writeCharx(JSON.stringify(toV3Card(data)), files),
    mime: "application/zip",
    extension: "charx",
  };
}

/**
 * The PNG card: `chara` (V2) and, for V3, `ccv3`, as SillyTavern writes them. When both copies
 * would make the file larger than an import accepts (`maxBytes`), the V2 copy leaves out the
 * book and the V3-only fields (readers of both chunks, SillyTavern and this server, read `ccv3`
 * first); still larger, the export is refused: a file this server could not read back.
 */
function pngCard(
  canvas: Uint8Array,
  { data, v2, v3, input }: {
    data: CardData;
    v2: JsonObject;
    v3: JsonObject;
    input: EncodeCardInput;
  },
): Uint8Array {
  const texts = new Map([["chara", JSON.stringify(v2)]]);
  if (input.spec === "v3") texts.set("ccv3", JSON.stringify(v3));
  const max = input.maxBytes;
  let bytes = writePngCard(canvas, texts, { maxBytes: max });
  if (max !== undefined && bytes.length > max && input.spec === "v3") {
    const { character_book: _book, ...rest } = data;
    texts.set("chara", JSON.stringify(toV2Card(rest as CardData)));
    bytes = writePngCard(canvas, texts, { maxBytes: max });
  }
  if (max !== undefined && bytes.length > max) {
    const problem = `would be ${bytes.length} bytes, over the ${max} bytes an import accepts ` +
      "(CARD_MAX_BYTES)";
    throw new InvalidInput(
      `The PNG card ${problem}: export it as format "charx" (compressed) instead`,
      [{ field: "format", message: `png ${problem}; use "charx"` }],
    );
  }
  return bytes;
}

/** The V3-only fields but the asset list (a PNG's lone icon needs no stash: it is the image). */
function omitAssets(data: CardData): JsonObject {
  const { assets: _assets, ...rest } = v3OnlyFields(data);
  return rest;
}
