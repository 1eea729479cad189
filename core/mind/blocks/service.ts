/**
 * Core memory blocks: set, append, delete, list, with their limits and read-only flags, and the
 * prompt sections they make. Every change is recorded with its source (a client call, or the
 * extraction job and the memories it read).
 *
 * @module
 */
import { z } from "zod";
import type { Clock } from "../../clock.ts";
import { Conflict, InvalidInput, NotFound } from "../../errors.ts";
import type { Persona } from "../../personas/mod.ts";
import type { BlockRepository } from "./repository.ts";
import {
  type Block,
  type BlockChange,
  blockLabel,
  type BlockSetInput,
  type ChangeSource,
  MAX_BLOCKS,
  MAX_CHAR_LIMIT,
} from "./schema.ts";
import { isUserBlock, isUserBlockOf } from "./user_blocks.ts";

export { isUserBlock, isUserBlockOf, userLabel } from "./user_blocks.ts";

/**
 * A block as persona bundles carry it; `value` (Letta's name for the content) is read too, and
 * a limit below the content grows to fit it.
 */
const BundledBlock = z.object({
  label: blockLabel,
  content: z.string().max(MAX_CHAR_LIMIT).optional(),
  value: z.string().max(MAX_CHAR_LIMIT).optional(),
  limit: z.number().int().min(1).max(MAX_CHAR_LIMIT).optional(),
  read_only: z.boolean().optional(),
  description: z.string().max(500).optional(),
});

/** A titled part of the prompt (the chat engine's `PromptSection`). */
export interface BlockSection {
  title: string;
  lines: string[];
}

/** What the block service is built from. */
export interface BlockDeps {
  repository: BlockRepository;
  clock: Clock;
  /** MEMORY_BLOCK_CHAR_LIMIT: the limit of a new block that names none. */
  defaultLimit: number;
}

const CLIENT: ChangeSource = { kind: "client" };

function readOnly(label: string, action: string): Conflict {
  return new Conflict(
    `Cannot ${action} block "${label}": it is read-only (unlock it first with ` +
      `memory.block_set {label, read_only: false})`,
    [{ field: "label", message: "names a read-only block" }],
  );
}

function overLimit(label: string, chars: number, limit: number, action: string): InvalidInput {
  return new InvalidInput(
    `Cannot ${action} block "${label}": it would hold ${chars} characters, over its limit of ${limit}`,
    [{ field: "content", message: `must keep the block at most ${limit} characters` }],
  );
}

/** Core memory blocks of personas. */
export class BlockService {
  readonly #deps: BlockDeps;

  /** A service over `deps.repository`. */
  constructor(deps: BlockDeps) {
    this.#deps = deps;
  }

  /** The character limit of a new block that names none (MEMORY_BLOCK_CHAR_LIMIT). */
  get defaultLimit(): number {
    return this.#deps.defaultLimit;
  }

  /** The persona's blocks in prompt order (creation order). */
  list(persona: Persona): Promise<Block[]> {
    return this.#deps.repository.list(persona.id);
  }

  /** One block; NotFound when the persona has none with this label. */
  async get(persona: Persona, label: string): Promise<Block> {
    const block = await this.#deps.repository.get(persona.id, label);
    if (!block) {
      throw new NotFound(
        `${persona.name} has no block "${label}"; create it with memory.block_set`,
        { fields: [{ field: "label", message: "names no block of this persona" }] },
      );
    }
    return block;
  }

  /** The latest changes of a block, newest first. */
  changes(persona: Persona, label: string, limit: number): Promise<BlockChange[]> {
    return this.#deps.repository.changes(persona.id, label, limit);
  }

  /**
   * Creates or changes a block. A read-only block accepts only `{read_only: false}` alone (the
   * unlock); content over the limit is refused, so is a limit below the content.
   */
  set(
    persona: Persona,
    input: BlockSetInput,
    source: ChangeSource = CLIENT,
  ): Promise<{ block: Block; created: boolean }> {
    return this.#deps.repository.exclusive(persona.id, () => this.#set(persona, input, source));
  }

  async #set(
    persona: Persona,
    input: BlockSetInput,
    source: ChangeSource,
  ): Promise<{ block: Block; created: boolean }> {
    const { repository, clock, defaultLimit } = this.#deps;
    const current = await repository.get(persona.id, input.label);
    const now = clock.now();
    if (!current) {
      const count = (await repository.list(persona.id)).length;
      if (count >= MAX_BLOCKS) {
        throw new InvalidInput(
          `Cannot create block "${input.label}": at most ${MAX_BLOCKS} blocks`,
          [
            { field: "label", message: `the persona has ${MAX_BLOCKS} blocks already` },
          ],
        );
      }
      const block = {
        persona_id: persona.id,
        label: input.label,
        content: input.content ?? "",
        char_limit: input.limit ?? defaultLimit,
        read_only: input.read_only ?? false,
        description: input.description ?? "",
        created_at: now,
        updated_at: now,
      };
      if (block.content.length > block.char_limit) {
        throw overLimit(input.label, block.content.length, block.char_limit, "create");
      }
      const saved = await repository.save(block, this.#change(block, "create", source));
      return { block: saved, created: true };
    }
    const changesFields = input.content !== undefined || input.limit !== undefined ||
      input.description !== undefined;
    if (current.read_only && (changesFields || input.read_only !== false)) {
      throw readOnly(input.label, "change");
    }
    if (!changesFields && input.read_only === undefined) {
      throw new InvalidInput(`Cannot set block "${input.label}": nothing to change`, [
        { field: "params", message: "give content, limit, read_only or description" },
      ]);
    }
    const next = {
      ...current,
      content: input.content ?? current.content,
      char_limit: input.limit ?? current.char_limit,
      read_only: input.read_only ?? current.read_only,
      description: input.description ?? current.description,
      updated_at: now,
    };
    if (next.content.length > next.char_limit) {
      throw overLimit(input.label, next.content.length, next.char_limit, "set");
    }
    const action = current.read_only && !next.read_only
      ? "unlock"
      : !current.read_only && next.read_only && !changesFields
      ? "lock"
      : "set";
    return {
      block: await repository.save(next, this.#change(next, action, source)),
      created: false,
    };
  }

  /** Appends a line to an existing block (refused when read-only or over the limit). */
  append(
    persona: Persona,
    input: { label: string; content: string },
    source: ChangeSource = CLIENT,
  ): Promise<Block> {
    return this.#deps.repository.exclusive(persona.id, () => this.#append(persona, input, source));
  }

  async #append(
    persona: Persona,
    input: { label: string; content: string },
    source: ChangeSource,
  ): Promise<Block> {
    const current = await this.get(persona, input.label);
    if (current.read_only) throw readOnly(input.label, "append to");
    const content = current.content === "" ? input.content : `${current.content}\n${input.content}`;
    if (content.length > current.char_limit) {
      throw overLimit(input.label, content.length, current.char_limit, "append to");
    }
    const next = { ...current, content, updated_at: this.#deps.clock.now() };
    return await this.#deps.repository.save(next, this.#change(next, "append", source));
  }

  /** Deletes a block (refused when read-only); returns it as it was. */
  delete(persona: Persona, label: string): Promise<Block> {
    return this.#deps.repository.exclusive(persona.id, () => this.#delete(persona, label));
  }

  async #delete(persona: Persona, label: string): Promise<Block> {
    const current = await this.get(persona, label);
    if (current.read_only) throw readOnly(label, "delete");
    await this.#deps.repository.delete(persona.id, label, {
      persona_id: persona.id,
      label,
      action: "delete",
      content: null,
      source: CLIENT,
      at: this.#deps.clock.now(),
    });
    return current;
  }

  /**
   * The persona's blocks as prompt sections, in creation order. A `user:<name>` block is
   * included only when `name` is among `present` (who is talking with the persona;
   * {@linkcode isUserBlockOf}), so one user's block never reaches another user's chat. Empty blocks are left out.
   */
  async sections(persona: Persona, present: readonly string[]): Promise<BlockSection[]> {
    const blocks = await this.#deps.repository.list(persona.id);
    return blocks
      .filter((block) => !isUserBlock(block.label) || isUserBlockOf(block.label, present))
      .filter((block) => block.content.trim() !== "")
      .map((block) => ({
        title: `Core memory [${block.label}]`,
        lines: block.content.split("\n").map((line) => line.trim()).filter(Boolean),
      }));
  }

  /** The persona's blocks as a persona bundle carries them, in prompt order. */
  async exportBlocks(persona: Persona): Promise<Record<string, unknown>[]> {
    return (await this.list(persona)).map((block) => ({
      label: block.label,
      content: block.content,
      limit: block.char_limit,
      read_only: block.read_only,
      description: block.description,
    }));
  }

  /**
   * Restores the blocks of a bundle for a newly imported persona, in their order; entries that
   * are not blocks are left out. Returns how many were restored.
   */
  async importBlocks(
    persona: Persona,
    blocks: readonly Record<string, unknown>[],
  ): Promise<number> {
    let restored = 0;
    for (const entry of blocks) {
      const parsed = BundledBlock.safeParse(entry);
      if (!parsed.success) continue;
      const { label, read_only, description } = parsed.data;
      const content = parsed.data.content ?? parsed.data.value ?? "";
      const limit = Math.max(parsed.data.limit ?? this.#deps.defaultLimit, content.length);
      if (await this.#deps.repository.get(persona.id, label)) continue;
      await this.set(persona, { label, content, limit, read_only, description });
      restored++;
    }
    return restored;
  }

  #change(
    block: Pick<Block, "persona_id" | "label" | "content">,
    action: BlockChange["action"],
    source: ChangeSource,
  ): BlockChange {
    return {
      persona_id: block.persona_id,
      label: block.label,
      action,
      content: block.content,
      source,
      at: this.#deps.clock.now(),
    };
  }
}
