/**
 * One decay pass over one persona's memories: which change and to what, without reading or
 * writing the store (the runner does both).
 *
 * @module
 */
import type { MemoryWrite } from "./backend.ts";
import { decayedImportance, type DecayMode, forcedDecay } from "./decay.ts";
import type { MemoryRecord } from "./schema.ts";

/** What decaying one persona did. */
export interface PersonaDecay {
  persona_id: string;
  memories_processed: number;
  memories_decayed: number;
  memories_exempt: number;
}

/** How to decay: by the mode's formula, or by `factor` once when given. */
export interface DecayPassOptions {
  mode: DecayMode;
  floor: number;
  /** The instant decay is computed at (ms since the epoch). */
  now: number;
  /** A forced decay's factor; absent for the mode's formula. */
  factor?: number;
}

/** A pass's outcome: what it did, the writes to save, and the memories as they are after it. */
export interface DecayPass {
  result: PersonaDecay;
  writes: MemoryWrite[];
  /** Every memory, the decayed ones updated, in the order they were given. */
  records: MemoryRecord[];
}

/** Decays `records` (all of `personaId`'s memories) in memory; saving the writes is the caller's. */
export function decayRecords(
  personaId: string,
  records: MemoryRecord[],
  options: DecayPassOptions,
): DecayPass {
  const { mode, floor, now, factor } = options;
  const writes: MemoryWrite[] = [];
  const current: MemoryRecord[] = [];
  let exempt = 0;
  for (const record of records) {
    const outcome = factor === undefined
      ? {
        ...decayedImportance(record, { mode, floor, now }),
        base_importance: record.base_importance,
      }
      : forcedDecay(record, { factor, floor, now });
    if (outcome.exempt) exempt++;
    else if (
      outcome.importance !== record.importance ||
      outcome.base_importance !== record.base_importance
    ) {
      const decayed = {
        ...record,
        importance: outcome.importance,
        base_importance: outcome.base_importance,
      };
      writes.push({ record: decayed });
      current.push(decayed);
      continue;
    }
    current.push(record);
  }
  return {
    result: {
      persona_id: personaId,
      memories_processed: records.length,
      memories_decayed: writes.length,
      memories_exempt: exempt,
    },
    writes,
    records: current,
  };
}
