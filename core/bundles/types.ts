/**
 * What the bundle service is built from, and what an import reports.
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import type { CharacterService } from "../characters/mod.ts";
import type { Logger } from "../log.ts";
import type { LoreService } from "../lore/mod.ts";
import type { MemoryInput, MemoryRecord } from "../memory/schema.ts";
import type { Persona, PersonaService } from "../personas/mod.ts";
import type { RelationshipService } from "../relationships/mod.ts";
import type { CoreBlockStore } from "./blocks_port.ts";

/** What bundles need from memory. */
export interface BundleMemoryStore {
  list(
    persona: Persona,
    options: { limit: number; offset: number; after?: string },
  ): Promise<{ memories: MemoryRecord[]; total: number; more: boolean; next?: string }>;
  store(persona: Persona, input: MemoryInput): Promise<{ id: string }>;
  /**
   * Adds checked links between the persona's memories (`supersedes`, `source_ids`) in chunks,
   * serving other requests between them.
   */
  restoreLinks(
    personaId: string,
    links: ReadonlyArray<{ id: string; supersedes: string[]; source_ids: string[] }>,
  ): Promise<unknown>;
}

/** What the service is built from. */
export interface BundleDeps {
  personas: PersonaService;
  characters: CharacterService;
  lore: LoreService;
  memory: BundleMemoryStore;
  relationships: RelationshipService;
  clock: Clock;
  log: Logger;
  version: string;
  /** Core memory blocks, once they exist (see `blocks_port.ts`). */
  blocks?: CoreBlockStore | null;
}

/** Counts of what an import restored, and what it could not. */
export interface ImportedBundle {
  persona: Persona;
  restored: {
    assets: number;
    lorebooks: number;
    memories: number;
    relationships: number;
    blocks: number;
  };
  notes: string[];
}
