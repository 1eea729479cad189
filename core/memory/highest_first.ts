/**
 * A stable descending order of numbers without a comparator callback: what a search's candidate
 * alignment (its candidates by bound) and the vector index (its best rows by score) sort.
 *
 * @module
 */

/**
 * The numbers 0..n-1 of `bounds`, highest bound first, equal bounds in number order: the order
 * `Array.prototype.sort` makes with `(a, b) => bounds[b] - bounds[a]` (a stable sort), by a
 * merge sort over typed arrays comparing inline, where that sort called its comparator ~n log n
 * times (~1,500 calls for a chat's ~200 candidates). A NaN bound (a NaN vector's) orders no two
 * numbers consistently: then that comparator sort itself, so the order stays the one it made.
 */
export function highestFirst(bounds: Float64Array): Int32Array | number[] {
  const n = bounds.length;
  if (bounds.some(Number.isNaN)) {
    return Array.from({ length: n }, (_, i) => i).sort((a, b) => bounds[b]! - bounds[a]!);
  }
  let from = new Int32Array(n);
  let to = new Int32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  for (let width = 1; width < n; width *= 2) {
    for (let low = 0; low < n; low += 2 * width) {
      const middle = Math.min(low + width, n);
      const high = Math.min(low + 2 * width, n);
      let left = low;
      let right = middle;
      let at = low;
      // The right run's number goes first only on a higher bound: equal ones keep their order.
      while (left < middle && right < high) {
        to[at++] = bounds[from[right]!]! > bounds[from[left]!]! ? from[right++]! : from[left++]!;
      }
      while (left < middle) to[at++] = from[left++]!;
      while (right < high) to[at++] = from[right++]!;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  return from;
}
