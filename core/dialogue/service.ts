/**
 * Dialogues (persona-to-persona conversations): start, turn, status, end. Each turn chooses the speaker,
 * computes the continue score, routes (full answer, short answer, closing line), and applies
 * the turn's real quality to relationships, emotions, energy and memories (`take_turn.ts`).
 *
 * @module
 */
import { isoTime } from "../clock.ts";
import type { InteractionStateView } from "../emotions/mod.ts";
import { InvalidInput, PersonaUnavailable } from "../errors.ts";
import type { Persona } from "../personas/mod.ts";
import { type DialogueView, dialogueView } from "./effects.ts";
import { finishDialogue, missing } from "./ending.ts";
import type { Dialogue, DialogueFilter } from "./repository.ts";
import { takeTurn } from "./take_turn.ts";
import { TurnClaims } from "./turn_claim.ts";
import { TurnGate } from "./turn_gate.ts";
import type { DialogueDeps, DialogueRequest, TranscriptTurn, TurnResult } from "./types.ts";

export type {
  DialogueDeps,
  DialogueRequest,
  DialogueSettings,
  TranscriptTurn,
  TurnResult,
} from "./types.ts";

/** Persona-to-persona conversations. */
export class DialogueService {
  readonly #deps: DialogueDeps;
  readonly #gate = new TurnGate();
  readonly #claims: TurnClaims;

  /** Creates the service. */
  constructor(deps: DialogueDeps) {
    this.#deps = deps;
    this.#claims = new TurnClaims(deps.repository, deps.settings.turnLeaseMs);
  }

  /**
   * Starts a dialogue; every participant must exist and be available. The check and the start
   * are one transaction holding each participant's lock: two nodes cannot both start one
   * persona's conversation.
   */
  async start(request: DialogueRequest): Promise<DialogueView> {
    const { participantIds, topic, tokenBudget } = request;
    const { repository } = this.#deps;
    const unique = [...new Set(participantIds)];
    if (unique.length < 2 || unique.length > 8 || unique.length !== participantIds.length) {
      throw new InvalidInput("A conversation needs 2 to 8 different personas", [
        { field: "participants", message: "must hold 2-8 different persona ids" },
      ]);
    }
    const personas: Persona[] = [];
    for (const id of unique) personas.push(await this.#deps.personas.get(id));
    await this.endStale();
    const locks = unique.map((personaId) => `persona-dialogues:${personaId}`);
    const id = await repository.exclusively(locks, async () => {
      for (const persona of personas) await this.#assertAvailable(persona);
      return await this.#create(unique, { topic, tokenBudget });
    });
    return await this.status(id);
  }

  async #assertAvailable(persona: Persona): Promise<void> {
    const state = await this.interactionState(persona);
    if (!state.available) {
      throw new PersonaUnavailable(persona, {
        reason: state.unavailable_reason!,
        availableAt: state.available_at,
        dialogueId: state.active_conversations[0],
      });
    }
  }

  async #create(
    unique: string[],
    { topic, tokenBudget }: Omit<DialogueRequest, "participantIds">,
  ): Promise<string> {
    const { repository, clock, settings } = this.#deps;
    const dialogue: Dialogue = {
      id: `conv_${crypto.randomUUID()}`,
      topic,
      token_budget: tokenBudget ?? settings.tokenBudget,
      tokens_used: 0,
      turn_count: 0,
      last_score: null,
      last_speaker_id: null,
      status: "active",
      end_reason: null,
      started_at: clock.now(),
      ended_at: null,
      participant_ids: unique,
    };
    await repository.create(dialogue);
    return dialogue.id;
  }

  /** Conversations, newest first (idle ones past DIALOGUE_MAX_MINUTES have timed out). */
  async list(filter: DialogueFilter): Promise<DialogueView[]> {
    return (await this.page(filter)).map((listed) => listed.view);
  }

  /**
   * As {@linkcode list}, each conversation with the key a page ending at it is continued after
   * (`after`), read with the page.
   */
  async page(filter: DialogueFilter): Promise<Array<{ view: DialogueView; key: string }>> {
    await this.endStale();
    const listed = [];
    for (const { id, key } of await this.#deps.repository.listKeyed(filter)) {
      listed.push({ view: await this.status(id), key });
    }
    return listed;
  }

  /**
   * The persona's interaction state with its conversations: available only when its energy
   * and cooldown allow it and it is not already in a conversation (`busy`, until that times
   * out). `conversation.start` refuses by this rule and `persona.status` reports it.
   */
  async interactionState(
    persona: Persona,
  ): Promise<InteractionStateView & { active_conversations: string[] }> {
    const { repository, emotions, settings } = this.#deps;
    await this.endStale();
    const active = await repository.activeFor(persona.id);
    const state = await emotions.interaction(persona);
    if (active.length === 0) return { ...state, active_conversations: [] };
    const activity = [];
    for (const id of active) activity.push(await repository.lastActivity(id));
    const until = Math.max(...activity) + Math.round(settings.maxMinutes * 60_000);
    return {
      ...state,
      available: false,
      unavailable_reason: "busy",
      available_at: isoTime(Math.max(until, Date.parse(state.available_at))),
      active_conversations: active,
    };
  }

  /** The dialogue's status (turns, last score, tokens, end reason). */
  async status(id: string): Promise<DialogueView> {
    const dialogue = await this.#load(id);
    return await dialogueView(dialogue, {
      personas: this.#deps.personas,
      now: this.#deps.clock.now(),
    });
  }

  /** The conversation's state and every turn so far, in order (its transcript). */
  async transcript(id: string): Promise<DialogueView & { turns: TranscriptTurn[] }> {
    const turns = (await this.#deps.repository.turns(id)).map(({ dialogue_id: _id, ...turn }) => ({
      ...turn,
      created_at: isoTime(turn.created_at),
    }));
    return { ...await this.status(id), turns };
  }

  /**
   * Generates the next turn: one at a time per conversation, in this process (the gate) and
   * across processes and nodes (the claim, `turn_claim.ts`).
   */
  async turn(id: string, signal?: AbortSignal): Promise<TurnResult> {
    // No check that `id` exists first: a claim on a missing conversation says so (NotFound).
    return await this.#gate.run(id, async (gated) => {
      const claim = await this.#claims.acquire(id, gated);
      try {
        return await takeTurn(this.#deps, {
          id,
          claim,
          signal: AbortSignal.any([gated, claim.lost]),
        });
      } finally {
        await claim.release();
      }
    }, { signal });
  }

  /** Ends conversations idle for longer than DIALOGUE_MAX_MINUTES (abandoned by their client). */
  endStale(): Promise<number> {
    const { repository, clock, settings } = this.#deps;
    const now = clock.now();
    // Whole ms: compared with a BIGINT column (DIALOGUE_MAX_MINUTES may be fractional).
    return repository.endStale(now - Math.round(settings.maxMinutes * 60_000), {
      reason: "timed_out",
      at: now,
    });
  }

  /** Ends the conversations a deleted persona leaves with a single participant. */
  endOrphaned(): Promise<number> {
    return this.#deps.repository.endOrphaned({
      reason: "participant_left",
      at: this.#deps.clock.now(),
    });
  }

  /**
   * Ends a conversation (cooldowns apply) and returns its final stats. A turn still being
   * generated is cancelled first, so it cannot land after the end.
   */
  async end(id: string, reason: string): Promise<DialogueView> {
    await this.#load(id);
    await this.#gate.cancel(id, "the conversation was ended");
    const dialogue = await this.#load(id);
    if (dialogue.status === "active") {
      await finishDialogue(this.#deps, dialogue, { reason, finalScore: dialogue.last_score ?? 50 });
    }
    return await this.status(id);
  }

  async #load(id: string): Promise<Dialogue> {
    const dialogue = await this.#deps.repository.find(id);
    if (!dialogue) throw missing(id);
    return dialogue;
  }
}

export type { DialogueView };
