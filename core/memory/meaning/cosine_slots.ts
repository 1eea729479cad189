/**
 * Spare slot arrays of the query words' cosine hashes (`WordCosines` in `word_table.ts`), kept for
 * the next hash of the same size. A new `Int32Array` or `Float64Array` of 1,024 to 4,096 slots
 * costs 10-50 µs of CPU to allocate here (filling one costs ~0.2 µs), and the hashes are made
 * again and again: a query word's grows 256 → 1,024 → 4,096 slots, dropping the smaller ones, and
 * the remembered words start over (`word_pairs.ts`) every few dozen chat-like recalls, dropping
 * them all. Over `bench:recall:query`'s 717 messages that was ~9,000 new pairs of arrays, ~0.5 ms
 * of a 3 ms recall.
 *
 * Bounded: at most {@linkcode SPARE_CELL_LIMIT} slots are kept spare (12 bytes each, ~12 MB),
 * the rest left to the garbage collector.
 *
 * @module
 */

/** Slots kept spare at most, all sizes together (an `Int32` key and a `Float64` cosine each). */
export const SPARE_CELL_LIMIT = 1_048_576;

/** A hash's slot arrays: ids (-1 when empty) and cosines, of one power-of-two length. */
export interface CosineSlots {
  keys: Int32Array;
  values: Float64Array;
}

/** Spare arrays by the log2 of their length. */
const spareKeys: Int32Array[][] = [];
const spareValues: Float64Array[][] = [];
let spareCells = 0;

/** How many slots are kept spare (for tests). */
export function spareSlotCount(): number {
  return spareCells;
}

/** Drops every spare array (for tests). */
export function forgetSpareSlots(): void {
  spareKeys.length = 0;
  spareValues.length = 0;
  spareCells = 0;
}

/** Slot arrays of `1 << bits` slots, every key -1 (spare ones if kept, else new). */
export function takeSlots(bits: number): CosineSlots {
  const keys = spareKeys[bits]?.pop();
  if (keys === undefined) {
    return { keys: new Int32Array(1 << bits).fill(-1), values: new Float64Array(1 << bits) };
  }
  spareCells -= keys.length;
  // A cosine is read only where its key is set, so the old values need no clearing.
  return { keys: keys.fill(-1), values: spareValues[bits]!.pop()! };
}

/**
 * Keeps `slots` spare for {@linkcode takeSlots} (within {@linkcode SPARE_CELL_LIMIT}). The caller
 * must hold no reference to them afterwards.
 */
export function giveSlots(slots: CosineSlots): void {
  const size = slots.keys.length;
  if (size === 0 || spareCells + size > SPARE_CELL_LIMIT) return;
  const bits = 31 - Math.clz32(size);
  (spareKeys[bits] ??= []).push(slots.keys);
  (spareValues[bits] ??= []).push(slots.values);
  spareCells += size;
}
