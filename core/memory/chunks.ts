/**
 * Batching a list into slices of a bounded size (writes, embeddings and deletes sent in parts).
 * Its own module: the embedding, Chroma and reindex code need it without the record helpers'
 * imports (which lead back to the search).
 *
 * @module
 */

/** Splits `items` into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
