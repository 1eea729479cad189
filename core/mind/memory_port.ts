/**
 * What the mind's background jobs need from long-term memory, and nothing more. The memory
 * service implements it. Every read here is of one persona's own memories: a job never sees
 * another persona's, so what it concludes comes only from what its persona witnessed.
 *
 * @module
 */
import type { MemoryInput, MemoryRecord } from "../memory/mod.ts";
import type { Persona } from "../personas/mod.ts";

/** A memory close to a text, with its relevance (0..1). */
export interface SimilarMemory {
  record: MemoryRecord;
  relevance: number;
}

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
  /** The persona's memories drawn from `sourceId` (facts and reflections citing it). */
  derivedFrom(persona: Persona, sourceId: string): Promise<MemoryRecord[]>;
}
