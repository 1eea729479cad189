/**
 * Candidates as `findUnlinkedUpdates` reads them (`unlinked_updates.ts`), for its unit tests. Test
 * code only.
 *
 * @module
 */
import type { Voice } from "../query.ts";
import type { UpdateItem } from "../update_contenders.ts";
import { sampleRecord } from "./record_fixture.ts";

/** A candidate of `findUnlinkedUpdates`. */
export interface Item extends UpdateItem<Item> {}

/**
 * A kept candidate of persona "p" saying `content`, of `relevance`, created `minute` minutes into
 * 2026, in `voice` (the persona's own unless given).
 */
export function updateItem(
  id: string,
  content: string,
  options: { relevance: number; minute: number; voice?: Voice },
): Item {
  const created_at = new Date(Date.UTC(2026, 0, 1, 0, options.minute)).toISOString();
  return {
    record: sampleRecord({ id, persona_id: "p", content, created_at }),
    relevance: options.relevance,
    kept: true,
    voice: options.voice ?? "self",
  };
}
