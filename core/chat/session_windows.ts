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
 * greeting picked again) goes through {@linkcode SessionWindows.write}: an append whose
 * window is kept, with no other write of the session in flight, adds its message to it; any other
 * write drops the window. A window read while a write of the session was in flight, or read
 * across one, is not kept (the database may have answered before or after the write). One
 * window is kept per session (the persona it last read), and all of them within a byte budget.
 *
 * @module
 */
import type { Session, SessionKind } from "../sessions/mod.ts";
import type { HistoryFilter, HistoryRepository, PromptMessage, StoredMessage } from "./history.ts";
import type { TextCacheLimits } from "./text_cache.ts";

/** Bytes the kept windows of all sessions may hold together (UTF-16: 2 a char). */
export const SESSION_WINDOWS_BUDGET_BYTES = 4 * 1024 * 1024;

/** The bounds the engine uses: 4 MiB in all, a window larger than 512 KiB not kept. */
export const SESSION_WINDOWS_LIMITS: TextCacheLimits = {
  budgetBytes: SESSION_WINDOWS_BUDGET_BYTES,
  entryMaxBytes: SESSION_WINDOWS_BUDGET_BYTES / 8,
};

/** Sessions held by one connection of this process: no other node writes their history. */
const LOCAL_KINDS: ReadonlySet<SessionKind> = new Set(["websocket", "stdio"]);

/** What is known of one session's history. */
interface Slot {
  /** The kept window: its persona, how many messages were asked for, the messages. */
  window: { personaId: string; count: number; messages: PromptMessage[] } | null;
  bytes: number;
  /** Writes started so far. */
  writes: number;
  /** Writes in flight. */
  writing: number;
}

/** The bytes of a window's message (UTF-16: 2 a char), as `textBytes` counts them. */
function messageBytes(message: PromptMessage): number {
  const { id, sender, content, response, kind } = message;
  return 2 * (id.length + sender.length + content.length + response.length + kind.length);
}

/** The bytes of a window's messages. */
function windowBytes(messages: readonly PromptMessage[]): number {
  let bytes = 0;
  for (const message of messages) bytes += messageBytes(message);
  return bytes;
}

/** What a prompt reads of `message`, as `HistoryRepository.promptWindow` gives it. */
function promptMessage(message: StoredMessage): PromptMessage {
  const { id, sender, content, response, kind, greeting_index } = message;
  return { id, sender, content, response, kind, greeting_index };
}

/** Prompt windows of this process's sessions, kept between chats (see the module's text). */
export class SessionWindows {
  readonly limits: TextCacheLimits;
  readonly #slots = new WeakMap<Session, Slot>();
  /**
   * The slots with a kept window, least recently used first: slots, not sessions, so that a
   * closed session is not held here (its window is, within the budget, until it ages out).
   */
  readonly #kept = new Set<Slot>();
  #bytes = 0;

  constructor(limits: TextCacheLimits = SESSION_WINDOWS_LIMITS) {
    this.limits = limits;
  }

  /** Bytes the kept windows hold (their messages' text, 2 a char). */
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
    if (
      slot.writing === 0 && kept?.personaId === target.personaId && kept.count === target.count
    ) {
      this.#kept.delete(slot);
      this.#kept.add(slot);
      return kept.messages.slice();
    }
    const quiet = slot.writing === 0;
    const writes = slot.writes;
    const messages = await read();
    if (quiet && slot.writing === 0 && slot.writes === writes) {
      const window = { ...target, messages: messages.slice() };
      this.#keep(slot, window, windowBytes(messages));
    }
    return messages;
  }

  /**
   * Runs `work`, a write of `session`'s history with `personaId`. When it appends `appended` and
   * succeeds, the message joins a kept window of that persona (the oldest going past its count);
   * otherwise the session's window is dropped.
   */
  async write<T>(
    session: Session,
    change: { personaId: string; appended?: StoredMessage },
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
      if (succeeded && alone && change.appended && kept?.personaId === change.personaId) {
        const appended = promptMessage(change.appended);
        const messages = [...kept.messages, appended];
        const gone = messages.splice(0, Math.max(0, messages.length - kept.count));
        const bytes = slot.bytes + messageBytes(appended) - windowBytes(gone);
        this.#keep(slot, { ...kept, messages }, bytes);
      } else {
        this.#drop(slot);
      }
    }
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
    if (bytes > this.limits.entryMaxBytes || bytes > this.limits.budgetBytes) return;
    for (const oldest of this.#kept) {
      if (this.#bytes + bytes <= this.limits.budgetBytes) break;
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

/** What greetings read and write of a history (`greetings.ts`). */
export type GreetingHistory = Pick<
  HistoryRepository,
  "hasSessionMessages" | "append" | "first" | "recent" | "countInSession" | "replaceGreeting"
>;

/** `history` for greetings in `session`: its writes go through `windows`. */
export class WindowedHistory implements GreetingHistory {
  readonly #history: GreetingHistory;
  readonly #windows: SessionWindows;
  readonly #session: Session;

  constructor(history: GreetingHistory, windows: SessionWindows, session: Session) {
    this.#history = history;
    this.#windows = windows;
    this.#session = session;
  }

  hasSessionMessages(personaId: string, sessionId: string): Promise<boolean> {
    return this.#history.hasSessionMessages(personaId, sessionId);
  }

  first(filter: HistoryFilter): Promise<StoredMessage | undefined> {
    return this.#history.first(filter);
  }

  recent(filter: HistoryFilter, count: number): Promise<StoredMessage[]> {
    return this.#history.recent(filter, count);
  }

  countInSession(personaId: string, sessionId: string): Promise<number> {
    return this.#history.countInSession(personaId, sessionId);
  }

  append(message: StoredMessage): Promise<void> {
    const change = { personaId: message.persona_id, appended: message };
    return this.#windows.write(this.#session, change, () => this.#history.append(message));
  }

  /** Which persona's greeting is not said here: the session's kept window is dropped. */
  replaceGreeting(id: string, greeting: { response: string; index: number }): Promise<void> {
    return this.#windows.write(
      this.#session,
      { personaId: "" },
      () => this.#history.replaceGreeting(id, greeting),
    );
  }
}
