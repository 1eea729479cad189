/**
 * A bundle's memory as the bundle tests write them: a plain private fact with the given id,
 * content, time and links. Test code only.
 *
 * @module
 */
import type { Bundle } from "../schema.ts";

/** One memory of a bundle. */
export type BundleMemory = Bundle["memories"][number];

/** What {@linkcode bundleMemory} writes. */
export interface BundleMemoryFields {
  id: string;
  content: string;
  /** ISO time the memory was written. */
  createdAt: string;
  supersedes?: string[];
  sourceIds?: string[];
}

/** A private fact of importance 0.5 with `fields`' id, content, time and links. */
export function bundleMemory(fields: BundleMemoryFields): BundleMemory {
  return {
    id: fields.id,
    content: fields.content,
    memory_type: "fact",
    importance: 0.5,
    emotional_valence: 0,
    related_personas: [],
    visibility: "private",
    metadata: {},
    created_at: fields.createdAt,
    supersedes: fields.supersedes ?? [],
    source_ids: fields.sourceIds ?? [],
  } as BundleMemory;
}

/** The ISO time `seconds` seconds into `year` (UTC). */
export function secondsInto(year: number, seconds: number): string {
  return new Date(Date.UTC(year, 0, 1) + seconds * 1000).toISOString();
}
