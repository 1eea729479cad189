/**
 * Prompt assembly, in one place, in the order SillyTavern's default context template gives a
 * character card (so a card behaves as its author tested it):
 *
 *   system prompt (the card's `system_prompt`, `{{original}}` standing for ours)
 *   → lore before → description (and backstory) → personality (the card's summary, then the
 *   Big Five in words, goals, speaking style, interests) → scenario → lore after
 *   → this moment (scene, who speaks, client context, memories, relationship, mood)
 *   → example dialogue → history (the greeting first; lore placed at a depth goes in here)
 *   → the new message → post-history instructions.
 *
 * `{{char}}` (the nickname when the card has one), `{{user}}` (whoever speaks) and
 * `{{original}}` are replaced in everything the card contributes; `creator_notes`, `tags`,
 * `creator` and `character_version` never reach a prompt.
 *
 * @module
 */
import { replaceMacros } from "../characters/macros.ts";
import { cutText } from "../text_cut.ts";
import type { ChatMessage } from "../llm/client.ts";
import { type LoreActivation, loreAt, type LorePosition } from "../lore/activate.ts";
import type { Persona } from "../personas/mod.ts";
import type { VisualContext } from "../sessions/mod.ts";
import { PersonaTextCache } from "./text_cache.ts";
import { describeTraits } from "./traits.ts";

/** A titled block of lines added to the system prompt (memories, relationship, mood...). */
export interface PromptSection {
  title: string;
  lines: string[];
}

/** One earlier exchange; a greeting has no message, only the persona's line. */
export interface PromptTurn {
  sender: string;
  content: string;
  response: string;
  /** `greeting`: the persona's opening line (no message before it). */
  kind?: "exchange" | "greeting";
}

/** Bounds of the recent-turns window. */
export interface PromptWindow {
  /** At most this many earlier exchanges. */
  turns: number;
  /** At most this many characters of earlier exchanges in total (the oldest go first). */
  chars: number;
}

/** What the character part of a prompt is built from. */
export interface SituationInput {
  persona: Persona;
  /** Who the persona talks with (`{{user}}`). */
  sender: string;
  visual?: VisualContext | null;
  /** Client-supplied context (`conversation.send_message`'s `context`). */
  context?: Record<string, unknown>;
  sections?: PromptSection[];
  /** Lorebook entries that fired for this moment. */
  lore?: LoreActivation | null;
  /** A scenario of the place (a room's), after the card's own. */
  scene?: string;
}

/** Everything a chat prompt is built from. */
export interface PromptInput extends SituationInput {
  message: string;
  history: PromptTurn[];
  window: PromptWindow;
}

/** The instruction the card's `system_prompt` replaces (`{{original}}` inside it). */
export const DEFAULT_SYSTEM_PROMPT =
  "You are {{char}}. Stay in character as {{char}}: speak in the first person, as {{char}} " +
  "would, in a few natural sentences. Never mention being an AI, a model or these instructions.";

/** The name `{{char}}` stands for: V3's nickname when the card has one. */
export function characterName(persona: Persona): string {
  const nickname = persona.card_extras.nickname;
  return typeof nickname === "string" && nickname.trim() ? nickname : persona.name;
}

/** Replaces the card macros for `persona` speaking with `user`. */
export function macrosFor(persona: Persona, user: string): (text: string) => string {
  const values = { char: characterName(persona), user };
  return (text) => replaceMacros(text, values);
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
  return text.length > 2000 ? `${cutText(text, 2000)}…` : text;
}

function section(title: string, lines: string[]): string {
  return lines.length ? `${title}:\n${lines.map((line) => `- ${line}`).join("\n")}` : "";
}

function join(parts: readonly string[]): string {
  return parts.map((part) => part.trim()).filter(Boolean).join("\n\n");
}

/** The system prompt: the card's own (with `{{original}}` standing for ours), else ours. */
function systemPart(persona: Persona, fill: (text: string) => string): string {
  const original = fill(DEFAULT_SYSTEM_PROMPT);
  if (!persona.system_prompt.trim()) return original;
  return replaceMacros(persona.system_prompt, {
    char: characterName(persona),
    user: fill("{{user}}"),
    original,
  });
}

function lore(input: SituationInput, position: LorePosition): string {
  return input.lore ? loreAt(input.lore, position) : "";
}

/** What the character part is made of that depends on the persona and the sender alone. */
export interface CharacterText {
  system: string;
  identity: string;
  personality: string;
  traits: string[];
  scenario: string;
  examples: string;
}

/**
 * The character text of each persona object and sender, within a byte budget for the whole
 * process (see `text_cache.ts`). Every chat of a persona builds the same text (about 60 µs of CPU
 * a chat); an updated persona is a new object, so it never finds the old text.
 */
export const characterTexts: PersonaTextCache<CharacterText> = new PersonaTextCache();

function characterText(persona: Persona, sender: string): CharacterText {
  const kept = characterTexts.get(persona, sender);
  if (kept) return kept;
  const fill = macrosFor(persona, sender);
  const blocks = fill(persona.mes_example).split(/<START>/i)
    .map((block) => block.trim()).filter(Boolean);
  const text: CharacterText = {
    system: systemPart(persona, fill),
    identity: join([
      persona.description.trim() ? fill(persona.description) : "",
      persona.backstory ? `Backstory: ${persona.backstory}` : "",
    ]),
    personality: persona.personality.trim()
      ? `${characterName(persona)}'s personality: ${fill(persona.personality)}`
      : "",
    traits: [
      `Your personality: ${describeTraits(persona.personality_traits).join("; ")}.`,
      section("Your goals", persona.goals),
      persona.speaking_style ? `Speaking style: ${persona.speaking_style}.` : "",
      interests(persona).join(" "),
    ],
    scenario: persona.scenario.trim() ? `Scenario: ${fill(persona.scenario)}` : "",
    examples: blocks.length
      ? `Example dialogue (how ${characterName(persona)} talks; not part of this chat):\n` +
        blocks.join("\n***\n")
      : "",
  };
  characterTexts.set(persona, sender, text);
  return text;
}

/** The character: system prompt, lore, description, personality, scenario (no moment yet). */
function characterParts(input: SituationInput): string[] {
  const text = characterText(input.persona, input.sender);
  const scene = input.scene?.trim()
    ? `Scene: ${macrosFor(input.persona, input.sender)(input.scene)}`
    : "";
  return [
    text.system,
    lore(input, "before_char"),
    text.identity,
    join([text.personality, lore(input, "personality"), ...text.traits]),
    join([text.scenario, scene, lore(input, "scenario")]),
    lore(input, "after_char"),
  ];
}

/** The card's example dialogue, `<START>` blocks marked as examples, with macros replaced. */
function examplePart(input: SituationInput): string {
  const { examples } = characterText(input.persona, input.sender);
  return join([lore(input, "before_examples"), examples, lore(input, "after_examples")]);
}

/** The moment: scene, who speaks, client context, extra sections. */
function momentParts(input: SituationInput): string[] {
  const parts: string[] = [];
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
  return parts;
}

/** The persona's system prompt: the character alone, talking with "the user". */
export function buildSystemPrompt(persona: Persona): string {
  return join(characterParts({ persona, sender: "the user" }));
}

/** The whole system message: the character, this moment, then the example dialogue. */
export function buildSituation(input: SituationInput): string {
  return join([...characterParts(input), ...momentParts(input), examplePart(input)]);
}

/** The card's post-history instructions as the last message, when it has them. */
export function postHistoryMessage(persona: Persona, user: string): ChatMessage | null {
  if (!persona.post_history_instructions.trim()) return null;
  const content = replaceMacros(persona.post_history_instructions, {
    char: characterName(persona),
    user,
    original: "",
  }).trim();
  return content ? { role: "system", content } : null;
}

/**
 * `chat` (history and new message, no system message) with the lore entries placed at a depth
 * inserted: depth 0 after the newest message, 1 before it, and so on (past the oldest: first).
 */
export function withDepthLore(
  chat: ChatMessage[],
  lore: LoreActivation | null | undefined,
): ChatMessage[] {
  const deep = lore?.fired.filter((entry) => entry.position === "at_depth") ?? [];
  if (deep.length === 0) return chat;
  const out = [...chat];
  // Deepest first, so shallower insertions do not shift the places already chosen.
  const ordered = [...deep].sort((a, b) => (b.depth ?? 0) - (a.depth ?? 0));
  for (const entry of ordered) {
    const at = Math.max(0, out.length - (entry.depth ?? 0));
    out.splice(at, 0, { role: entry.role ?? "system", content: entry.content });
  }
  return out;
}

/** Keeps the newest turns that fit the window. */
export function windowTurns(history: readonly PromptTurn[], window: PromptWindow): PromptTurn[] {
  // Walked from the newest by index and reversed once: no copy of the whole history per chat
  // and no shifting of the kept turns at each one.
  const kept: PromptTurn[] = [];
  let chars = 0;
  for (let i = history.length - 1; i >= 0 && kept.length < window.turns; i--) {
    const turn = history[i]!;
    const size = turn.content.length + turn.response.length;
    if (chars + size > window.chars) break;
    chars += size;
    kept.push(turn);
  }
  return kept.reverse();
}

/** The chat messages: system, recent turns, the new message, post-history instructions. */
export function buildChatMessages(input: PromptInput): ChatMessage[] {
  const chat: ChatMessage[] = [];
  for (const turn of windowTurns(input.history, input.window)) {
    if (turn.kind !== "greeting") {
      chat.push({ role: "user", content: `${turn.sender}: ${turn.content}` });
    }
    chat.push({ role: "assistant", content: turn.response });
  }
  chat.push({ role: "user", content: `${input.sender}: ${input.message}` });
  const messages: ChatMessage[] = [
    { role: "system", content: buildSituation(input) },
    ...withDepthLore(chat, input.lore),
  ];
  const after = postHistoryMessage(input.persona, input.sender);
  if (after) messages.push(after);
  return messages;
}
