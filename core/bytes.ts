/**
 * Byte helpers shared by the readers of bounded input (request bodies, model error bodies,
 * inflated card chunks, CHARX entries).
 *
 * @module
 */

/** `parts` joined into one array of `size` bytes (their total length, counted while reading). */
export function joinedBytes(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
