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

/**
 * Throws {@linkcode InvalidInput} for duplicate memory ids and self-links. Supersede cycles are
 * no error: the import breaks them (`link_cycles.ts`), so that an old database's backup restores.
 */
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
  const [first] = fields;
  if (first !== undefined) {
    throw new InvalidInput(
      `Invalid bundle: ${first.field} ${first.message}`,
      fields.slice(0, 20),
    );
  }
}
