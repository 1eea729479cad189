/**
 * The fields search filters on, stored by row in typed arrays: shared by the vector index and the
 * BM25 index, so both filter alike (importance floor, memory type, allowed visibilities).
 *
 * @module
 */
import type { Visibility } from "./schema.ts";

const VISIBILITY_BIT: Record<Visibility, number> = { private: 1, shared: 2, public: 4 };

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

  /** Whether `row` passes a compiled filter. */
  accepts(row: number, filter: CompiledFilter): boolean {
    return this.#importance[row]! >= filter.minImportance &&
      (this.#visibility[row]! & filter.mask) !== 0 &&
      (filter.type < 0 || this.#types[row] === filter.type);
  }
}
