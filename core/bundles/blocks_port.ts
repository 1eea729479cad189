/**
 * The seam for core memory blocks in persona bundles. Core memory blocks (always-in-context,
 * editable memory, as Letta has them) implement it in `core/mind/blocks/service.ts`, so
 * `persona.export` / `persona.import` carry them. A server built without them writes
 * `blocks: null`, and an import of a bundle that has blocks then says they were not restored.
 *
 * @module
 */
import type { Persona } from "../personas/mod.ts";

/** What bundles need from core memory blocks. */
export interface CoreBlockStore {
  /** The persona's blocks, as JSON objects. */
  exportBlocks(persona: Persona): Promise<Record<string, unknown>[]>;
  /** Restores blocks for a newly imported persona; returns how many were restored. */
  importBlocks(persona: Persona, blocks: readonly Record<string, unknown>[]): Promise<number>;
}
