/**
 * Group chat with the user: rooms of personas, a transcript, and rounds of replies. After each
 * user message the next speakers are chosen by the persona-to-persona rules
 * (`speakers.ts`); each speaker's prompt holds the room's transcript as it saw it (the others'
 * lines named), each reply streams with its speaker, and only the members present remember
 * what was said: a persona that left hears nothing until it comes back.
 *
 * This file holds the rooms' lifecycle (create, join, leave, history); a round of replies is
 * `round.ts`, the shapes shared by both are `types.ts`.
 *
 * @module
 */
import { isoTime } from "../clock.ts";
import { TurnGate } from "../dialogue/turn_gate.ts";
import { InvalidInput, NotFound } from "../errors.ts";
import type { Page, PageRequest } from "../paging.ts";
import type { Persona } from "../personas/mod.ts";
import { listedRoom } from "./listed.ts";
import { MemoryRetries } from "./memory_retry.ts";
import type { Room, RoomMessage } from "./repository.ts";
import { playRound } from "./round.ts";
import { assertSenderNotMember } from "./sender.ts";
import { SpeakingTurns } from "./speaking.ts";
import type {
  CreateRoomInput,
  ListedRoom,
  RoomDeps,
  RoomSendInput,
  RoomSendResult,
  RoomView,
} from "./types.ts";

export type {
  CreateRoomInput,
  ListedRoom,
  RoomDeps,
  RoomMemory,
  RoomMemoryInput,
  RoomReply,
  RoomSendInput,
  RoomSendResult,
  RoomSettings,
  RoomView,
} from "./types.ts";

/** Most members in one room. */
export const MAX_ROOM_MEMBERS = 16;

/** Rooms. */
export class RoomService {
  readonly #deps: RoomDeps & { retries?: MemoryRetries };
  readonly #gate = new TurnGate();
  /** The members speaking now: stopped when deleted, gone or their room deleted. */
  readonly #speaking: SpeakingTurns;
  /** The ids of the rounds running in this process (their pending lines are not cut off). */
  readonly #rounds = new Set<string>();
  /** The removal of cut off rounds' lines under way ({@linkcode removeCutRounds}). */
  #removing: Promise<number> | undefined;

  /** Creates the service; a persona deleted while it speaks in a room stops its model call. */
  constructor(deps: RoomDeps) {
    // A line's memory that could not be stored (storage failing) is stored again later.
    const retries = deps.memory
      ? new MemoryRetries({
        memory: deps.memory,
        log: deps.log,
        find: (id) => deps.personas.find(id),
        signal: deps.lifetime,
      })
      : undefined;
    this.#deps = { ...deps, retries };
    this.#speaking = new SpeakingTurns({
      relay: deps.relay,
      onError: (error) => deps.log?.warn("Room turn stop not relayed", { error: String(error) }),
    });
    deps.personas.onDelete((persona) => {
      this.#speaking.stopPersona(persona.id);
    });
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
    // One transaction: a persona (or a book `within` attaches) deleted meanwhile fails the call
    // and leaves no room behind (attack18 F3).
    await repository.atomically(async () => {
      await repository.create(room);
      for (const persona of input.personas) {
        await repository.join(room.id, { personaId: persona.id, at: now });
      }
      await input.within?.(room);
    });
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
    return (await this.#views([await this.get(id)]))[0]!;
  }

  /**
   * A page of the rooms, oldest first, and how many there are: only the page's rooms are read
   * and viewed (members and message counts in one query each), whatever the number of rooms;
   * each with its scenario's excerpt (`listed.ts`).
   */
  async page(request: PageRequest): Promise<Page<ListedRoom> & { total_count: number }> {
    const { repository } = this.#deps;
    const { items, ...paging } = await repository.listPage(request);
    const views = await this.#views(items.map(listedRoom));
    return { items: views, total_count: await repository.total(), ...paging };
  }

  async #views<T extends Room>(rooms: readonly T[]): Promise<Array<T & RoomView>> {
    const ids = rooms.map((room) => room.id);
    const members = await this.#deps.repository.membersOf(ids);
    const counts = await this.#deps.repository.countsOf(ids);
    const views = [];
    for (const room of rooms) {
      const present = [];
      for (const member of members.get(room.id) ?? []) {
        // From the personas' cache: no query per member.
        const persona = await this.#deps.personas.find(member.persona_id);
        if (persona) {
          present.push({ persona_id: persona.id, name: persona.name, joined_at: member.joined_at });
        }
      }
      views.push({ ...room, members: present, message_count: counts.get(room.id) ?? 0 });
    }
    return views;
  }

  /** Deletes a room and its transcript. */
  async delete(id: string): Promise<Room> {
    const room = await this.get(id);
    await this.#deps.repository.delete(id);
    this.#speaking.stopRoom(id);
    return room;
  }

  /** `persona` joins the room; it hears what is said from now on. */
  async join(roomId: string, persona: Persona): Promise<{ joined: boolean; room: RoomView }> {
    await this.get(roomId);
    const at = isoTime(this.#deps.clock.now());
    // Membership first (a member joining again is no error, full room or not), then the cap,
    // counted and kept in the same transaction as the insert (parallel joins cannot pass it).
    const outcome = await this.#deps.repository.join(roomId, {
      personaId: persona.id,
      at,
      cap: MAX_ROOM_MEMBERS,
    });
    if (outcome === "full") {
      throw new InvalidInput(`The room is full (${MAX_ROOM_MEMBERS} members)`, [
        { field: "room_id", message: "names a full room" },
      ]);
    }
    return { joined: outcome === "joined", room: await this.view(roomId) };
  }

  /** `persona` leaves the room; it neither hears nor remembers what is said after. */
  async leave(roomId: string, persona: Persona): Promise<{ left: boolean; room: RoomView }> {
    await this.get(roomId);
    const at = isoTime(this.#deps.clock.now());
    const left = await this.#deps.repository.leave(roomId, { personaId: persona.id, at });
    if (left) this.#speaking.stopMember(roomId, persona.id);
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

  /**
   * Stores the line memories still waiting (their first store failed) now rather than at their
   * next scheduled try; resolves to how many still wait.
   */
  retryMemories(): Promise<number> {
    return this.#deps.retries?.retry() ?? Promise.resolve(0);
  }

  /**
   * Removes the lines rounds cut off left pending (seen by no reader): rounds of a process
   * killed, or whose removal failed (the database out of reach). Run at a start, and by the
   * server's sweep every minute, so a removal that failed is tried again; one at a time.
   * Resolves to how many lines were removed.
   */
  removeCutRounds(): Promise<number> {
    this.#removing ??= this.#deps.repository.removeCutRounds(this.#rounds).finally(() => {
      this.#removing = undefined;
    });
    return this.#removing;
  }

  /**
   * The user speaks; the members answer in a round: one round at a time per room, on every node
   * sharing PostgreSQL (`round_claim.ts`).
   */
  async send(input: RoomSendInput): Promise<RoomSendResult> {
    const room = await this.get(input.roomId);
    const members = await this.#deps.repository.members(room.id);
    const personas = await Promise.all(members.map((m) => this.#deps.personas.find(m.persona_id)));
    assertSenderNotMember(input.sender, personas.filter((p) => p !== undefined));
    const round = `rnd_${crypto.randomUUID()}`;
    const play = (signal: AbortSignal, repository = this.#deps.repository) =>
      playRound({ ...this.#deps, repository }, {
        room,
        round,
        input: { ...input, signal },
        speaking: this.#speaking,
      });
    const { rounds } = this.#deps;
    // Queued here first, so only one round of this node asks the database for the room's claim;
    // holding it, the round's lines are written only while the claim is still its own.
    this.#rounds.add(round);
    try {
      return await this.#gate.run(
        room.id,
        (signal) =>
          rounds
            ? rounds.run(room.id, (held, claim) => play(held, claim.repository), signal)
            : play(signal),
        { signal: input.signal },
      );
    } finally {
      this.#rounds.delete(round);
    }
  }
}
