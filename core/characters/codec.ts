/**
 * Card files in and out: JSON, PNG and CHARX, V1/V2/V3 in, V2/V3 out. Decoding finds the card
 * in the file, reads it ({@linkcode parseCard}) and resolves its assets to bytes; encoding
 * writes the card with its assets in the form the file format allows.
 *
 * A V2 export cannot hold V3's fields: they travel in `extensions["persona-mcp"].card_v3`, which
 * other applications keep untouched (the V2 spec says so) and this server reads back, so
 * import → export → import loses nothing whatever the versions. Encoding is `card_encode.ts`'s,
 * what both share `card_format.ts`'s.
 *
 * @module
 */
import { InvalidInput, PayloadTooLarge } from "../errors.ts";
import { MAX_JSON_DEPTH, textDepthExceeds } from "../json_depth.ts";
import { jsonKeysProblem } from "../json_keys.ts";
import { type FieldPath, NUL_MESSAGE, storableValue } from "../storable_text.ts";
import { cutText } from "../text_cut.ts";
import { isObject, type JsonObject } from "../lore/fields.ts";
import { assertTextBookValues } from "../lore/text_values.ts";
import { fromDataUrl, type StoredAsset } from "./assets.ts";
import { CARD_LIMITS, type CardAssetRef, type CardData, type CardSpec, parseCard } from "./card.ts";
import {
  CARD_V3_KEY,
  type CardFormat,
  CHARX_FILE,
  detectFormat,
  isSafeZipPath,
  PERSONA_MCP,
  PLACEHOLDER_KEY,
} from "./card_format.ts";
import { readCharx } from "./charx.ts";
import { rasterIcons } from "./image_type.ts";
import { readPngCard } from "./png.ts";
import { jsonText } from "./text_encoding.ts";
import { looksLikeYaml, readYamlCharacter } from "./yaml_character.ts";

export {
  CARD_V3_KEY,
  type CardFormat,
  CHARX_FILE,
  detectFormat,
  PERSONA_MCP,
} from "./card_format.ts";
export { encodeCard, type EncodeCardInput, type EncodedCard } from "./card_encode.ts";

/** The file formats cards are read from: those written, and YAML characters. */
export type CardFileFormat = CardFormat | "yaml";

/** A card read from a file, its assets resolved. */
export interface DecodedCard {
  spec: CardSpec;
  format: CardFileFormat;
  /** The card's data; `assets` is left out (see `assets`). */
  data: CardData;
  assets: StoredAsset[];
  /** What the import result says of the file (icons that were no raster image, dropped). */
  notes: string[];
}

function parseJson(text: string, where: string): unknown {
  // As deep as a request may be: deeper JSON would be stored, then served to clients that
  // cannot read it back, and walked recursively on its way (a stack overflow).
  if (textDepthExceeds(text)) {
    throw new InvalidInput(`The card ${where} is nested deeper than ${MAX_JSON_DEPTH} levels`, [
      {
        field: "file",
        message: `holds JSON nested deeper than ${MAX_JSON_DEPTH} levels (${where})`,
      },
    ]);
  }
  // Objects of very many keys are slow to parse and walk: refused before parsing.
  const keys = jsonKeysProblem(text);
  if (keys) {
    throw new InvalidInput(`The card ${where} ${keys}`, [{ field: "file", message: keys }]);
  }
  // A card whose book is surely past LORE_LIMITS' values, too: counted on the text (fix135).
  assertTextBookValues(text.replace(/^\uFEFF/, ""), "card");
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

/**
 * The zip path of a CHARX file reference: `embeded://path` as the V3 spec spells it, or
 * `embedded://path` as some writers correct it; undefined for any other URI.
 */
function embeddedPath(uri: string): string | undefined {
  return /^embedd?ed:\/\//.exec(uri) ? uri.slice(uri.indexOf("://") + 3) : undefined;
}

function resolveAsset(ref: CardAssetRef, sources: AssetSources): StoredAsset {
  const { type, uri, name, ext, ...extra } = ref;
  const asset: StoredAsset = { type, name, ext };
  if (Object.keys(extra).length) asset.extra = extra;
  let data: Uint8Array | null | undefined;
  const embedded = embeddedPath(uri);
  if (embedded !== undefined) data = sources.files?.get(embedded);
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
 * could not be written back safely are left out. What is left out is noted (attack28 F8).
 */
function unlistedFiles(
  files: ReadonlyMap<string, Uint8Array> | undefined,
  options: { refs: readonly CardAssetRef[]; room: number },
): { kept: StoredAsset[]; notes: string[] } {
  if (!files) return { kept: [], notes: [] };
  const listed = new Set(
    options.refs.map((ref) => embeddedPath(ref.uri)).filter((path) => path !== undefined),
  );
  const kept: StoredAsset[] = [];
  const unsafe: string[] = [];
  let over = 0;
  for (const [path, data] of files) {
    if (listed.has(path)) continue;
    if (!isSafeZipPath(path)) unsafe.push(path);
    else if (kept.length >= options.room) over++;
    else kept.push({ type: CHARX_FILE, name: path, ext: extensionOf(path), data });
  }
  const notes: string[] = [];
  if (over) {
    notes.push(
      `${over} files of the CHARX were left out: a card keeps at most ${CARD_LIMITS.items} assets`,
    );
  }
  if (unsafe.length) {
    const shown = unsafe.slice(0, 3).map((path) => JSON.stringify(cutText(path, 80))).join(", ");
    notes.push(
      `${unsafe.length} files of the CHARX were left out: their paths could not be written back ` +
        `safely (${shown}${unsafe.length > 3 ? ", ..." : ""})`,
    );
  }
  return { kept, notes };
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

/** The refusal of a NUL in a card's text, naming the field as `card.data.description`. */
function cardNulRefused(path: FieldPath): InvalidInput {
  const field = ["card", ...path].join(".");
  return new InvalidInput(`Invalid card: ${field} ${NUL_MESSAGE}`, [
    { field, message: NUL_MESSAGE },
  ]);
}

/**
 * Reads a card from its JSON value (already parsed), resolving `data:` assets. Every card
 * format passes here after decoding: its strings meet the rule params meet (no U+0000, lone
 * surrogates made U+FFFD; `core/storable_text.ts`), lorebook entries included.
 */
export function decodeCardJson(
  value: unknown,
  options: { format?: CardFileFormat; sources?: AssetSources } = {},
): DecodedCard {
  const parsed = parseCard(storableValue(value, cardNulRefused));
  const data = unstashV3(parsed.data);
  const refs = data.assets;
  delete data.assets;
  const sources = { ...options.sources };
  // Our own placeholder image is no avatar: re-importing the export must not invent one.
  if (takePlaceholderMark(data)) delete sources.image;
  const assets = (refs ?? []).map((ref) => resolveAsset(ref, sources));
  const unlisted = unlistedFiles(sources.files, {
    refs: refs ?? [],
    room: CARD_LIMITS.items - assets.length,
  });
  assets.push(...unlisted.kept);
  // A PNG card's image is its avatar even when the card lists no icon (V1/V2 cards never do).
  if (sources.image && !assets.some((asset) => asset.type === "icon" && asset.data)) {
    assets.unshift({ type: "icon", name: "main", ext: "png", data: sources.image });
  }
  // An icon is served as the avatar: only raster images, typed by their bytes (an SVG runs
  // scripts in the API's origin).
  const { kept, dropped } = rasterIcons(assets);
  return {
    spec: parsed.spec,
    format: options.format ?? "json",
    data,
    assets: kept,
    notes: [...unlisted.notes, ...dropped],
  };
}

/**
 * Reads a card file (JSON, PNG, CHARX, or a YAML character: `yaml_character.ts`) of at most
 * `maxBytes`, expanded size included.
 */
export function decodeCardFile(bytes: Uint8Array, options: { maxBytes: number }): DecodedCard {
  if (bytes.length > options.maxBytes) {
    throw new PayloadTooLarge(`The card file is larger than ${options.maxBytes} bytes`, {
      limit_bytes: options.maxBytes,
      size_bytes: bytes.length,
    });
  }
  const format = detectFormat(bytes);
  if (format === "png") {
    const card = readPngCard(bytes, options);
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
    return decodeCardJson(parseJson(jsonText(bytes), "file"), { format });
  }
  // text-generation-webui's (and Pygmalion's) characters as SillyTavern imports them.
  if (looksLikeYaml(bytes)) return decodeCardJson(readYamlCharacter(bytes), { format: "yaml" });
  throw new InvalidInput(
    "Unknown card file: expected a JSON card, a PNG card, a CHARX (zip) or a YAML character",
    [{ field: "file", message: "is neither JSON, PNG, CHARX nor a YAML character" }],
  );
}
