/**
 * The prompt windows of the sessions this process holds, kept between their chats. A chat reads
 * the last `PROMPT_HISTORY_TURNS` messages of its session with the persona on every message
 * (`HistoryRepository.promptWindow`, ~0.2 ms of main-thread CPU a chat); a session that lives on
 * one connection of this process (WebSocket, stdio) has its messages written by this engine only,
 * so the window it read can be kept and the engine's own appends added to it. Sessions that may
 * come back through another node (REST, Streamable HTTP: `core/sessions/shared_sessions.ts`),
 * and rooms, are always read from the database.
 *
 * Every write of a session's history with a persona (the chat's append, the greeting's append, a
 * greeting picked again) goes through {@linkcode SessionWindows.append} or
 * {@linkcode SessionWindows.drop}: an append whose
 * window is kept, with no other write of the session in flight, adds its message to it; any other
 * write drops the window. A session whose id this process made up (`Session.fresh`: a new
 * connection's) and that nothing has written yet has no history at all: its first window is
 * known empty without a read (its greeting's "has it begun?" too), and its first write starts a
 * window holding the whole history with that persona (up to {@linkcode WHOLE_HISTORY_MAX}
 * messages), so a new session's first chat reads nothing (~0.1 ms of main-thread CPU, and with a
 * greeting two reads more). A window read while a write of the session was in flight, or read
 * across one, is not kept (the database may have answered before or after the write). One
 * window is kept per session (the persona it last read), and all of them within a byte budget and a
 * count, each window and message charged a fixed overhead besides its text (so that empty windows
 * of closed sessions age out too).
 *
 * @module
 */
import type { Session, SessionKind } from "../sessions/mod.ts";
import type { PromptMessage, StoredMessage } from "./history.ts";
import type { TextCacheLimits } from "./text_cache.ts";

/**
 * Bytes the kept windows of all sessions are charged together at most: their texts (UTF-16: 2 a
 * char) and {@linkcode WINDOW_OVERHEAD_BYTES} and {@linkcode MESSAGE_OVERHEAD_BYTES}.
 */
export const SESSION_WINDOWS_BUDGET_BYTES = 4 * 1024 * 1024;

/** Windows kept at most, however small: an empty one costs its slot too. */
export const SESSION_WINDOWS_MAX = 4096;

/**
 * Bytes a kept window is charged besides its messages (its slot, the window and its array, the
 * entries in the weak map and the set: ~207 bytes of heap measured for a closed session's empty
 * window), so an empty window counts and ages out.
 */
export const WINDOW_OVERHEAD_BYTES = 256;

/** Bytes a kept message is charged besides its text (the object and its five strings' headers). */
export const MESSAGE_OVERHEAD_BYTES = 128;

/**
 * Messages a window of a new session's whole history holds at most (until a read gives it its
 * count): past that it is dropped, and the next read reads the database. A session that only
 * writes (a room's chats, read from the database) so keeps no growing window.
 */
export const WHOLE_HISTORY_MAX = 64;

/** Bounds of {@linkcode SessionWindows}. */
export interface SessionWindowLimits extends TextCacheLimits {
  /** Windows kept at most. */
  maxWindows: number;
}

/** The bounds the engine uses: 4 MiB and 4096 windows in all, one over 512 KiB not kept. */
export const SESSION_WINDOWS_LIMITS: SessionWindowLimits = {
  budgetBytes: SESSION_WINDOWS_BUDGET_BYTES,
  entryMaxBytes: SESSION_WINDOWS_BUDGET_BYTES / 8,
  maxWindows: SESSION_WINDOWS_MAX,
};

/** Sessions held by one connection of this process: no other node writes their history. */
const LOCAL_KINDS: ReadonlySet<SessionKind> = new Set(["websocket", "stdio"]);

/** What is known of one session's history. */
interface Slot {
  /**
   * The kept window: its persona, how many messages were asked for (`Infinity`: all the
   * session's messages with the persona, when the session's first write started it), the
   * messages.
   */
  window: { personaId: string; count: number; messages: PromptMessage[] } | null;
  bytes: number;
  /** Writes started so far. */
  writes: number;
  /** Writes in flight. */
  writing: number;
}

/** The bytes a window's message is charged: its text (UTF-16: 2 a char) and its overhead. */
function messageBytes(message: PromptMessage): number {
  const { id, sender, content, response, kind } = message;
  const chars = id.length + sender.length + content.length + response.length + kind.length;
  return MESSAGE_OVERHEAD_BYTES + 2 * chars;
}

/** The bytes a window is charged: its overhead and its messages'. */
function windowBytes(messages: readonly PromptMessage[]): number {
  let bytes = WINDOW_OVERHEAD_BYTES;
  for (const message of messages) bytes += messageBytes(message);
  return bytes;
}

/** What a prompt reads of `message`, as `HistoryRepository.promptWindow` gives it. */
function promptMessage(message: StoredMessage): PromptMessage {
  const { id, sender, content, response, kind, greeting_index } = message;
  return { id, sender, content, response, kind, greeting_index };
}

/** True when `session` has stored nothing: its id is this process's own, and nothing wrote it. */
function unwritten(session: Session, slot: Slot): boolean {
  return session.fresh && slot.writes === 0;
}

/** Prompt windows of this process's sessions, kept between chats (see the module's text). */
export class SessionWindows {
  /** The bounds of the kept windows. */
  readonly limits: SessionWindowLimits;
  readonly #slots = new WeakMap<Session, Slot>();
  /**
   * The slots with a kept window, least recently used first: slots, not sessions, so that a
   * closed session is not held here (its window is, within the bounds, until it ages out).
   */
  readonly #kept = new Set<Slot>();
  #bytes = 0;

  /** Windows kept within `limits` (the engine's: {@linkcode SESSION_WINDOWS_LIMITS}). */
  constructor(limits: SessionWindowLimits = SESSION_WINDOWS_LIMITS) {
    this.limits = limits;
  }

  /** Bytes the kept windows are charged (see {@linkcode SESSION_WINDOWS_BUDGET_BYTES}). */
  get bytes(): number {
    return this.#bytes;
  }

  /** How many windows are kept. */
  get size(): number {
    return this.#kept.size;
  }

  /**
   * The last `count` messages of `session` with `personaId`, oldest first: the kept window, or
   * `read()` (the database), kept when nothing wrote the session's history meanwhile.
   */
  async read(
    session: Session,
    target: { personaId: string; count: number },
    read: () => Promise<PromptMessage[]>,
  ): Promise<PromptMessage[]> {
    if (!LOCAL_KINDS.has(session.kind)) return await read();
    const slot = this.#slot(session);
    const kept = slot.window;
    if (slot.writing === 0 && kept?.personaId === target.personaId) {
      if (kept.count === target.count) {
        this.#kept.delete(slot);
        this.#kept.add(slot);
        return kept.messages.slice();
      }
      if (kept.count === Infinity) {
        // The whole history with the persona: its last `count` are the window asked for.
        const messages = target.count > 0 ? kept.messages.slice(-target.count) : [];
        this.#keep(slot, { ...target, messages: messages.slice() }, windowBytes(messages));
        return messages;
      }
    }
    const quiet = slot.writing === 0;
    const writes = slot.writes;
    const messages = unwritten(session, slot) ? [] : await read();
    if (quiet && slot.writing === 0 && slot.writes === writes) {
      const window = { ...target, messages: messages.slice() };
      this.#keep(slot, window, windowBytes(messages));
    }
    return messages;
  }

  /**
   * Runs `work`, which appends `message` to `session`'s history. When it succeeds with no other
   * write of the session in flight, the message joins the session's kept window if that is of
   * the message's persona (the oldest going past its count); otherwise the window is dropped.
   */
  async append<T>(session: Session, message: StoredMessage, work: () => Promise<T>): Promise<T> {
    return await this.#write(session, message, work);
  }

  /** Runs `work`, another write of `session`'s history: the session's kept window is dropped. */
  async drop<T>(session: Session, work: () => Promise<T>): Promise<T> {
    return await this.#write(session, null, work);
  }

  async #write<T>(
    session: Session,
    appended: StoredMessage | null,
    work: () => Promise<T>,
  ): Promise<T> {
    if (!LOCAL_KINDS.has(session.kind)) return await work();
    const slot = this.#slot(session);
    const mine = ++slot.writes;
    slot.writing++;
    let succeeded = false;
    try {
      const result = await work();
      succeeded = true;
      return result;
    } finally {
      slot.writing--;
      const kept = slot.window;
      const alone = slot.writes === mine && slot.writing === 0;
      // A whole history's window that is full is dropped (see WHOLE_HISTORY_MAX).
      const full = kept?.count === Infinity && kept.messages.length >= WHOLE_HISTORY_MAX;
      if (succeeded && alone && appended && kept?.personaId === appended.persona_id && !full) {
        const message = promptMessage(appended);
        const messages = [...kept.messages, message];
        messages.splice(0, Math.max(0, messages.length - kept.count));
        this.#keep(slot, { ...kept, messages }, windowBytes(messages));
      } else if (succeeded && alone && appended && session.fresh && mine === 1) {
        // The session's first write, alone: its whole history with the persona is this message.
        const messages = [promptMessage(appended)];
        const window = { personaId: appended.persona_id, count: Infinity, messages };
        this.#keep(slot, window, windowBytes(messages));
      } else {
        this.#drop(slot);
      }
    }
  }

  /**
   * Whether `session` has stored messages with `personaId` outside rooms
   * (`HistoryRepository.hasSessionMessages`), when that is known without a read: false when it
   * has stored nothing (its id is this process's own and no write of it has started: every write
   * goes through here) or its kept window of the persona is empty, true when that window holds
   * the greeting (never a room's); undefined when not known or a write is in flight.
   */
  hasMessages(session: Session, personaId: string): boolean | undefined {
    if (!LOCAL_KINDS.has(session.kind)) return undefined;
    const slot = this.#slot(session);
    if (unwritten(session, slot)) return false;
    const kept = slot.window;
    if (slot.writing > 0 || kept?.personaId !== personaId) return undefined;
    // A window's other messages may be a room's, which do not count.
    if (kept.messages.some((message) => message.kind === "greeting")) return true;
    // An empty window of a count above 0 is the whole (empty) history.
    return kept.messages.length === 0 && kept.count > 0 ? false : undefined;
  }

  #slot(session: Session): Slot {
    let slot = this.#slots.get(session);
    if (!slot) {
      slot = { window: null, bytes: 0, writes: 0, writing: 0 };
      this.#slots.set(session, slot);
    }
    return slot;
  }

  #keep(slot: Slot, window: NonNullable<Slot["window"]>, bytes: number): void {
    this.#drop(slot);
    const { budgetBytes, entryMaxBytes, maxWindows } = this.limits;
    if (bytes > entryMaxBytes || bytes > budgetBytes || maxWindows < 1) return;
    for (const oldest of this.#kept) {
      if (this.#bytes + bytes <= budgetBytes && this.#kept.size < maxWindows) break;
      this.#drop(oldest);
    }
    slot.window = window;
    slot.bytes = bytes;
    this.#bytes += bytes;
    this.#kept.add(slot);
  }

  #drop(slot: Slot): void {
    if (!slot.window) return;
    this.#bytes -= slot.bytes;
    slot.window = null;
    slot.bytes = 0;
    this.#kept.delete(slot);
  }
}
