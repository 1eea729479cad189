/**
 * A memory record for unit tests of the pure memory math. Test code only.
 *
 * @module
 */
import type { MemoryRecord } from "../schema.ts";

let counter = 0;

/** A plain private conversation memory (importance 0.5) with `fields` on top. */
export function sampleRecord(fields: Partial<MemoryRecord> = {}): MemoryRecord {
  const created = fields.created_at ?? "2026-01-01T00:00:00.000Z";
  return {
    id: `memory-${counter++}`,
    persona_id: "persona",
    content: "content",
    memory_type: "conversation",
    importance: 0.5,
    base_importance: 0.5,
    importance_set_at: created,
    emotional_valence: 0,
    related_personas: [],
    visibility: "private",
    metadata: {},
    created_at: created,
    last_accessed: null,
    accessed_count: 0,
    embedder: "embedder",
    superseded_by: null,
    supersedes: [],
    source_ids: [],
    ...fields,
  };
}

/** `records` linked in order into one supersession chain (each superseded by the next). */
export function linkedChain(...records: MemoryRecord[]): MemoryRecord[] {
  records.forEach((record, i) => {
    const next = records[i + 1];
    if (next) {
      record.superseded_by = next.id;
      next.supersedes = [record.id];
    }
  });
  return records;
}
