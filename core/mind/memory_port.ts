/**
 * What the mind's background jobs need from long-term memory, and nothing more. The memory
 * service implements it. Every read here is of one persona's own memories: a job never sees
 * another persona's, so what it concludes comes only from what its persona witnessed.
 *
 * @module
 */
import type { MemoryInput, MemoryRecord, SimilarMemory } from "../memory/mod.ts";
import type { Persona } from "../personas/mod.ts";

export type { SimilarMemory };

/** Long-term memory as the mind uses it. */
export interface MindMemory {
  /** The memory with `id`, if it exists. */
  find(id: string): Promise<MemoryRecord | undefined>;
  /** Stores a memory the mind derived (a fact, a reflection); it does not feed reflection. */
  store(
    persona: Persona,
    input: MemoryInput,
    options: { signal?: AbortSignal; origin: "mind" },
  ): Promise<MemoryRecord>;
  /**
   * The persona's own memories closest to `text`, best first, without counting an access (a
   * job's look is not a use); superseded ones included, with their link.
   */
  similar(
    persona: Persona,
    text: string,
    options: { memoryType?: string; limit: number; signal?: AbortSignal },
  ): Promise<SimilarMemory[]>;
  /** The persona's newest memories, newest first. */
  recent(persona: Persona, options: { limit: number }): Promise<MemoryRecord[]>;
  /** Adds `sourceIds` (memories of the same persona) to the sources of memory `id`. */
  addSources(id: string, sourceIds: readonly string[]): Promise<MemoryRecord>;
}
