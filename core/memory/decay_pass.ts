/**
 * One decay pass over one persona's memories: which change and to what, without reading or
 * writing the store (the runner does both, under the persona write lock). A pass writes only the
 * importance fields, and each only while they are as read (`MemoryBackend.writeImportance`), so
 * a link, an update or an access written after the read is never undone.
 *
 * @module
 */
import type { ImportanceWrite } from "./backend.ts";
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

/** A pass's outcome: what it did and the importance writes to make. */
export interface DecayPass {
  /** What it did, had every write been made ({@linkcode settleDecay} counts those made). */
  result: PersonaDecay;
  /** The new importances, each with the record as read (the write's condition). */
  writes: ImportanceWrite[];
  /** Every memory as read, in the order given. */
  records: MemoryRecord[];
}

/** Decays `records` (all of `personaId`'s memories) in memory; writing is the caller's. */
export function decayRecords(
  personaId: string,
  records: MemoryRecord[],
  options: DecayPassOptions,
): DecayPass {
  const { mode, floor, now, factor } = options;
  const writes: ImportanceWrite[] = [];
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
      writes.push({
        record,
        importance: outcome.importance,
        base_importance: outcome.base_importance,
      });
    }
  }
  return {
    result: {
      persona_id: personaId,
      memories_processed: records.length,
      memories_decayed: writes.length,
      memories_exempt: exempt,
    },
    writes,
    records,
  };
}

/**
 * What a pass did once its writes were made, `written` the ids the backend wrote (a memory
 * changed or deleted since it was read is not): the decayed count, and every memory as it is
 * after the pass (decayed ones updated, the others as read), in the order read.
 */
export function settleDecay(
  pass: DecayPass,
  written: readonly string[],
): { result: PersonaDecay; records: MemoryRecord[] } {
  const done = new Set(written);
  const decayed = new Map(
    pass.writes.filter((write) => done.has(write.record.id)).map((write) => [
      write.record.id,
      { ...write.record, importance: write.importance, base_importance: write.base_importance },
    ]),
  );
  return {
    result: { ...pass.result, memories_decayed: decayed.size },
    records: pass.records.map((record) => decayed.get(record.id) ?? record),
  };
}
