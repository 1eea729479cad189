/**
 * What a turn does to the participants (energy, emotions, relationships, memories), and the
 * conversation's wire view.
 *
 * @module
 */
import { isoTime } from "../clock.ts";
import type { ChatMemory } from "../chat/memory_port.ts";
import type { EmotionService } from "../emotions/mod.ts";
import type { Logger } from "../log.ts";
import type { Persona, PersonaService } from "../personas/mod.ts";
import type { InteractionContext, RelationshipService } from "../relationships/mod.ts";
import type { Dialogue, DialogueTurn } from "./repository.ts";

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Speaking pace used to turn words into minutes. */
const WORDS_PER_MINUTE = 150;

/**
 * Minutes of interaction a turn counts for in the relationship rules: its speaking time at 150
 * words per minute, but at least `floorMinutes` (DIALOGUE_TURN_MINUTES), since listening and
 * thinking are part of a turn too. With the default 3, a conversation of 10 turns weighs like a
 * 30-minute interaction.
 */
export function turnMinutes(content: string, floorMinutes: number): number {
  return Math.max(floorMinutes, wordCount(content) / WORDS_PER_MINUTE);
}

function interestIn(persona: Persona, topic: string | null): number {
  return (topic ? persona.topic_preferences[topic] ?? 50 : 50) / 100;
}

/**
 * The interaction a turn counts as: conflict when its quality is −0.3 or worse; a deep
 * conversation when it is a full answer of 30+ words on a topic both care about (≥ 0.7);
 * otherwise a conversation.
 */
export function turnContext(
  turn: Pick<DialogueTurn, "quality" | "response_type" | "content">,
  interest: number,
): InteractionContext {
  const words = wordCount(turn.content);
  if (turn.quality <= -0.3) return "conflict";
  if (turn.response_type === "full" && words >= 30 && interest >= 0.7) return "deep_conversation";
  return "conversation";
}

/** What a turn is applied to. */
export interface TurnInput {
  dialogue: Dialogue;
  speaker: Persona;
  others: Persona[];
  turn: DialogueTurn;
}

/** Applies a turn's energy, emotion and relationship effects to everyone present. */
export async function applyTurn(
  deps: {
    emotions: EmotionService;
    relationships: RelationshipService;
    settings: { turnMinutes: number };
  },
  input: TurnInput,
): Promise<void> {
  const { dialogue, speaker, others, turn } = input;
  const minutes = turnMinutes(turn.content, deps.settings.turnMinutes);
  const speakerInterest = interestIn(speaker, dialogue.topic);
  // Everyone's emotions in one read (then one write each), then each pair's relationship.
  await deps.emotions.talkAll([
    {
      persona: speaker,
      effect: { role: "speaker", quality: turn.quality, interest: speakerInterest },
    },
    ...others.map((listener) => ({
      persona: listener,
      effect: {
        role: "listener" as const,
        quality: turn.quality,
        interest: interestIn(listener, dialogue.topic),
      },
    })),
  ]);
  for (const listener of others) {
    const interest = interestIn(listener, dialogue.topic);
    await deps.relationships.recordInteraction(speaker.id, listener.id, {
      quality: turn.quality,
      duration_minutes: minutes,
      context: turnContext(turn, Math.min(interest, speakerInterest)),
    });
  }
}

/**
 * Stores the turn as memories of everyone present (with `truncated`, its words end in "…"); a
 * memory failure is logged, not thrown.
 */
export async function rememberTurn(
  deps: { memory?: ChatMemory | null; log: Logger },
  input: TurnInput & { truncated?: boolean },
): Promise<void> {
  if (!deps.memory?.rememberTurn) return;
  const { dialogue, speaker, others, turn } = input;
  try {
    await deps.memory.rememberTurn({
      dialogueId: dialogue.id,
      speaker,
      listeners: others,
      // Cut at the token limit: remembered as cut off, never as a finished thought.
      content: input.truncated ? `${turn.content}…` : turn.content,
      topic: dialogue.topic,
      quality: turn.quality,
    });
  } catch (error) {
    deps.log.warn("Could not store the turn as memories", { conversation: dialogue.id, error });
  }
}

/** A dialogue as `conversation.status` shows it, at `at.now` (epoch ms). */
export async function dialogueView(
  dialogue: Dialogue,
  at: { personas: PersonaService; now: number },
) {
  const { personas, now } = at;
  const until = dialogue.ended_at ?? now;
  const participants = [];
  for (const id of dialogue.participant_ids) {
    participants.push({ id, name: (await personas.find(id))?.name ?? null });
  }
  return {
    conversation_id: dialogue.id,
    participants,
    topic: dialogue.topic,
    status: dialogue.status,
    ended: dialogue.status === "ended",
    end_reason: dialogue.end_reason,
    turn_count: dialogue.turn_count,
    duration_s: Math.round((until - dialogue.started_at) / 1000),
    continue_score: dialogue.last_score,
    last_speaker_id: dialogue.last_speaker_id,
    token_budget: dialogue.token_budget,
    tokens_used: dialogue.tokens_used,
    tokens_remaining: Math.max(0, dialogue.token_budget - dialogue.tokens_used),
    started_at: isoTime(dialogue.started_at),
    ended_at: dialogue.ended_at === null ? null : isoTime(dialogue.ended_at),
  };
}

/** The conversation view type. */
export type DialogueView = Awaited<ReturnType<typeof dialogueView>>;
