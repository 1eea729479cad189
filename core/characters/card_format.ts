/**
 * What decoding (`codec.ts`) and encoding (`card_encode.ts`) card files share: the file formats
 * and how to tell them apart, this server's keys inside a card's `extensions`, and which zip
 * paths a CHARX may write back.
 *
 * @module
 */
import { CARD_LIMITS } from "./card_data.ts";
import { isZip } from "./charx.ts";
import { isPng } from "./png.ts";
import { jsonText } from "./text_encoding.ts";

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
export const CARD_V3_KEY = "card_v3";
/** Set inside {@linkcode PERSONA_MCP} when a PNG export's image is a generated placeholder. */
export const PLACEHOLDER_KEY = "placeholder_image";

/** The format of a card file from its first bytes, or null. */
export function detectFormat(bytes: Uint8Array): CardFormat | null {
  if (isPng(bytes)) return "png";
  if (isZip(bytes)) return "charx";
  const start = jsonText(bytes.subarray(0, 64)).replace(/^\uFEFF/, "").trimStart();
  return start.startsWith("{") ? "json" : null;
}

/** A relative zip path with no `..` segment, no backslash, at most 500 characters. */
export function isSafeZipPath(path: string): boolean {
  return path.length <= CARD_LIMITS.short && path !== "card.json" && !path.startsWith("/") &&
    !path.includes("\\") && !path.split("/").some((part) => part === ".." || part === "");
}
