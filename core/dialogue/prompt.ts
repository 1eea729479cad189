/**
 * The prompt of one dialogue turn: the speaker's situation (persona, feelings, who the others
 * are to them, the topic, relevant memories, how to answer now) and the recent transcript.
 *
 * @module
 */
import { buildSituation, type PromptSection } from "../chat/prompt.ts";
import type { ChatMessage } from "../llm/client.ts";
import type { Persona } from "../personas/mod.ts";
import type { TranscriptLine } from "./repository.ts";

/** How the turn should sound, by its continue score. */
export type ResponseType = "full" | "short" | "closing";

const GUIDANCE: Record<ResponseType, (name: string) => string> = {
  full: (name) =>
    `Reply with one natural turn of 1-4 sentences, as ${name} would. Speak only for yourself; never write lines for the others.`,
  short: () =>
    "Keep it short (one or two sentences). You are starting to lose interest or energy: begin to wrap up.",
  closing: () =>
    "Say a brief goodbye in one sentence that fits how you feel about them, and leave the conversation.",
};

/** Answer length limits per response type (Ollama's num_predict, OpenAI's max_tokens). */
export const MAX_TOKENS: Record<ResponseType, number> = { full: 300, short: 100, closing: 60 };

/** Everything a turn's prompt is built from. */
export interface TurnPromptInput {
  speaker: Persona;
  others: Persona[];
  topic: string | null;
  transcript: TranscriptLine[];
  responseType: ResponseType;
  sections: PromptSection[];
}

function joinNames(names: string[]): string {
  return names.length <= 1
    ? names.join("")
    : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** The messages for one turn: the others' lines as user turns, the speaker's own as assistant. */
export function buildTurnMessages(input: TurnPromptInput): ChatMessage[] {
  const { speaker, others, topic } = input;
  const sections: PromptSection[] = [
    ...input.sections,
    {
      title: "The conversation",
      lines: [
        topic ? `The topic is ${topic}.` : "There is no set topic.",
        `Present: ${joinNames([speaker.name, ...others.map((other) => other.name)])}.`,
        GUIDANCE[input.responseType](speaker.name),
      ],
    },
  ];
  const system = buildSituation({
    persona: speaker,
    sender: joinNames(others.map((other) => other.name)),
    sections,
  });
  const messages: ChatMessage[] = [{ role: "system", content: system }];
  for (const turn of input.transcript) {
    messages.push(
      turn.speaker_id === speaker.id
        ? { role: "assistant", content: turn.content }
        : { role: "user", content: `${turn.speaker_name}: ${turn.content}` },
    );
  }
  if (messages.length === 1) {
    messages.push({
      role: "user",
      content: `(You meet ${joinNames(others.map((o) => o.name))}. ${
        topic ? `Start a conversation about ${topic}.` : "Start a conversation."
      })`,
    });
  } else if (messages.at(-1)!.role === "assistant") {
    messages.push({ role: "user", content: "(Go on.)" });
  }
  return messages;
}
