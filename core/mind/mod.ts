/**
 * A persona's mind: core memory blocks always in its prompt, and the background work on its
 * memories — facts drawn from each exchange, older facts superseded, reflections.
 *
 * @module
 */
export {
  blockMigrations,
  type BlockRepository,
  CHANGES_KEPT,
  SqlBlockRepository,
} from "./blocks/repository.ts";
export {
  type Block,
  type BlockChange,
  blockLabel,
  BlockSetInput,
  type BlockView,
  blockView,
  type ChangeSource,
  changeView,
  MAX_BLOCKS,
  MAX_CHAR_LIMIT,
} from "./blocks/schema.ts";
export { type BlockSection, BlockService, isUserBlock, userLabel } from "./blocks/service.ts";
export { type MindDeps, type MindSettings } from "./context.ts";
export { EXTRACT, ExtractPayload, MAX_SOURCES } from "./extraction.ts";
export { cleanFacts, factKey, sameFact } from "./facts.ts";
export type { MindMemory } from "./memory_port.ts";
export { Mind, type MindParts, mindSettings } from "./mind.ts";
export { REFLECT, ReflectPayload } from "./reflection.ts";
export {
  type ReflectionCounter,
  type ReflectionCounters,
  reflectionMigrations,
  SqlReflectionCounters,
} from "./reflection_repository.ts";
export { WAITING_REASONS, waitReason } from "./waits.ts";
