/**
 * Character Cards: V1/V2/V3 in JSON, PNG and CHARX, in and out, as personas.
 *
 * @module
 */
import type { Config } from "../config.ts";
import type { CharacterSettings } from "./types.ts";

export { fromBase64, fromDataUrl, mimeOf, type StoredAsset, toBase64 } from "./assets.ts";
export { type CardData, parseCard } from "./card.ts";
export { imageExt, rasterIcons } from "./image_type.ts";
export { imageProblem } from "./image_check.ts";
export { type CardFormat, decodeCardFile, PERSONA_MCP } from "./codec.ts";
export { replaceMacros } from "./macros.ts";
export { type RelationshipSummary } from "./persona_card.ts";
export { placeholderAvatar } from "./placeholder.ts";
export { jsonText } from "./text_encoding.ts";
export { AssetRepository, characterMigrations } from "./repository.ts";
export { CharacterService } from "./service.ts";
export type { ImportCardInput, ImportedCard, OnConflict } from "./types.ts";

/**
 * Longest the model may take to rate an imported character (ms), its queue wait included: an
 * import answers within it (neutral scores past it) even when the model hangs or is loading.
 */
export const INFER_TIMEOUT_MS = 10_000;

/** Card settings from the configuration. */
export function characterSettings(config: Config): CharacterSettings {
  return {
    maxBytes: config.CARD_MAX_BYTES,
    defaultModel: config.DEFAULT_MODEL,
    inferTimeoutMs: Math.min(config.OLLAMA_TIMEOUT_MS, INFER_TIMEOUT_MS),
  };
}
