/**
 * Dialogues (persona-to-persona conversations): start, turn, status, end. Each turn chooses the speaker,
 * computes the continue score, routes (full answer, short answer, closing line), and applies
 * the turn's real quality to relationships, emotions, energy and memories.
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import type { ChatMemory, CoreMemory } from "../chat/memory_port.ts";
import { socialSections } from "../chat/social_sections.ts";
import type { EmotionService, InteractionStateView } from "../emotions/mod.ts";
import { roundTo } from "../numbers.ts";
import { InvalidInput, NotFound, PersonaNotFound, PersonaUnavailable } from "../errors.ts";
import type { LlmClient } from "../llm/client.ts";
import type { Logger } from "../log.ts";
import type { Persona, PersonaService } from "../personas/mod.ts";
import type { RelationshipService } from "../relationships/mod.ts";
import type { ContinueScore } from "./continue_score.ts";
import { buildTurnMessages, MAX_TOKENS, type ResponseType } from "./prompt.ts";
import type { Dialogue, DialogueFilter, DialogueRepository, DialogueTurn } from "./repository.ts";
import { nextSpeaker, scoreTurn, snapshotAll } from "./turn_inputs.ts";
import { recallSection } from "../chat/recall.ts";
import { cleanUtterance, sentiment } from "./utterance.ts";
import { applyTurn, type DialogueView, dialogueView, rememberTurn } from "./effects.ts";
import { TurnGate } from "./turn_gate.ts";
import { type HeldClaim, superseded, TurnClaims } from "./turn_claim.ts";

/** Tunables (settings). */
export interface DialogueSettings {
  maxTurns: number;
  maxMinutes: number;
  tokenBudget: number;
  cooldownSeconds: number;
  highScore: number;
  lowScore: number;
  defaultModel: string;
  temperature: number;
  transcriptTurns: number;
  memoryCount: number;
  /** Least minutes of interaction a turn counts for in the relationship rules. */
  turnMinutes: number;
  /** How long a turn's claim lasts past its last heartbeat (ms); a dead node's claim runs out. */
  turnLeaseMs: number;
}

/** What the service is built from. */
export interface DialogueDeps {
  repository: DialogueRepository;
  personas: PersonaService;
  relationships: RelationshipService;
  emotions: EmotionService;
  llm: LlmClient;
  clock: Clock;
  log: Logger;
  settings: DialogueSettings;
  memory?: ChatMemory | null;
  /** The speaker's core memory blocks, first in its prompt's sections. */
  core?: CoreMemory | null;
}

/** What {@linkcode DialogueService.start} needs. */
export interface DialogueRequest {
  /** 2-8 different persona ids, in speaking order. */
  participantIds: string[];
  topic: string | null;
  /** Completion tokens for the whole dialogue; DIALOGUE_TOKEN_BUDGET when absent. */
  tokenBudget?: number;
}

/** The result of one turn. */
export interface TurnResult {
  conversation_id: string;
  turn_number: number;
  speaker_id: string;
  speaker_name: string;
  speaker_reason: string;
  content: string;
  continue_score: number;
  factors: ContinueScore["factors"];
  reasons: string[];
  response_type: ResponseType;
  quality: number;
  tokens: number;
  ended: boolean;
  end_reason?: string;
}

/** One turn of a transcript (its time in ISO 8601). */
export type TranscriptTurn = Omit<DialogueTurn, "dialogue_id" | "created_at"> & {
  created_at: string;
};

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
    await this.endStale();
    const views = [];
    for (const id of await this.#deps.repository.list(filter)) views.push(await this.status(id));
    return views;
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
    const until = Math.max(...activity) + settings.maxMinutes * 60_000;
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
    if (!await this.#deps.repository.state(id)) throw missing(id);
    return await this.#gate.run(id, async (gated) => {
      const claim = await this.#claims.acquire(id, gated);
      try {
        return await this.#takeTurn(id, { claim, signal: AbortSignal.any([gated, claim.lost]) });
      } finally {
        await claim.release();
      }
    }, { signal });
  }

  async #takeTurn(
    id: string,
    { claim, signal }: { claim: HeldClaim; signal: AbortSignal },
  ): Promise<TurnResult> {
    const { repository, llm, clock, settings } = this.#deps;
    const loaded = await repository.findWithTurns(id);
    if (!loaded) throw missing(id);
    const { dialogue, turns: transcript } = loaded;
    activeOrThrow(id, dialogue);
    const people = await this.#participants(dialogue);
    const snapshots = await snapshotAll(this.#deps.emotions, people);
    const situation = { dialogue, people, transcript, snapshots };
    const { speaker, reason: speakerReason } = nextSpeaker(situation);
    const others = people.filter((p) => p.id !== speaker.id);
    const score = await scoreTurn(this.#deps, situation);
    const responseType: ResponseType = score.cap || score.score < settings.lowScore
      ? "closing"
      : score.score < settings.highScore
      ? "short"
      : "full";
    const query = [dialogue.topic, transcript.at(-1)?.content].filter(Boolean).join(" ");
    const memories = await recallSection(this.#deps, {
      persona: speaker,
      query,
      limit: settings.memoryCount,
      signal,
    });
    const core = await this.#deps.core?.sections(speaker, others.map((other) => other.name)) ?? [];
    const messages = buildTurnMessages({
      speaker,
      others,
      topic: dialogue.topic,
      transcript: transcript.slice(-settings.transcriptTurns),
      responseType,
      sections: [
        ...core,
        ...await socialSections(this.#deps, {
          persona: speaker,
          emotions: snapshots.get(speaker.id)!.emotions,
          others,
        }),
        ...memories,
      ],
    });
    const answer = await llm.chat({
      model: speaker.model ?? settings.defaultModel,
      messages,
      temperature: settings.temperature,
      maxTokens: MAX_TOKENS[responseType],
      signal,
    });
    // While the model spoke, a participant may have been deleted (the conversation may have
    // ended with it): nothing of this turn is written then.
    for (const person of people) {
      if (!await this.#deps.personas.find(person.id)) {
        throw new PersonaNotFound(person.id, "Cannot finish the turn: participant");
      }
    }
    const content = cleanUtterance(answer.text, speaker.name, others.map((o) => o.name));
    const quality = Math.max(
      -1,
      Math.min(1, 0.7 * (score.score - 50) / 50 + 0.3 * sentiment(content)),
    );
    const turn: DialogueTurn = {
      dialogue_id: id,
      turn_number: transcript.length + 1,
      speaker_id: speaker.id,
      speaker_name: speaker.name,
      content,
      continue_score: score.score,
      reasons: score.reasons,
      factors: score.factors,
      response_type: responseType,
      quality: roundTo(quality, 3),
      tokens: answer.completionTokens,
      created_at: clock.now(),
    };
    const endReason = responseType === "closing" ? score.cap ?? "low_interest" : undefined;
    // Written only if this node's claim still stands, and only while the conversation is
    // active: it may have been ended, or its turn taken over, while the model spoke.
    const outcome = await repository.commitClaimed(id, claim.token, async () => {
      activeOrThrow(id, await repository.state(id));
      await repository.addTurn(turn);
      await applyTurn(this.#deps, { dialogue, speaker, others, turn });
      if (endReason) await this.#finish(dialogue, { reason: endReason, finalScore: score.score });
    });
    if (!outcome.committed) throw superseded(id);
    claim.committed();
    await rememberTurn(this.#deps, { dialogue, speaker, others, turn });
    return {
      conversation_id: id,
      turn_number: turn.turn_number,
      speaker_id: speaker.id,
      speaker_name: speaker.name,
      speaker_reason: speakerReason,
      content,
      continue_score: score.score,
      factors: score.factors,
      reasons: score.reasons,
      response_type: responseType,
      quality: turn.quality,
      tokens: turn.tokens,
      ended: endReason !== undefined,
      ...(endReason ? { end_reason: endReason } : {}),
    };
  }

  /** The participants still there; fewer than two ends the conversation. */
  async #participants(dialogue: Dialogue): Promise<Persona[]> {
    const people: Persona[] = [];
    for (const pid of dialogue.participant_ids) {
      const persona = await this.#deps.personas.find(pid);
      if (persona) people.push(persona);
    }
    if (people.length < 2) {
      await this.#finish(dialogue, { reason: "participant_left", finalScore: 0 });
      throw new InvalidInput(`Conversation "${dialogue.id}" lost a participant and has ended`, [
        { field: "conversation_id", message: "names a conversation that has ended" },
      ]);
    }
    return people;
  }

  /** Ends conversations idle for longer than DIALOGUE_MAX_MINUTES (abandoned by their client). */
  endStale(): Promise<number> {
    const { repository, clock, settings } = this.#deps;
    const now = clock.now();
    return repository.endStale(now - settings.maxMinutes * 60_000, {
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
      await this.#finish(dialogue, { reason, finalScore: dialogue.last_score ?? 50 });
    }
    return await this.status(id);
  }

  async #load(id: string): Promise<Dialogue> {
    const dialogue = await this.#deps.repository.find(id);
    if (!dialogue) throw missing(id);
    return dialogue;
  }

  async #finish(
    dialogue: Dialogue,
    outcome: { reason: string; finalScore: number },
  ): Promise<void> {
    const { repository, emotions, clock, settings } = this.#deps;
    await repository.end(dialogue.id, { reason: outcome.reason, at: clock.now() });
    for (const id of dialogue.participant_ids) {
      const persona = await this.#deps.personas.find(id);
      const cooldown = { baseSeconds: settings.cooldownSeconds, finalScore: outcome.finalScore };
      if (persona) await emotions.coolDown(persona, cooldown);
    }
  }
}

/** The error for a conversation id that names none. */
function missing(id: string): NotFound {
  return new NotFound(`No conversation "${id}"; start one with conversation.start`, {
    fields: [{ field: "conversation_id", message: "names no conversation" }],
  });
}

/** Throws unless dialogue `id` (its `state`) exists and is still active. */
function activeOrThrow(
  id: string,
  state: Pick<Dialogue, "status" | "end_reason"> | undefined,
): void {
  if (!state) throw missing(id);
  if (state.status === "ended") {
    throw new InvalidInput(`Conversation "${id}" has ended (${state.end_reason})`, [
      { field: "conversation_id", message: "names a conversation that has ended" },
    ]);
  }
}

export type { DialogueView };
