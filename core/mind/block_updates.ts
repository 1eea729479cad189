/**
 * Core-block updates proposed by fact extraction: only to blocks that are not read-only (and
 * the block about the chat's sender, created when the model first fills it), within each
 * limit, each recorded with its source (the job and the memories it read). A refused update is
 * reported in the job's result, never forced.
 *
 * @module
 */
import { AppError } from "../errors.ts";
import type { Persona } from "../personas/mod.ts";
import type { Block, ChangeSource } from "./blocks/schema.ts";
import { type BlockService, isUserBlockOf, userLabel } from "./blocks/service.ts";
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

/**
 * The blocks extraction may update: the persona's blocks that are not read-only, plus an empty
 * `user:<sender>` block (not stored yet) when the chat's sender has none.
 */
export async function offeredBlocks(
  blocks: BlockService,
  input: { persona: Persona; sender: string | null },
): Promise<Block[]> {
  const all = await blocks.list(input.persona);
  const offered = all.filter((block) => !block.read_only);
  const { sender } = input;
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
