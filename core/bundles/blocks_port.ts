/**
 * The seam for core memory blocks in persona bundles. Core memory blocks (always-in-context,
 * editable memory, as Letta has them) arrive with a later issue; when they do, that module
 * implements this port and passes it to the bundle service, and `persona.export` /
 * `persona.import` carry the blocks with no other change. Until then bundles write
 * `blocks: null` and an import of a bundle that has blocks says they were not restored.
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
