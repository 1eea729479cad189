/**
 * Card files in and out: JSON, PNG and CHARX, V1/V2/V3 in, V2/V3 out. Decoding finds the card
 * in the file, reads it ({@linkcode parseCard}) and resolves its assets to bytes; encoding
 * writes the card with its assets in the form the file format allows.
 *
 * A V2 export cannot hold V3's fields: they travel in `extensions["persona-mcp"].card_v3`, which
 * other applications keep untouched (the V2 spec says so) and this server reads back, so
 * import → export → import loses nothing whatever the versions.
 *
 * @module
 */
import { InvalidInput, PayloadTooLarge } from "../errors.ts";
import { isObject, type JsonObject } from "../lore/fields.ts";
import { dataUrl, fromDataUrl, kindFolder, mainIcon, mimeOf, type StoredAsset } from "./assets.ts";
import {
  CARD_LIMITS,
  type CardAssetRef,
  type CardData,
  type CardSpec,
  parseCard,
  toV2Card,
  toV3Card,
  v3OnlyFields,
} from "./card.ts";
import { isZip, readCharx, writeCharx } from "./charx.ts";
import { isPng, readPngCard, writePngCard } from "./png.ts";

/** File formats of cards. */
export type CardFormat = "json" | "png" | "charx";

/** This server's namespace in `extensions` (V2 spec: namespace what you store there). */
export const PERSONA_MCP = "persona-mcp";
/**
 * The asset type of a CHARX file its card does not list (e.g. RisuAI's `module.risum`): its
 * `name` is its path in the zip. A CHARX export writes it back at that path, unlisted; other
 * formats list it like any asset (V3 allows application-specific types).
 */
export const CHARX_FILE = "x-charx-file";
/** Where a V2 export keeps the card's V3-only fields, inside {@linkcode PERSONA_MCP}. */
const CARD_V3_KEY = "card_v3";
/** Set inside {@linkcode PERSONA_MCP} when a PNG export's image is a generated placeholder. */
const PLACEHOLDER_KEY = "placeholder_image";

/** A card read from a file, its assets resolved. */
export interface DecodedCard {
  spec: CardSpec;
  format: CardFormat;
  /** The card's data; `assets` is left out (see `assets`). */
  data: CardData;
  assets: StoredAsset[];
}

/** The format of a card file from its first bytes, or null. */
export function detectFormat(bytes: Uint8Array): CardFormat | null {
  if (isPng(bytes)) return "png";
  if (isZip(bytes)) return "charx";
  const start = new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, "").trimStart();
  return start.startsWith("{") ? "json" : null;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new InvalidInput(`The card ${where} is not valid JSON: ${(error as Error).message}`, [
      { field: "file", message: `holds a card that is not valid JSON (${where})` },
    ]);
  }
}

/** Where embedded files come from while assets are resolved. */
interface AssetSources {
  /** CHARX files by path (`embeded://path`). */
  files?: ReadonlyMap<string, Uint8Array>;
  /** PNG `chara-ext-asset_` chunks by path (`__asset:path`). */
  pngAssets?: ReadonlyMap<string, Uint8Array>;
  /** The PNG the card came in (`ccdefault:` of an icon). */
  image?: Uint8Array;
}

function resolveAsset(ref: CardAssetRef, sources: AssetSources): StoredAsset {
  const { type, uri, name, ext, ...extra } = ref;
  const asset: StoredAsset = { type, name, ext };
  if (Object.keys(extra).length) asset.extra = extra;
  let data: Uint8Array | null | undefined;
  if (uri.startsWith("embeded://")) data = sources.files?.get(uri.slice("embeded://".length));
  else if (uri.startsWith("__asset:")) data = sources.pngAssets?.get(uri.slice("__asset:".length));
  else if (uri === "ccdefault:" && type === "icon" && sources.image) data = sources.image;
  else if (uri.startsWith("data:")) data = fromDataUrl(uri);
  if (data) {
    asset.data = data;
    if (uri === "ccdefault:") asset.ext = "png";
  } else {
    asset.uri = uri;
  }
  return asset;
}

/**
 * The files of a CHARX its card does not list (RisuAI's `module.risum` and `x_meta/`, other
 * applications' data files), kept as {@linkcode CHARX_FILE} assets so a CHARX export puts them
 * back where they were. At most `room` of them (a card lists at most 256 assets); paths that
 * could not be written back safely are left out.
 */
function unlistedFiles(
  files: ReadonlyMap<string, Uint8Array> | undefined,
  options: { refs: readonly CardAssetRef[]; room: number },
): StoredAsset[] {
  if (!files) return [];
  const listed = new Set(
    options.refs.filter((ref) => ref.uri.startsWith("embeded://"))
      .map((ref) => ref.uri.slice("embeded://".length)),
  );
  const kept: StoredAsset[] = [];
  for (const [path, data] of files) {
    if (kept.length >= options.room) break;
    if (listed.has(path) || !isSafeZipPath(path)) continue;
    kept.push({ type: CHARX_FILE, name: path, ext: extensionOf(path), data });
  }
  return kept;
}

/** A relative zip path with no `..` segment, no backslash, at most 500 characters. */
function isSafeZipPath(path: string): boolean {
  return path.length <= CARD_LIMITS.short && path !== "card.json" && !path.startsWith("/") &&
    !path.includes("\\") && !path.split("/").some((part) => part === ".." || part === "");
}

function extensionOf(path: string): string {
  return (/\.([A-Za-z0-9]{1,16})$/.exec(path)?.[1] ?? "unknown").toLowerCase();
}

/** `data` without our placeholder mark; true when it had one. */
function takePlaceholderMark(data: CardData): boolean {
  const ours = data.extensions[PERSONA_MCP];
  if (!isObject(ours) || ours[PLACEHOLDER_KEY] !== true) return false;
  const { [PLACEHOLDER_KEY]: _mark, ...rest } = ours;
  if (Object.keys(rest).length) data.extensions[PERSONA_MCP] = rest;
  else delete data.extensions[PERSONA_MCP];
  return true;
}

function unstashV3(data: CardData): CardData {
  const ours = data.extensions[PERSONA_MCP];
  if (!isObject(ours) || !isObject(ours[CARD_V3_KEY])) return data;
  const { [CARD_V3_KEY]: stash, ...rest } = ours;
  const restored: CardData = { ...data, extensions: { ...data.extensions, [PERSONA_MCP]: rest } };
  if (Object.keys(rest).length === 0) delete restored.extensions[PERSONA_MCP];
  for (const [field, value] of Object.entries(stash as JsonObject)) {
    const current = restored[field];
    const empty = current === undefined || (Array.isArray(current) && current.length === 0);
    if (empty) restored[field] = value;
  }
  // The stash's card went through our reader once; read it again for the restored fields.
  return parseCard({ spec: "chara_card_v3", data: restored }).data;
}

/** Reads a card from its JSON value (already parsed), resolving `data:` assets. */
export function decodeCardJson(
  value: unknown,
  options: { format?: CardFormat; sources?: AssetSources } = {},
): DecodedCard {
  const parsed = parseCard(value);
  const data = unstashV3(parsed.data);
  const refs = data.assets;
  delete data.assets;
  const sources = { ...options.sources };
  // Our own placeholder image is no avatar: re-importing the export must not invent one.
  if (takePlaceholderMark(data)) delete sources.image;
  const assets = (refs ?? []).map((ref) => resolveAsset(ref, sources));
  assets.push(
    ...unlistedFiles(sources.files, { refs: refs ?? [], room: CARD_LIMITS.items - assets.length }),
  );
  // A PNG card's image is its avatar even when the card lists no icon (V1/V2 cards never do).
  if (sources.image && !assets.some((asset) => asset.type === "icon" && asset.data)) {
    assets.unshift({ type: "icon", name: "main", ext: "png", data: sources.image });
  }
  return { spec: parsed.spec, format: options.format ?? "json", data, assets };
}

/** Reads a card file (JSON, PNG or CHARX) of at most `maxBytes`, expanded size included. */
export function decodeCardFile(bytes: Uint8Array, options: { maxBytes: number }): DecodedCard {
  if (bytes.length > options.maxBytes) {
    throw new PayloadTooLarge(`The card file is larger than ${options.maxBytes} bytes`, {
      limit_bytes: options.maxBytes,
      size_bytes: bytes.length,
    });
  }
  const format = detectFormat(bytes);
  if (format === "png") {
    const card = readPngCard(bytes);
    return decodeCardJson(parseJson(card.json, `in the PNG's ${card.chunk} chunk`), {
      format,
      sources: { image: card.image, pngAssets: card.assets },
    });
  }
  if (format === "charx") {
    const { json, files } = readCharx(bytes, options);
    return decodeCardJson(parseJson(json, "in card.json"), { format, sources: { files } });
  }
  if (format === "json") {
    return decodeCardJson(parseJson(new TextDecoder().decode(bytes), "file"), { format });
  }
  throw new InvalidInput("Unknown card file: expected a JSON card, a PNG card or a CHARX (zip)", [
    { field: "file", message: "is neither JSON, PNG nor CHARX" },
  ]);
}

/** What to encode. */
export interface EncodeCardInput {
  data: CardData;
  assets: readonly StoredAsset[];
  spec: "v2" | "v3";
  format: CardFormat;
  /** A PNG to carry the card when the avatar is missing or not a PNG. */
  placeholder: () => Uint8Array;
}

/** An encoded card file. */
export interface EncodedCard {
  bytes: Uint8Array;
  mime: string;
  /** File extension, without the dot. */
  extension: string;
}

function safeSegment(text: string): string {
  return text.replace(/[^\p{L}\p{N}._-]+/gu, "_").slice(0, 100) || "asset";
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
    const texts = new Map([["chara", JSON.stringify(v2)]]);
    if (input.spec === "v3") texts.set("ccv3", JSON.stringify(v3));
    const canvas = image?.data ?? input.placeholder();
    return { bytes: writePngCard(canvas, texts), mime: mimeOf("png"), extension: "png" };
  }
  return {
    bytes: writeCharx(JSON.stringify(toV3Card(data)), files),
    mime: "application/zip",
    extension: "charx",
  };
}

/** The V3-only fields but the asset list (a PNG's lone icon needs no stash: it is the image). */
function omitAssets(data: CardData): JsonObject {
  const { assets: _assets, ...rest } = v3OnlyFields(data);
  return rest;
}
