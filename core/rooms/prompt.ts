/**
 * The prompt of one persona's reply in a room: its character (card order, lore, memories,
 * relationships, mood), who is present, and the room's transcript as that persona saw it, its
 * own lines as the assistant's and everyone else's as named user lines.
 *
 * @module
 */
import {
  buildSituation,
  postHistoryMessage,
  type PromptSection,
  withDepthLore,
} from "../chat/prompt.ts";
import type { ChatMessage } from "../llm/client.ts";
import type { LoreActivation } from "../lore/activate.ts";
import type { Persona } from "../personas/mod.ts";
import type { RoomMessage } from "./repository.ts";

/** Everything a room reply's prompt is built from. */
export interface RoomPromptInput {
  speaker: Persona;
  /** Names of the others present (members and the user). */
  present: string[];
  /** The user's name (`{{user}}`). */
  user: string;
  transcript: readonly RoomMessage[];
  sections: PromptSection[];
  lore: LoreActivation | null;
  scene: string;
}

/** Names joined as "A, B and C". */
export function joinNames(names: readonly string[]): string {
  return names.length <= 1
    ? names.join("")
    : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** The messages for one reply in a room. */
export function buildRoomMessages(input: RoomPromptInput): ChatMessage[] {
  const { speaker } = input;
  const room: PromptSection = {
    title: "The room",
    lines: [
      `Present: ${joinNames([speaker.name, ...input.present])}.`,
      `Reply with one natural turn of 1-4 sentences, as ${speaker.name} would. Speak only for yourself; never write lines for the others.`,
    ],
  };
  const system = buildSituation({
    persona: speaker,
    sender: joinNames(input.present) || input.user,
    sections: [...input.sections, room],
    lore: input.lore,
    scene: input.scene,
  });
  const chat: ChatMessage[] = input.transcript.map((line) =>
    line.persona_id === speaker.id
      ? { role: "assistant", content: line.content }
      : { role: "user", content: `${line.speaker}: ${line.content}` }
  );
  if (chat.length === 0 || chat.at(-1)?.role === "assistant") {
    chat.push({ role: "user", content: "(Go on.)" });
  }
  const messages: ChatMessage[] = [
    { role: "system", content: system },
    ...withDepthLore(chat, input.lore),
  ];
  const after = postHistoryMessage(speaker, input.user);
  if (after) messages.push(after);
  return messages;
}
