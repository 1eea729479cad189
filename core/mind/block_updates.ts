/**
 * Core-block updates proposed by fact extraction: only to the blocks of this exchange — the
 * persona's shared blocks that are not read-only, and the block about the chat's sender (created
 * when the model first fills it), never another user's `user:*` block (nor any in group lines,
 * which have no single sender) — within each limit, each recorded with its source (the job and
 * the memories it read). A shared block is only appended to: one sender's chat never rewrites
 * what every chat of the persona reads first (`replace` is for the sender's own block). A
 * refused update is reported in the job's result, never forced.
 *
 * @module
 */
import { AppError } from "../errors.ts";
import type { Persona } from "../personas/mod.ts";
import type { Block, ChangeSource } from "./blocks/schema.ts";
import { type BlockService, isUserBlock, isUserBlockOf, userLabel } from "./blocks/service.ts";
import { sameFact } from "./facts.ts";

/** Most proposed updates looked at from one extraction. */
export const MAX_BLOCK_UPDATES = 8;

/** What happened to one proposed update. */
export interface BlockUpdateResult {
  label: string;
  action: "append" | "replace";
  applied: boolean;
  /** Why it was not applied. */
  reason?: string;
}

/** Why a `replace` of a shared block by extraction is refused. */
export const SHARED_APPEND_ONLY = "extraction only appends to a shared block";

/**
 * The blocks extraction may update (and the only ones its prompt shows): the persona's shared
 * blocks that are not read-only and the sender's own `user:<sender>` block — an empty one (not
 * stored yet) when the sender has none. Another user's block is neither shown nor offered: it
 * belongs to that user's chats, and this sender's words must not steer it (attack32 M3).
 */
export async function offeredBlocks(
  blocks: BlockService,
  input: { persona: Persona; sender: string | null },
): Promise<Block[]> {
  const all = await blocks.list(input.persona);
  const { sender } = input;
  const offered = all.filter((block) =>
    !block.read_only &&
    (!isUserBlock(block.label) || (sender !== null && isUserBlockOf(block.label, [sender])))
  );
  if (sender !== null) {
    const label = userLabel(sender);
    if (!all.some((block) => isUserBlockOf(block.label, [sender]))) {
      offered.push({
        persona_id: input.persona.id,
        label,
        content: "",
        char_limit: blocks.defaultLimit,
        read_only: false,
        description: `What ${input.persona.name} knows about ${sender}`,
        position: 0,
        created_at: 0,
        updated_at: 0,
      });
    }
  }
  return offered;
}

/** Applies the proposed `updates` to the `offered` blocks; returns what became of each. */
export async function applyBlockUpdates(
  blocks: BlockService,
  input: {
    persona: Persona;
    offered: readonly Block[];
    updates: ReadonlyArray<{ label: string; action: "append" | "replace"; content: string }>;
    source: ChangeSource;
  },
): Promise<BlockUpdateResult[]> {
  const results: BlockUpdateResult[] = [];
  for (const update of input.updates.slice(0, MAX_BLOCK_UPDATES)) {
    const { action } = update;
    const content = update.content.trim();
    const block = input.offered.find((item) => item.label === update.label.trim());
    const result = (applied: boolean, reason?: string) =>
      results.push({ label: update.label, action, applied, ...(reason ? { reason } : {}) });
    if (!block) {
      result(false, "not a block extraction may change");
      continue;
    }
    if (content === "") {
      result(false, "empty content");
      continue;
    }
    if (action === "replace" && !isUserBlock(block.label)) {
      result(false, SHARED_APPEND_ONLY);
      continue;
    }
    try {
      const stored = (await blocks.list(input.persona)).find((item) => item.label === block.label);
      if (stored === undefined) {
        await blocks.set(input.persona, {
          label: block.label,
          content,
          description: block.description,
        }, input.source);
      } else if (action === "replace") {
        await blocks.set(input.persona, { label: block.label, content }, input.source);
      } else if (stored.content.split("\n").some((line) => sameFact(line, content))) {
        result(false, "already in the block");
        continue;
      } else {
        await blocks.append(input.persona, { label: block.label, content }, input.source);
      }
      result(true);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result(false, error.message);
    }
  }
  return results;
}
