/**
 * The seam between chats and lorebooks: which books are in play for a persona (its
 * card's own book first, then the books attached to it, then the room's) and the defaults of
 * activation. `core/lore/` implements it; without it, chats have no lore.
 *
 * @module
 */
import type { LoreActivation, LoreDefaults, LoreSource } from "../lore/activate.ts";
import type { ChatActivationInput } from "../lore/chat_activation.ts";
import type { Persona } from "../personas/mod.ts";

/** What chats need from lorebooks. */
export interface ChatLore {
  /** The books in play for `persona`, in precedence order; with `roomId`, the room's too. */
  booksFor(persona: Persona, roomId: string | null): Promise<LoreSource[]>;
  /**
   * Which entries fire for this moment of a chat: activation with the persona's character filter,
   * the chat's length (delay) and its timed effects (sticky, cooldown) kept between replies.
   */
  activate(input: ChatActivationInput): Promise<LoreActivation>;
  /** Values for what a book does not say (scan depth, budget, recursion steps...). */
  readonly defaults: LoreDefaults;
}
