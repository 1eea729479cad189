/**
 * Where a page of a list paged in memory resumes when the item its cursor names is gone: right
 * after that item's place in the list's order, read from its sort value (carried in the cursor
 * as `at`), as lists ordered in SQL do. The place holds whatever else was deleted meanwhile (the
 * item after it, items before it), so a surviving item is neither skipped nor sent again.
 *
 * @module
 */

/**
 * An item's place in its list's order: a tuple compared element by element (numbers as
 * numbers, strings by UTF-16 code units). Best unique per item (a list ordered by
 * `created_at, name` gives both).
 */
export type SortValue = ReadonlyArray<string | number>;

/** How a list paged in memory is keyed and ordered (`pageOf`, core/paging.ts). */
export interface PageOrder<T> {
  /** The item's stable key (its id), which a cursor names. */
  keyOf: (item: T) => string;
  /**
   * The item's {@linkcode SortValue}; the list is paged in ascending order of it. Without it, a
   * page whose named item is gone resumes at the item that followed it, else at its old place.
   */
  sortOf?: (item: T) => SortValue;
  /** True when the list is in descending order of `sortOf` (newest first, strongest first). */
  descending?: boolean;
}

/** Negative, zero or positive as `a` comes before, with or after `b` in the order. */
export function compareSortValues(a: SortValue, b: SortValue): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!, y = b[i]!;
    if (x === y) continue;
    if (typeof x !== typeof y) return typeof x === "number" ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** `value` as a cursor's `at` (JSON text). */
export function sortText(value: SortValue): string {
  return JSON.stringify(value);
}

/** The {@linkcode SortValue} a cursor's `at` holds, or undefined when it holds none. */
export function parseSortText(text: string | undefined): SortValue | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const valid = Array.isArray(value) &&
    value.every((part) =>
      typeof part === "string" || (typeof part === "number" && Number.isFinite(part))
    );
  return valid ? value as SortValue : undefined;
}

/** {@linkcode compareSortValues} in the direction `order` gives. */
export function comparerOf(
  order: { descending?: boolean },
): (a: SortValue, b: SortValue) => number {
  return order.descending ? (a, b) => compareSortValues(b, a) : compareSortValues;
}

/**
 * The index of the first of `items` (in the order of `sortOf` that `compare` gives) that comes
 * after `at`: where a page resumes after an item once at `at`, whatever was deleted since.
 */
export function indexAfter<T>(
  items: readonly T[],
  sortOf: (item: T) => SortValue,
  at: SortValue,
  compare: (a: SortValue, b: SortValue) => number = compareSortValues,
): number {
  let low = 0, high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(sortOf(items[middle]!), at) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
