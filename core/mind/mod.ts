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
  SqliteBlockRepository,
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
