/**
 * A memory record of the caller's own, copied from one the row cache shares frozen
 * (`row_cache.ts`): its lists and its metadata copied too, so that no change a caller makes
 * reaches the cache. A record's values are JSON's (its metadata is parsed from a JSON column),
 * so a copy of JSON's kinds is the whole copy: `structuredClone` gave the same for ~15× the
 * time (5.6 against 0.37 µs a record), and a chat's recall copies every hit of every search it
 * runs (~0.2 s of a 32-session, 960-chat run's main thread, perf53's profile).
 *
 * @module
 */
import { addCount } from "../numbers.ts";
import type { MemoryRecord } from "./schema.ts";

/** A deep copy of `value`, a value of JSON's kinds (objects, arrays, strings, numbers, ...). */
export function copiedJson<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(copiedJson) as T;
  // `fromEntries` defines each key as the object's own ("__proto__" too), as JSON.parse does.
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, copiedJson(item)]),
  ) as T;
}

/** A copy of `record` no other holder shares any part of (unfrozen at every level). */
export function ownRecord(record: MemoryRecord): MemoryRecord {
  return {
    ...record,
    related_personas: [...record.related_personas],
    metadata: copiedJson(record.metadata),
    supersedes: [...record.supersedes],
    source_ids: [...record.source_ids],
  };
}

/** `record` with one more access, at `at` (ISO), as a touch leaves it. */
export function touchedRecord(record: MemoryRecord, at: string): MemoryRecord {
  return { ...record, accessed_count: addCount(record.accessed_count), last_accessed: at };
}
