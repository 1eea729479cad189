/**
 * The fields search filters on, stored by row in typed arrays: shared by the vector index and the
 * BM25 index, so both filter alike (importance floor, memory type, allowed visibilities).
 *
 * @module
 */
import type { Visibility } from "./schema.ts";

/** Each visibility's bit in a row's visibility column. */
export const VISIBILITY_BIT: Record<Visibility, number> = { private: 1, shared: 2, public: 4 };

/** The fields search filters on. */
export interface IndexedFields {
  importance: number;
  memoryType: string;
  visibility: Visibility;
}

/** Which rows a search may return. */
export interface IndexFilter {
  minImportance: number;
  memoryType?: string;
  /** Allowed visibilities. */
  visibilities: readonly Visibility[];
}

/** The fields of many rows, by column: the way an index load reads them. */
export interface FieldBatch {
  importance: ArrayLike<number>;
  /** Each row's memory type, as an index into `typeNames`. */
  types: ArrayLike<number>;
  typeNames: readonly string[];
  visibility: readonly Visibility[] | ArrayLike<number>;
}

/** A filter in row terms; `type` is -1 for any type. */
export interface CompiledFilter {
  minImportance: number;
  type: number;
  mask: number;
}

/** The filter fields of rows 0..capacity-1. */
export class FieldColumns {
  #importance: Float32Array;
  #types: Int32Array;
  #visibility: Uint8Array;
  readonly #typeCodes = new Map<string, number>();

  /** Room for `capacity` rows. */
  constructor(capacity: number) {
    this.#importance = new Float32Array(capacity);
    this.#types = new Int32Array(capacity);
    this.#visibility = new Uint8Array(capacity);
  }

  /** Makes room for `capacity` rows, keeping the values. */
  grow(capacity: number): void {
    const importance = new Float32Array(capacity);
    importance.set(this.#importance);
    this.#importance = importance;
    const types = new Int32Array(capacity);
    types.set(this.#types);
    this.#types = types;
    const visibility = new Uint8Array(capacity);
    visibility.set(this.#visibility);
    this.#visibility = visibility;
  }

  /** Sets the given fields of `row`. */
  set(row: number, fields: Partial<IndexedFields>): void {
    if (fields.importance !== undefined) this.#importance[row] = fields.importance;
    if (fields.memoryType !== undefined) {
      let code = this.#typeCodes.get(fields.memoryType);
      if (code === undefined) this.#typeCodes.set(fields.memoryType, code = this.#typeCodes.size);
      this.#types[row] = code;
    }
    if (fields.visibility !== undefined) this.#visibility[row] = VISIBILITY_BIT[fields.visibility];
  }

  /**
   * Sets the fields of rows `first`.. from a batch (room made beforehand). Columns already in
   * row terms (visibility as bits, type codes that are this table's own: an index load into an
   * empty index) are copied at once (`TypedArray.set`) instead of row by row: an index load of
   * 100,000 memories runs this once, unoptimised, twice (vectors and words), on the way to the
   * first search.
   */
  load(first: number, batch: FieldBatch): void {
    const codes = batch.typeNames.map((name) => {
      let code = this.#typeCodes.get(name);
      if (code === undefined) this.#typeCodes.set(name, code = this.#typeCodes.size);
      return code;
    });
    const count = batch.importance.length;
    const bits = batch.visibility;
    if (
      codes.every((code, i) => code === i) && typeof bits[0] !== "string" &&
      batch.types.length === count && bits.length === count
    ) {
      this.#importance.set(batch.importance, first);
      this.#types.set(batch.types, first);
      this.#visibility.set(bits as ArrayLike<number>, first);
      return;
    }
    for (let i = 0; i < count; i++) {
      this.#importance[first + i] = batch.importance[i]!;
      this.#types[first + i] = codes[batch.types[i]!]!;
      const visibility = batch.visibility[i]!;
      this.#visibility[first + i] = typeof visibility === "number"
        ? visibility
        : VISIBILITY_BIT[visibility];
    }
  }

  /**
   * Sets the fields of each of `rows.count` rows of `batch` at its own row `rows.at(i)` (a batch
   * loaded into an index whose slots were reused, so not in one run), one {@linkcode load} each.
   */
  loadEach(batch: FieldBatch, rows: { count: number; at: (row: number) => number }): void {
    const names = batch.typeNames;
    for (let i = 0; i < rows.count; i++) {
      this.load(rows.at(i), {
        importance: [batch.importance[i]!],
        types: [0],
        typeNames: [names[batch.types[i]!]!],
        visibility: [batch.visibility[i]!] as number[],
      });
    }
  }

  /** Copies row `from`'s fields to row `to`. */
  move(from: number, to: number): void {
    this.#importance[to] = this.#importance[from]!;
    this.#types[to] = this.#types[from]!;
    this.#visibility[to] = this.#visibility[from]!;
  }

  /** `filter` in row terms, or undefined when no row can pass (an unknown memory type). */
  compile(filter: IndexFilter): CompiledFilter | undefined {
    const type = filter.memoryType === undefined ? -1 : this.#typeCodes.get(filter.memoryType);
    if (type === undefined) return undefined;
    let mask = 0;
    for (const visibility of filter.visibilities) mask |= VISIBILITY_BIT[visibility];
    return { minImportance: filter.minImportance, type, mask };
  }

  /**
   * Whether every row passes `filter` whatever its fields (no importance floor, any type, all
   * three visibilities), so a scan need not look at them.
   */
  acceptsAll(filter: CompiledFilter): boolean {
    return filter.minImportance <= 0 && filter.type < 0 && filter.mask === 7;
  }

  /** Whether `row` passes a compiled filter. */
  accepts(row: number, filter: CompiledFilter): boolean {
    return this.#importance[row]! >= filter.minImportance &&
      (this.#visibility[row]! & filter.mask) !== 0 &&
      (filter.type < 0 || this.#types[row] === filter.type);
  }
}
