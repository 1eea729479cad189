/**
 * Activation for one moment of a chat (a reply, a room speaker's turn): `activateLore` with the
 * chat's length (for `delay`) and its timed effects (`sticky`, `cooldown`) read from and written
 * back to the store. Neither is looked up unless an entry in play needs it: a chat whose books
 * have no delay, sticky or cooldown costs no query more.
 *
 * @module
 */
import { activateLore } from "./activate.ts";
import type { ActivationInput, LoreActivation, LoreSource } from "./activation_types.ts";
import type { Lorebook } from "./book.ts";
import { controlsOf, type LoreCharacter } from "./controls.ts";
import type { Persona } from "../personas/mod.ts";
import { TimedEffects } from "./timed_effects.ts";
import type { LoreChat, TimedEffectStore } from "./timed_store.ts";

/** What a chat's activation reads: activation's input, and the chat it is for. */
export interface ChatActivationInput extends Omit<ActivationInput, "timed" | "chatLength"> {
  /**
   * The chat the timed effects belong to, and how many messages it holds now (the new one
   * included), read only when an entry in play has a delay or a timed effect. Absent: delay
   * counts the messages given, and no effect is kept.
   */
  chat?: { id: LoreChat; length: () => Promise<number> };
}

/** Which of the chat's state a book's entries need. */
interface Needs {
  length: boolean;
  timed: boolean;
}

const NEEDS = new WeakMap<Lorebook, Needs>();

function needsOf(book: Lorebook): Needs {
  let needs = NEEDS.get(book);
  if (!needs) {
    needs = { length: false, timed: false };
    for (const entry of book.entries) {
      const { delay, sticky, cooldown } = controlsOf(entry);
      if (sticky > 0 || cooldown > 0) needs.timed = true;
      if (delay > 0 || needs.timed) needs.length = true;
    }
    NEEDS.set(book, needs);
  }
  return needs;
}

function needsOfAll(books: readonly LoreSource[]): Needs {
  const all = { length: false, timed: false };
  for (const { book } of books) {
    const needs = needsOf(book);
    all.length ||= needs.length;
    all.timed ||= needs.timed;
  }
  return all;
}

/**
 * Activates the books of `input` for its chat: reads the chat's length and effects when needed,
 * and stores the effects as they stand after (only when they changed).
 */
export async function activateInChat(
  store: TimedEffectStore,
  input: ChatActivationInput & { now: () => string },
): Promise<LoreActivation> {
  const { chat, now, ...rest } = input;
  const needs = chat ? needsOfAll(input.books) : { length: false, timed: false };
  if (!chat || !needs.length) return activateLore(rest);
  const chatLength = await chat.length();
  if (!needs.timed) return activateLore({ ...rest, chatLength });
  const timed = new TimedEffects(await store.read(chat.id), chatLength);
  const activation = activateLore({ ...rest, chatLength, timed });
  if (timed.changed) await store.write(chat.id, timed.effects, now());
  return activation;
}

/** `persona` as character filters see it: its name, its V3 nickname, its tags. */
export function loreCharacterOf(persona: Persona): LoreCharacter {
  const nickname = persona.card_extras.nickname;
  const names = typeof nickname === "string" && nickname.trim() !== ""
    ? [persona.name, nickname]
    : [persona.name];
  return { names, tags: persona.tags };
}
