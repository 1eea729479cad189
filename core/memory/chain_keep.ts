/**
 * Keep-scores and protection of one persona's memories along their supersession chains, for
 * pruning (`prune.ts`), pure:
 *
 * - a memory superseded by another of the list counts {@linkcode SUPERSEDED_KEEP} of its own
 *   keep-score: search ranks it below its replacement, halved for what the replacement replaces
 *   (`ranking.ts` `SUPERSEDED`, `supersededFactor`), and prompts carry only current memories,
 *   so it is the first to give up its place;
 * - the current memory of a chain keeps at least the (halved) keep-score of every memory it
 *   replaces, however far back, and is protected when one of them is: pruning it while an
 *   older version stays would make that one current again. Middle links keep their own
 *   standing: one pruned is re-linked over (`links.ts` `forgetAll`), as `memory.delete` does.
 *
 * One pass in chain order (the oldest links first); memories on a cycle of links (possible
 * across nodes, `supersede_cycles.ts`) keep their own values.
 *
 * @module
 */
import type { MemoryRecord } from "./schema.ts";

/** The share of its keep-score a superseded memory keeps. */
export const SUPERSEDED_KEEP = 0.5;

/** One memory's standing for pruning. */
export interface ChainKeep {
  record: MemoryRecord;
  /** Keep-score after supersession (0..1). */
  keep: number;
  /** Never pruned (its own protection or one of the memories it replaces). */
  protect: boolean;
  /** Replaced by another memory of the list. */
  superseded: boolean;
}

/**
 * The standing of each of `records` (one persona's, in any order; same order out), from each
 * memory's own `keep`-score and `protect`ion.
 */
export function chainKeep(
  records: readonly MemoryRecord[],
  own: { keep: (record: MemoryRecord) => number; protect: (record: MemoryRecord) => boolean },
): ChainKeep[] {
  const index = new Map(records.map((record, i) => [record.id, i]));
  const heir = records.map((record) =>
    record.superseded_by === null ? -1 : index.get(record.superseded_by) ?? -1
  );
  const items = records.map((record, i): ChainKeep => {
    const superseded = heir[i]! >= 0 && heir[i] !== i;
    const keep = own.keep(record) * (superseded ? SUPERSEDED_KEEP : 1);
    return { record, keep, protect: own.protect(record), superseded };
  });
  // The best standing among each memory's older links, in Kahn's order: a memory passes it on
  // once every memory it replaces has.
  const upKeep = new Float64Array(records.length);
  const upProtect = new Uint8Array(records.length);
  const waiting = new Int32Array(records.length);
  for (let i = 0; i < records.length; i++) if (items[i]!.superseded) waiting[heir[i]!]!++;
  const ready: number[] = [];
  for (let i = 0; i < records.length; i++) if (waiting[i] === 0) ready.push(i);
  for (let i = ready.pop(); i !== undefined; i = ready.pop()) {
    const item = items[i]!;
    if (!item.superseded) {
      item.keep = Math.max(item.keep, upKeep[i]!);
      item.protect ||= upProtect[i] === 1;
      continue;
    }
    const next = heir[i]!;
    upKeep[next] = Math.max(upKeep[next]!, upKeep[i]!, item.keep);
    if (upProtect[i] === 1 || item.protect) upProtect[next] = 1;
    if (--waiting[next]! === 0) ready.push(next);
  }
  return items;
}
