/**
 * Relevant memories as a prompt section, for chats and dialogue turns alike. Memory is an
 * enrichment: when the store fails, the persona answers without it (a cancellation, though, is
 * passed on).
 *
 * @module
 */
import { AppError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Persona } from "../personas/mod.ts";
import type { ChatMemory, RecalledMemory } from "./memory_port.ts";
import type { PromptSection } from "./prompt.ts";

/** Title of the section, shared by chats and dialogue turns. */
export const RECALL_TITLE = "Things you remember (most relevant first)";

/** What to recall: memories of `persona` relevant to `query`, at most `limit`. */
export interface RecallRequest {
  persona: Persona;
  query: string;
  limit: number;
  signal?: AbortSignal;
  /** Who sent the message recalled for: the store's user the question's "I" is (`user_names.ts`). */
  asker?: string;
}

/** Up to `limit` memories of `persona` relevant to `query`, as a section (none when empty). */
export async function recallSection(
  deps: { memory?: Pick<ChatMemory, "recall"> | null; log: Logger },
  request: RecallRequest,
): Promise<PromptSection[]> {
  return (await recallWithSection(deps, request)).sections;
}

/**
 * The memories recalled for the prompt and the section made of them (empty when none);
 * `failed` when the store failed (then it is likely down: a chat stores its exchange at once).
 */
export async function recallWithSection(
  deps: { memory?: Pick<ChatMemory, "recall"> | null; log: Logger },
  request: RecallRequest,
): Promise<{ recalled: RecalledMemory[]; sections: PromptSection[]; failed?: true }> {
  const { memory, log } = deps;
  const { persona, query, ...options } = request;
  if (!memory || options.limit === 0 || query.trim() === "") return { recalled: [], sections: [] };
  try {
    const recalled = await memory.recall(persona, query, options);
    const sections = recalled.length
      ? [{ title: RECALL_TITLE, lines: recalled.map((item) => item.content) }]
      : [];
    return { recalled, sections };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    // A known failure (a busy model queue, a store down) says what failed in one line: under
    // load every chat logs it, and its stack tells nothing (attack9 F6: 2,290 lines of stacks).
    const why = error instanceof AppError
      ? { reason: error.code, error: error.message }
      : { error };
    log.warn("Memory recall failed; going on without memories", { persona: persona.id, ...why });
    return { recalled: [], sections: [], failed: true };
  }
}
