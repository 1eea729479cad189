/**
 * Character cards, lorebooks, and the personas a fresh database starts with.
 *
 * Part of the table in `core/settings.ts`, which keeps the order of these entries (it is the
 * order `system.settings` lists them and `loadConfig` checks them) and names each one's group.
 *
 * @module
 */
import { z } from "zod";
import { boolFlag, positiveInt } from "./schemas.ts";

/** Character cards, lorebooks, and the personas a fresh database starts with. */
export const CHARACTER_SETTINGS = {
  CARD_MAX_BYTES: {
    schema: positiveInt.default(16 * 1024 * 1024),
    description:
      "Largest character card (JSON, PNG or CHARX) or persona bundle accepted, and the most a CHARX may expand to",
  },
  LORE_SCAN_DEPTH: {
    schema: z.coerce.number().int().min(0).max(1000).default(2),
    description:
      "Recent messages scanned for lorebook keys when a book or entry sets no scan depth",
  },
  LORE_TOKEN_BUDGET: {
    schema: positiveInt.default(1024),
    description:
      "Estimated tokens of lore one lorebook may add to a prompt when the book sets no token_budget",
  },
  LORE_TOTAL_TOKEN_BUDGET: {
    schema: z.coerce.number().int().min(1).max(1_000_000).default(8192),
    description:
      "Estimated tokens (4 characters each) of lore all lorebooks together may add to one prompt, whatever each book's token_budget says; past it the remaining entries are cut (reason budget)",
  },
  LORE_RECURSION_STEPS: {
    schema: z.coerce.number().int().min(0).max(10).default(3),
    description: "Most recursive scans of fired lore content (books with recursive_scanning)",
  },
  SEED_PERSONAS: {
    schema: boolFlag.default(true),
    description: "Seed Aria and Kira into a fresh database",
  },
} as const;
