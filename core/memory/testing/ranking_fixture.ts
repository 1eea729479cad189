/**
 * Test support for the ranking tests (`ranking*_test.ts`): the fixed clock they rank at, a
 * candidate built from its match parts, and the ids of a ranking in order.
 *
 * @module
 */
import type { Candidate } from "../backend.ts";
import type { rank } from "../rank.ts";
import { sampleRecord } from "./record_fixture.ts";
import type { MemoryRecord } from "../schema.ts";

/** The moment the tests rank at. */
export const NOW = Date.UTC(2026, 5, 1);

/** One hour (ms). */
export const HOUR = 3_600_000;

/** A candidate `content` with its match `parts`, an hour old unless `fields` say otherwise. */
export function candidate(
  content: string,
  parts: {
    lexical?: number;
    similarity?: number;
    alignment?: { score: number; strongest: number };
  },
  fields: Partial<MemoryRecord> = {},
): Candidate {
  const created = new Date(NOW - HOUR).toISOString();
  return {
    lexical: parts.lexical ?? 0,
    similarity: parts.similarity ?? 0,
    alignment: parts.alignment,
    record: sampleRecord({ id: content, content, created_at: created, ...fields }),
  };
}

/** The ids of `ranked`, in order. */
export const ids = (ranked: ReturnType<typeof rank>) => ranked.map((item) => item.record.id);
