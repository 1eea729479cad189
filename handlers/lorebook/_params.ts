/**
 * Params shared by the `lorebook.*` methods: a book's settings and entries (V3 field names,
 * read as leniently as an imported book), and a persona or room to attach it to.
 *
 * @module
 */
import { z } from "zod";
import { LORE_LIMITS } from "../../core/lore/mod.ts";
import { idParam } from "../_ids.ts";

/** A lorebook's fields (V3 `Lorebook`), each optional. */
export const bookFields = {
  description: z.string().max(LORE_LIMITS.text).optional(),
  scan_depth: z.number().int().min(0).max(1000).optional(),
  token_budget: z.number().int().min(1).max(1_000_000).optional(),
  recursive_scanning: z.boolean().optional(),
  extensions: z.record(z.string(), z.unknown()).optional(),
  /** V2/V3 entries: keys, content, enabled, insertion_order, secondary_keys, ... */
  entries: z.array(z.record(z.string(), z.unknown())).max(LORE_LIMITS.entries).optional(),
};

/** A persona (id or name) or a room the book is attached to. */
export const targetFields = {
  persona_id: idParam().optional(),
  room_id: idParam().optional(),
};

/** The lorebook named in a call. */
export const lorebookId = idParam();
