/**
 * Records made once per kept row and shared, read-only, by every search that finds the row
 * (`RowCache.record`): making a record of a row (`fromRow`: its JSON columns parsed or copied)
 * was a tenth of a simulated turn's recall. A shared record is deeply frozen, so no reader can
 * change what the next search gets; what a search hands back to its caller is a copy of its own
 * ({@linkcode ownRecord}), as a record read afresh would be.
 *
 * @module
 */
import { copyJson } from "./json_memo.ts";
import type { MemoryRecord } from "./schema.ts";

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const field of Object.values(value)) deepFreeze(field);
    Object.freeze(value);
  }
  return value;
}

/** `record`, deeply frozen (its lists and metadata too): a record to share. */
export function sharedRecord(record: MemoryRecord): Readonly<MemoryRecord> {
  return deepFreeze(record);
}

/** A copy of `record` whose lists and metadata are its own: nothing it holds is shared. */
export function ownRecord(record: MemoryRecord): MemoryRecord {
  return {
    ...record,
    related_personas: copyJson(record.related_personas) as string[],
    metadata: copyJson(record.metadata) as MemoryRecord["metadata"],
    supersedes: copyJson(record.supersedes) as string[],
    source_ids: copyJson(record.source_ids) as string[],
  };
}
