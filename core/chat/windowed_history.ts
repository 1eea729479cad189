/**
 * The history greetings read and write in one session (`greetings.ts`), its writes through the
 * session's kept window (`session_windows.ts`), its "has the session begun?" answered by that
 * window when it knows.
 *
 * @module
 */
import type { Session } from "../sessions/mod.ts";
import type { GreetingHistory } from "./greetings.ts";
import type { HistoryFilter, StoredMessage } from "./history.ts";
import type { SessionWindows } from "./session_windows.ts";

/** `history` for greetings in `session`: its writes go through `windows`. */
export class WindowedHistory implements GreetingHistory {
  readonly #history: GreetingHistory;
  readonly #windows: SessionWindows;
  readonly #session: Session;

  /** Greetings' reads and writes of `history` in `session`, its writes through `windows`. */
  constructor(history: GreetingHistory, windows: SessionWindows, session: Session) {
    this.#history = history;
    this.#windows = windows;
    this.#session = session;
  }

  /**
   * `HistoryRepository.hasSessionMessages`: read from the database unless the session's kept
   * window knows ({@linkcode SessionWindows.hasMessages}).
   */
  hasSessionMessages(personaId: string, sessionId: string): Promise<boolean> {
    const known = sessionId === this.#session.id
      ? this.#windows.hasMessages(this.#session, personaId)
      : undefined;
    if (known !== undefined) return Promise.resolve(known);
    return this.#history.hasSessionMessages(personaId, sessionId);
  }

  /** `HistoryRepository.first`, read from the database. */
  first(filter: HistoryFilter): Promise<StoredMessage | undefined> {
    return this.#history.first(filter);
  }

  /** `HistoryRepository.recent`, read from the database. */
  recent(filter: HistoryFilter, count: number): Promise<StoredMessage[]> {
    return this.#history.recent(filter, count);
  }

  /** `HistoryRepository.countInSession`, read from the database. */
  countInSession(personaId: string, sessionId: string): Promise<number> {
    return this.#history.countInSession(personaId, sessionId);
  }

  /** `HistoryRepository.append`: the message joins the session's kept window. */
  append(message: StoredMessage): Promise<void> {
    return this.#windows.append(this.#session, message, () => this.#history.append(message));
  }

  /** `HistoryRepository.replaceGreeting`: the session's kept window is dropped. */
  replaceGreeting(id: string, greeting: { response: string; index: number }): Promise<void> {
    return this.#windows.drop(this.#session, () => this.#history.replaceGreeting(id, greeting));
  }
}
