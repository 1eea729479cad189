/**
 * Group chat with the user: rooms of personas, a transcript, and rounds of replies. After each
 * user message the next speakers are chosen by the persona-to-persona rules
 * (`speakers.ts`); each speaker's prompt holds the room's transcript as it saw it (the others'
 * lines named), each reply streams with its speaker, and only the members present remember
 * what was said: a persona that left hears nothing until it comes back.
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import type { ChatLore } from "../chat/lore_port.ts";
import { macrosFor } from "../chat/prompt.ts";
import { recallSection } from "../chat/recall.ts";
import { socialSections } from "../chat/social_sections.ts";
import type { ChatMemory } from "../chat/memory_port.ts";
import { type ContinueScore, continueScore } from "../dialogue/continue_score.ts";
import { TurnGate } from "../dialogue/turn_gate.ts";
import { cleanUtterance, overlap } from "../dialogue/utterance.ts";
import type { EmotionService, EmotionSnapshot } from "../emotions/mod.ts";
import { InvalidInput, NotFound } from "../errors.ts";
import type { LlmClient } from "../llm/client.ts";
import type { Logger } from "../log.ts";
import { activateLore, type FiredEntry } from "../lore/activate.ts";
import type { Persona, PersonaService } from "../personas/mod.ts";
import type { Compatibility, RelationshipService } from "../relationships/mod.ts";
import { buildRoomMessages } from "./prompt.ts";
import type { Room, RoomMessage, RoomRepository } from "./repository.ts";
import {
  nextInRound,
  type ReplyMode,
  type RoomCandidate,
  type RoomSpeakerReason,
  talkativenessOf,
} from "./speakers.ts";

/** One line to remember, as the memory store takes it. */
export interface RoomMemoryInput {
  content: string;
  memory_type: string;
  emotional_valence: number;
  related_personas: string[];
  visibility: "private";
  metadata: Record<string, string>;
}

/** What rooms need from long-term memory. */
export interface RoomMemory extends Pick<ChatMemory, "recall"> {
  store(persona: Persona, input: RoomMemoryInput, signal?: AbortSignal): Promise<unknown>;
}

/** Tunables (settings). */
export interface RoomSettings {
  defaultModel: string;
  temperature: number;
  maxTokens: number;
  /** Lines of the transcript in a prompt. */
  transcriptLines: number;
  memoryCount: number;
  /** CONTINUE_HIGH. */
  highScore: number;
  /** Completion tokens one round may use before the continue score's budget runs dry. */
  roundTokenBudget: number;
}

/** What the service is built from. */
export interface RoomDeps {
  repository: RoomRepository;
  personas: PersonaService;
  emotions: EmotionService;
  relationships: RelationshipService;
  llm: LlmClient;
  clock: Clock;
  log: Logger;
  settings: RoomSettings;
  memory?: RoomMemory | null;
  lore?: ChatLore | null;
}

/** A room as the API shows it. */
export interface RoomView extends Room {
  members: Array<{ persona_id: string; name: string; joined_at: string }>;
  message_count: number;
}

/** One persona's reply in a round. */
export interface RoomReply {
  message_id: string;
  persona_id: string;
  speaker: string;
  content: string;
  reason: RoomSpeakerReason;
  continue_score?: number;
  lore_used: Array<Omit<FiredEntry, "content">>;
  model: string;
  tokens: { prompt: number; completion: number };
}

/** A user message to a room. */
export interface RoomSendInput {
  roomId: string;
  content: string;
  sender: string;
  signal?: AbortSignal;
  /** Receives each piece of each reply as it arrives, with its speaker. */
  onChunk?: (speaker: Persona, index: number, text: string) => void;
}

/** The outcome of a user message: its line and the replies. */
export interface RoomSendResult {
  room_id: string;
  message_id: string;
  replies: RoomReply[];
}

/** Options of a new room. */
export interface CreateRoomInput {
  personas: Persona[];
  name?: string;
  scenario?: string;
  replyMode?: ReplyMode;
  maxReplies?: number;
}

/** Most members in one room. */
export const MAX_ROOM_MEMBERS = 16;

/** Rooms. */
export class RoomService {
  readonly #deps: RoomDeps;
  readonly #gate = new TurnGate();

  /** Creates the service. */
  constructor(deps: RoomDeps) {
    this.#deps = deps;
  }

  /** Opens a room with `personas` present. */
  async create(input: CreateRoomInput): Promise<RoomView> {
    const { repository, clock } = this.#deps;
    const ids = input.personas.map((p) => p.id);
    if (new Set(ids).size !== ids.length || ids.length > MAX_ROOM_MEMBERS) {
      throw new InvalidInput(`A room holds up to ${MAX_ROOM_MEMBERS} different personas`, [
        { field: "persona_ids", message: `must hold up to ${MAX_ROOM_MEMBERS} different personas` },
      ]);
    }
    const now = isoTime(clock.now());
    const room: Room = {
      id: `room_${crypto.randomUUID()}`,
      name: input.name?.trim() || input.personas.map((p) => p.name).join(", ") || "Room",
      scenario: input.scenario ?? "",
      reply_mode: input.replyMode ?? "natural",
      max_replies: input.maxReplies ?? Math.min(Math.max(ids.length, 1), 8),
      created_at: now,
    };
    await repository.create(room);
    for (const persona of input.personas) {
      await repository.join(room.id, { personaId: persona.id, at: now });
    }
    return await this.view(room.id);
  }

  /** The room `id`; {@linkcode NotFound} when there is none. */
  async get(id: string): Promise<Room> {
    const room = await this.#deps.repository.find(id);
    if (!room) {
      throw new NotFound(`No room "${id}"; create one with room.create`, {
        fields: [{ field: "room_id", message: "names no room" }],
      });
    }
    return room;
  }

  /** The room with its members present. */
  async view(id: string): Promise<RoomView> {
    const room = await this.get(id);
    const members = [];
    for (const member of await this.#deps.repository.members(id)) {
      const persona = await this.#deps.personas.find(member.persona_id);
      if (persona) {
        members.push({ persona_id: persona.id, name: persona.name, joined_at: member.joined_at });
      }
    }
    return { ...room, members, message_count: await this.#deps.repository.count(id) };
  }

  /** Every room. */
  async list(): Promise<RoomView[]> {
    const views: RoomView[] = [];
    for (const room of await this.#deps.repository.list()) views.push(await this.view(room.id));
    return views;
  }

  /** Deletes a room and its transcript. */
  async delete(id: string): Promise<Room> {
    const room = await this.get(id);
    await this.#deps.repository.delete(id);
    return room;
  }

  /** `persona` joins the room; it hears what is said from now on. */
  async join(roomId: string, persona: Persona): Promise<{ joined: boolean; room: RoomView }> {
    await this.get(roomId);
    if ((await this.#deps.repository.members(roomId)).length >= MAX_ROOM_MEMBERS) {
      throw new InvalidInput(`The room is full (${MAX_ROOM_MEMBERS} members)`, [
        { field: "room_id", message: "names a full room" },
      ]);
    }
    const at = isoTime(this.#deps.clock.now());
    const joined = await this.#deps.repository.join(roomId, { personaId: persona.id, at });
    return { joined, room: await this.view(roomId) };
  }

  /** `persona` leaves the room; it neither hears nor remembers what is said after. */
  async leave(roomId: string, persona: Persona): Promise<{ left: boolean; room: RoomView }> {
    await this.get(roomId);
    const at = isoTime(this.#deps.clock.now());
    const left = await this.#deps.repository.leave(roomId, { personaId: persona.id, at });
    return { left, room: await this.view(roomId) };
  }

  /** The transcript, newest first, paged with `beforeId`. */
  async history(
    roomId: string,
    options: { limit: number; beforeId?: string },
  ): Promise<{ messages: RoomMessage[]; has_more: boolean }> {
    await this.get(roomId);
    const { repository } = this.#deps;
    let beforeSeq: number | undefined;
    if (options.beforeId !== undefined) {
      const anchor = await repository.findMessage(roomId, options.beforeId);
      if (!anchor) {
        throw new NotFound(`No message "${options.beforeId}" in this room`, {
          fields: [{ field: "before_id", message: "is not a message of this room" }],
        });
      }
      beforeSeq = anchor.seq;
    }
    const rows = await repository.page(roomId, { limit: options.limit + 1, beforeSeq });
    return { messages: rows.slice(0, options.limit), has_more: rows.length > options.limit };
  }

  /** The user speaks; the members answer in a round (one round at a time per room). */
  async send(input: RoomSendInput): Promise<RoomSendResult> {
    const room = await this.get(input.roomId);
    return await this.#gate.run(room.id, (signal) => this.#round(room, { ...input, signal }), {
      signal: input.signal,
    });
  }

  async #present(roomId: string): Promise<Persona[]> {
    const present: Persona[] = [];
    for (const member of await this.#deps.repository.members(roomId)) {
      const persona = await this.#deps.personas.find(member.persona_id);
      if (persona) present.push(persona);
    }
    return present;
  }

  async #round(
    room: Room,
    input: RoomSendInput & { signal: AbortSignal },
  ): Promise<RoomSendResult> {
    const { repository, clock } = this.#deps;
    const userLine = await repository.append({
      id: `rmsg_${crypto.randomUUID()}`,
      room_id: room.id,
      speaker_kind: "user",
      persona_id: null,
      speaker: input.sender,
      content: input.content,
      reason: null,
      model: null,
      tokens: 0,
      created_at: isoTime(clock.now()),
    });
    await this.#remember({ room, line: userLine, present: await this.#present(room.id) });
    const replies: RoomReply[] = [];
    let tokensUsed = 0;
    for (;;) {
      const present = await this.#present(room.id);
      const snapshots = new Map<string, EmotionSnapshot>();
      for (const p of present) snapshots.set(p.id, await this.#deps.emotions.snapshot(p));
      const pairs = await this.#pairs(present);
      const transcript = (await repository.page(room.id, { limit: 20 })).reverse();
      const choice = nextInRound(candidates({ present, snapshots, transcript }), {
        userMessage: input.content,
        replies: replies.map((reply) => ({ speakerId: reply.persona_id, content: reply.content })),
      }, {
        rules: {
          mode: room.reply_mode,
          maxReplies: room.max_replies,
          highScore: this.#deps.settings.highScore,
        },
        score: (turns) =>
          this.#score({ room, present, snapshots, transcript, turns, tokensUsed, pairs }),
      });
      if (!choice) break;
      const speaker = present.find((p) => p.id === choice.speaker.id);
      if (!speaker) break;
      const reply = await this.#reply({ room, speaker, present, input, snapshots });
      reply.reason = choice.reason;
      if (choice.score) reply.continue_score = choice.score.score;
      tokensUsed += reply.tokens.completion;
      replies.push(reply);
    }
    return { room_id: room.id, message_id: userLine.id, replies };
  }

  async #reply(
    turn: {
      room: Room;
      speaker: Persona;
      present: Persona[];
      input: RoomSendInput & { signal: AbortSignal };
      snapshots: Map<string, EmotionSnapshot>;
    },
  ): Promise<RoomReply> {
    const { room, speaker, present, input } = turn;
    const { repository, llm, clock, settings } = this.#deps;
    const others = present.filter((p) => p.id !== speaker.id);
    const seen = await repository.seenBy(room.id, {
      personaId: speaker.id,
      limit: settings.transcriptLines,
    });
    const lore = await this.#lore(speaker, room, { seen, user: input.sender });
    const query = seen.slice(-2).map((line) => line.content).join(" ");
    const memories = await recallSection(
      { memory: this.#deps.memory, log: this.#deps.log },
      { persona: speaker, query, limit: settings.memoryCount, signal: input.signal },
    );
    const emotions = turn.snapshots.get(speaker.id)?.emotions ??
      await this.#deps.emotions.view(speaker);
    const messages = buildRoomMessages({
      speaker,
      present: [...others.map((o) => o.name), input.sender],
      user: input.sender,
      transcript: seen,
      sections: [
        ...await socialSections(this.#deps, { persona: speaker, emotions, others }),
        ...memories,
      ],
      lore,
      scene: room.scenario,
    });
    let index = 0;
    const answer = await llm.chat({
      model: speaker.model ?? settings.defaultModel,
      messages,
      temperature: settings.temperature,
      maxTokens: settings.maxTokens,
      signal: input.signal,
      onToken: input.onChunk && ((text) => input.onChunk?.(speaker, index++, text)),
    });
    const content = cleanUtterance(answer.text, speaker.name, [
      ...others.map((o) => o.name),
      input.sender,
    ]);
    const line = await repository.append({
      id: `rmsg_${crypto.randomUUID()}`,
      room_id: room.id,
      speaker_kind: "persona",
      persona_id: speaker.id,
      speaker: speaker.name,
      content,
      reason: null,
      model: answer.model,
      tokens: answer.completionTokens,
      created_at: isoTime(clock.now()),
    });
    // Whoever left while the model spoke did not hear it.
    await this.#remember({ room, line, present: await this.#present(room.id) });
    return {
      message_id: line.id,
      persona_id: speaker.id,
      speaker: speaker.name,
      content,
      reason: "most_willing",
      lore_used: lore?.fired.map(({ content: _content, ...used }) => used) ?? [],
      model: answer.model,
      tokens: { prompt: answer.promptTokens, completion: answer.completionTokens },
    };
  }

  async #lore(
    speaker: Persona,
    room: Room,
    scan: { seen: readonly RoomMessage[]; user: string },
  ) {
    const { lore } = this.#deps;
    const books = await lore?.booksFor(speaker, room.id) ?? [];
    if (!lore || books.length === 0) return null;
    return activateLore({
      books,
      messages: scan.seen.map((line) => ({ name: line.speaker, text: line.content })),
      defaults: lore.defaults,
      substitute: macrosFor(speaker, scan.user),
      characterMessages: scan.seen.filter((line) => line.persona_id === speaker.id).length,
    });
  }

  /** The compatibility of every pair present (read once per reply of a round). */
  async #pairs(present: Persona[]): Promise<Compatibility[]> {
    const pairs: Compatibility[] = [];
    for (const [i, a] of present.entries()) {
      for (const b of present.slice(i + 1)) {
        pairs.push(await this.#deps.relationships.compatibility(a.id, b.id));
      }
    }
    return pairs;
  }

  #score(
    input: {
      room: Room;
      present: Persona[];
      snapshots: Map<string, EmotionSnapshot>;
      transcript: RoomMessage[];
      turns: number;
      tokensUsed: number;
      pairs: Compatibility[];
    },
  ): ContinueScore {
    const { present, snapshots, transcript, pairs } = input;
    const last = transcript.at(-1);
    const repetition = last
      ? Math.max(0, ...transcript.slice(-5, -1).map((line) => overlap(line.content, last.content)))
      : 0;
    return continueScore({
      turnsSoFar: input.turns,
      minutesSoFar: 0,
      // The round's cap coincides with the room's max replies.
      maxTurns: input.room.max_replies + 1,
      maxMinutes: 60,
      topic: null,
      participants: present.map((p) => {
        const snapshot = snapshots.get(p.id);
        return {
          name: p.name,
          extraversion: p.personality_traits.extraversion,
          conscientiousness: p.personality_traits.conscientiousness,
          topicInterest: 50,
          socialEnergy: snapshot?.state.social_energy ?? 100,
          fatigue: snapshot?.state.interaction_fatigue ?? 0,
          canGoOn: snapshot?.canGoOn ?? true,
        };
      }),
      pairs: pairs.length
        ? pairs.map((pair) => ({ overall: pair.overall, history: pair.history }))
        : [{ overall: 0.5, history: 0 }],
      tokensUsed: input.tokensUsed,
      tokenBudget: this.#deps.settings.roundTokenBudget,
      repetition,
    });
  }

  /** Every member present remembers the line: the speaker what it said, the others what they heard. */
  async #remember(input: { room: Room; line: RoomMessage; present: Persona[] }): Promise<void> {
    const { memory, log } = this.#deps;
    if (!memory) return;
    const { room, line, present } = input;
    const metadata = { room_id: room.id, message_id: line.id, speaker: line.speaker };
    for (const persona of present) {
      const own = line.persona_id === persona.id;
      const others = present.filter((p) => p.id !== persona.id).map((p) => p.name);
      const content = own
        ? `I said in ${room.name}${
          others.length ? ` to ${others.join(", ")}` : ""
        }: ${line.content}`
        : `${line.speaker} said in ${room.name}: ${line.content}`;
      try {
        await memory.store(persona, {
          content: content.slice(0, 4000),
          memory_type: "conversation",
          emotional_valence: 0,
          related_personas: own
            ? present.filter((p) => p.id !== persona.id).map((p) => p.id)
            : line.persona_id
            ? [line.persona_id]
            : [],
          visibility: "private",
          metadata,
        });
      } catch (error) {
        log.warn("A room line was not remembered", { persona: persona.id, room: room.id, error });
      }
    }
  }
}

function candidates(
  { present, snapshots, transcript }: {
    present: Persona[];
    snapshots: Map<string, EmotionSnapshot>;
    transcript: RoomMessage[];
  },
): RoomCandidate[] {
  return present.map((persona) => {
    const at = transcript.findLastIndex((line) => line.persona_id === persona.id);
    const snapshot = snapshots.get(persona.id);
    return {
      id: persona.id,
      name: persona.name,
      extraversion: persona.personality_traits.extraversion,
      talkativeness: talkativenessOf(persona.extensions),
      mood: snapshot?.state.mood ?? 0,
      socialEnergy: snapshot?.state.social_energy ?? 100,
      fatigue: snapshot?.state.interaction_fatigue ?? 0,
      turnsSinceSpoke: at < 0 ? 1000 : transcript.length - 1 - at,
    };
  });
}
