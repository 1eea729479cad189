/**
 * Lorebooks (World Info): the V3 model, import formats, activation and storage.
 *
 * @module
 */
import type { Config } from "../config.ts";
import { LORE_DEFAULTS, type LoreDefaults } from "./activate.ts";

export {
  activateLore,
  type CutEntry,
  type FiredEntry,
  LORE_DEFAULTS,
  LORE_MAX_BOOKS,
  LORE_MAX_ENTRIES,
  type LoreActivation,
  type LoreDefaults,
  type LorePosition,
  type LoreSource,
} from "./activate.ts";
export {
  LORE_LIMITS,
  LORE_UPLOAD_VALUES,
  type Lorebook,
  lorebookV3Document,
  type LoreEntry,
  parseLorebook,
} from "./book.ts";
export { lorebookFromDocument, type LorebookSource } from "./formats.ts";
export { worldInfoDocument } from "./world_info.ts";
export { assertTextBookValues, type BookDocument } from "./text_values.ts";
export { chatLoreReport, type LoreUsed, roomLoreReport, testLoreReport } from "./report.ts";
export {
  LorebookRepository,
  type LorebookSummary,
  loreMigrations,
  type StoredLorebook,
} from "./repository.ts";
export { LoreService } from "./service.ts";
export { activateInChat, type ChatActivationInput, loreCharacterOf } from "./chat_activation.ts";
export { LORE_TIMED_MAX_CHATS, type LoreChat, TimedEffectStore } from "./timed_store.ts";
export { LORE_MAX_ATTACHMENTS } from "./attachments.ts";
export type { LorebookView } from "./lorebook_view.ts";

/** Activation defaults from the settings (the rest as SillyTavern's defaults). */
export function loreDefaults(config: Config): LoreDefaults {
  return {
    ...LORE_DEFAULTS,
    scanDepth: config.LORE_SCAN_DEPTH,
    tokenBudget: config.LORE_TOKEN_BUDGET,
    totalTokenBudget: config.LORE_TOTAL_TOKEN_BUDGET,
    maxRecursionSteps: config.LORE_RECURSION_STEPS,
  };
}
