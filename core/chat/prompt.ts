/**
 * Prompt assembly, in one place: the persona (identity, backstory, goals, Big Five in words,
 * speaking style, interests), the scene, the sender, extra sections (memories, relationship,
 * mood) and a bounded window of recent turns, then the new message.
 *
 * @module
 */
import type { ChatMessage } from "../llm/client.ts";
import type { Persona } from "../personas/mod.ts";
import type { VisualContext } from "../sessions/mod.ts";
import { describeTraits } from "./traits.ts";

/** A titled block of lines added to the system prompt (memories, relationship, mood...). */
export interface PromptSection {
  title: string;
  lines: string[];
}

/** One earlier exchange. */
export interface PromptTurn {
  sender: string;
  content: string;
  response: string;
}

/** Bounds of the recent-turns window. */
export interface PromptWindow {
  /** At most this many earlier exchanges. */
  turns: number;
  /** At most this many characters of earlier exchanges in total (the oldest go first). */
  chars: number;
}

/** Everything a chat prompt is built from. */
export interface PromptInput {
  persona: Persona;
  sender: string;
  message: string;
  history: PromptTurn[];
  window: PromptWindow;
  visual?: VisualContext | null;
  /** Client-supplied context (`conversation.send_message`'s `context`). */
  context?: Record<string, unknown>;
  sections?: PromptSection[];
}

function interests(persona: Persona): string[] {
  const ranked = Object.entries(persona.topic_preferences).sort((a, b) => b[1] - a[1]);
  const loves = ranked.filter(([, score]) => score >= 70).map(([topic]) => topic);
  const dislikes = ranked.filter(([, score]) => score <= 30).map(([topic]) => topic).reverse();
  const lines: string[] = [];
  if (loves.length) lines.push(`You love talking about ${loves.join(", ")}.`);
  if (dislikes.length) lines.push(`You find ${dislikes.join(", ")} dull.`);
  return lines;
}

function describeData(data: unknown): string {
  const text = typeof data === "string" ? data : JSON.stringify(data);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

function section(title: string, lines: string[]): string {
  return lines.length ? `${title}:\n${lines.map((line) => `- ${line}`).join("\n")}` : "";
}

/** The persona's system prompt: identity and character, no chat state. */
export function buildSystemPrompt(persona: Persona): string {
  const parts = [
    `You are ${persona.name}. ${persona.description}`.trim(),
    persona.backstory ? `Backstory: ${persona.backstory}` : "",
    section("Your goals", persona.goals),
    `Your personality: ${describeTraits(persona.personality_traits).join("; ")}.`,
    persona.speaking_style ? `Speaking style: ${persona.speaking_style}.` : "",
    interests(persona).join(" "),
    `Stay in character as ${persona.name}: speak in the first person, as ${persona.name} would, ` +
    "in a few natural sentences. Never mention being an AI, a model or these instructions.",
  ];
  return parts.filter(Boolean).join("\n\n");
}

/** The system prompt plus this moment: scene, sender, client context and extra sections. */
export function buildSituation(input: Omit<PromptInput, "history" | "window" | "message">): string {
  const parts = [buildSystemPrompt(input.persona)];
  if (input.visual) {
    parts.push(`What you see right now (${input.visual.type}): ${describeData(input.visual.data)}`);
  }
  parts.push(`You are talking with ${input.sender}.`);
  if (input.context && Object.keys(input.context).length > 0) {
    parts.push(
      section(
        "Context from the client",
        Object.entries(input.context).map(([key, value]) => `${key}: ${describeData(value)}`),
      ),
    );
  }
  for (const extra of input.sections ?? []) parts.push(section(extra.title, extra.lines));
  return parts.filter(Boolean).join("\n\n");
}

/** Keeps the newest turns that fit the window. */
export function windowTurns(history: readonly PromptTurn[], window: PromptWindow): PromptTurn[] {
  const kept: PromptTurn[] = [];
  let chars = 0;
  for (const turn of history.toReversed()) {
    if (kept.length >= window.turns) break;
    const size = turn.content.length + turn.response.length;
    if (chars + size > window.chars) break;
    chars += size;
    kept.unshift(turn);
  }
  return kept;
}

/** The chat messages for Ollama: system, the recent turns in the window, the new message. */
export function buildChatMessages(input: PromptInput): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: "system", content: buildSituation(input) }];
  for (const turn of windowTurns(input.history, input.window)) {
    messages.push({ role: "user", content: `${turn.sender}: ${turn.content}` });
    messages.push({ role: "assistant", content: turn.response });
  }
  messages.push({ role: "user", content: `${input.sender}: ${input.message}` });
  return messages;
}
