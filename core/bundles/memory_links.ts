/**
 * Checks the links between a bundle's memories before anything is created, so a bundle that
 * cannot be restored whole is refused whole, with errors naming the bundle's own fields.
 * Links to ids the bundle does not hold are dropped on import (not errors): a partial export
 * may name memories it left out.
 *
 * @module
 */
import { InvalidInput } from "../errors.ts";
import type { Bundle } from "./schema.ts";

/** Throws {@linkcode InvalidInput} for duplicate memory ids, self-links and supersede cycles. */
export function checkMemoryLinks(memories: Bundle["memories"]): void {
  const fields: Array<{ field: string; message: string }> = [];
  const indexOf = new Map<string, number>();
  memories.forEach((memory, index) => {
    if (memory.id === undefined) return;
    if (indexOf.has(memory.id)) {
      fields.push({
        field: `bundle.memories.${index}.id`,
        message: `repeats the id of bundle.memories.${indexOf.get(memory.id)}`,
      });
    } else indexOf.set(memory.id, index);
  });
  memories.forEach((memory, index) => {
    if (memory.id === undefined) return;
    for (const key of ["supersedes", "source_ids"] as const) {
      if (memory[key].includes(memory.id)) {
        fields.push({
          field: `bundle.memories.${index}.${key}`,
          message: "must not contain the memory's own id",
        });
      }
    }
  });
  if (fields.length === 0) {
    const cycle = supersedeCycle(memories, indexOf);
    if (cycle !== undefined) {
      fields.push({
        field: `bundle.memories.${cycle}.supersedes`,
        message: "forms a cycle with other memories of the bundle (a cycle has no current version)",
      });
    }
  }
  const [first] = fields;
  if (first !== undefined) {
    throw new InvalidInput(
      `Invalid bundle: ${first.field} ${first.message}`,
      fields.slice(0, 20),
    );
  }
}

/** The index of a memory on a cycle of `supersedes` links within the bundle, if any. */
function supersedeCycle(
  memories: Bundle["memories"],
  indexOf: ReadonlyMap<string, number>,
): number | undefined {
  // Iterative depth-first search (bundles hold up to 100,000 memories: no recursion).
  const state = new Uint8Array(memories.length); // 0 unseen, 1 on the path, 2 done
  for (let root = 0; root < memories.length; root++) {
    if (state[root] !== 0) continue;
    const stack: Array<{ index: number; next: number }> = [{ index: root, next: 0 }];
    state[root] = 1;
    for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
      const links = memories[top.index]?.supersedes ?? [];
      if (top.next >= links.length) {
        state[top.index] = 2;
        stack.pop();
        continue;
      }
      const target = indexOf.get(links[top.next++] ?? "");
      if (target === undefined || state[target] === 2) continue;
      if (state[target] === 1) return top.index;
      state[target] = 1;
      stack.push({ index: target, next: 0 });
    }
  }
  return undefined;
}
