/**
 * Core memory blocks (after Letta): named pieces of text a persona always has in its prompt —
 * `persona`, `world`, `user:<name>` — each with a character limit and a read-only flag.
 *
 * @module
 */
import { z } from "zod";
import { isoTime } from "../../clock.ts";

/** Most blocks one persona may have. */
export const MAX_BLOCKS = 32;
/** The largest character limit a block may have. */
export const MAX_CHAR_LIMIT = 100_000;
/** Label prefix of a block about one user; it is in the prompt only when that user talks. */
export const USER_PREFIX = "user:";

/**
 * A block label: a word of letters, digits, `_` or `-`, optionally followed by `:` and a name
 * (`user:Tam`, `user:Ada Lovelace`); at most 100 characters.
 */
export const blockLabel = z.string().trim().min(1).max(100).regex(
  /^[\p{L}\p{N}_-]+(:[^\p{Cc}]+)?$/u,
  { message: "must be a word (letters, digits, _ or -), optionally followed by :name" },
);

/** A block as stored. Times are epoch milliseconds. */
export interface Block {
  persona_id: string;
  label: string;
  content: string;
  /** Most characters `content` may have. */
  char_limit: number;
  /** When true, content changes are refused until a call unlocks it. */
  read_only: boolean;
  /** What the block is for (shown to clients, not in the prompt). */
  description: string;
  /** Creation order: the order blocks take in the prompt. */
  position: number;
  created_at: number;
  updated_at: number;
}

/** Who changed a block. */
export interface ChangeSource {
  /** `client` (a method call) or `extraction` (a background job read it from an exchange). */
  kind: "client" | "extraction";
  /** The job that made the change (extraction). */
  job_id?: string;
  /** The memories the change was drawn from (extraction). */
  memory_ids?: string[];
}

/** One recorded change of a block. */
export interface BlockChange {
  persona_id: string;
  label: string;
  action: "create" | "set" | "append" | "lock" | "unlock" | "delete";
  /** The content after the change (null when deleted). */
  content: string | null;
  source: ChangeSource;
  at: number;
}

/** A block on the wire. */
export interface BlockView {
  label: string;
  content: string;
  chars: number;
  limit: number;
  read_only: boolean;
  description: string;
  created_at: string;
  updated_at: string;
}

/** The wire form of `block`. */
export function blockView(block: Block): BlockView {
  return {
    label: block.label,
    content: block.content,
    chars: block.content.length,
    limit: block.char_limit,
    read_only: block.read_only,
    description: block.description,
    created_at: isoTime(block.created_at),
    updated_at: isoTime(block.updated_at),
  };
}

/** A change on the wire. */
export function changeView(change: BlockChange) {
  return {
    action: change.action,
    content: change.content,
    source: change.source,
    at: isoTime(change.at),
  };
}

/** Params of `memory.block_set` (without `persona_id`). */
export const BlockSetInput = z.strictObject({
  label: blockLabel,
  /** The whole new content; omit to change only the flags or the limit. */
  content: z.string().max(MAX_CHAR_LIMIT).optional(),
  /** Character limit; MEMORY_BLOCK_CHAR_LIMIT for a new block when omitted. */
  limit: z.number().int().min(1).max(MAX_CHAR_LIMIT).optional(),
  read_only: z.boolean().optional(),
  description: z.string().max(500).optional(),
});
/** Validated `memory.block_set` params. */
export type BlockSetInput = z.output<typeof BlockSetInput>;
