/**
 * A session as the shared store keeps it (`shared_sessions.ts`), both ways: the state written
 * from a live session, the state read back onto one, and what requests changed in it.
 *
 * Several requests of one session may run at once, on this node and on others. Each node keeps,
 * per live session, what it knows the store holds ({@linkcode SessionSync}): a request writes
 * only the fields that differ from it (and the counters it moved, as increments), and a request
 * that resumes the session meanwhile takes the stored fields onto it except those a request here
 * changed and has not written yet (or is writing). So a `persona.switch` and a `visual.update`
 * at once both stay, and the counters count every request exactly.
 *
 * @module
 */
import { COUNT_MAX } from "../numbers.ts";
import type { Session, SessionKind, VisualContext } from "./session.ts";

/** A shared session's state. */
export interface SharedState {
  id: string;
  kind: SessionKind;
  active_persona_id: string | null;
  visual_context: VisualContext | null;
  /** What the protocol layer negotiated (MCP: revision, log level), as JSON-able values. */
  protocol: Record<string, unknown> | null;
  message_count: number;
  request_count: number;
  connected_at: number;
  last_seen: number;
}

/** The fields of a shared session a request may set. */
export const FIELDS = ["active_persona_id", "visual_context", "protocol"] as const;

/** One of {@linkcode FIELDS}. */
export type Field = typeof FIELDS[number];

/** What requests changed in a shared session: the fields set and the counters moved. */
export interface SessionChanges {
  /** The fields set since they were last written or read, with their new values. */
  fields: Partial<Pick<SharedState, Field>>;
  messages: number;
  requests: number;
}

/** How each field is read from, and written onto, a live session. */
const ACCESS: {
  [F in Field]: { get(session: Session): SharedState[F]; set(s: Session, v: SharedState[F]): void };
} = {
  active_persona_id: {
    get: (session) => session.activePersonaId,
    set: (session, value) => (session.activePersonaId = value),
  },
  visual_context: {
    get: (session) => session.visualContext,
    set: (session, value) => (session.visualContext = value),
  },
  protocol: {
    get: (session) => session.protocolState,
    set: (session, value) => (session.protocolState = value),
  },
};

/** A field's value as text: compared so, since a handler may change an object in place. */
function text(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** What `session` holds that the store keeps. */
export function stateOf(session: Session): SharedState {
  return {
    id: session.id,
    kind: session.kind,
    active_persona_id: session.activePersonaId,
    visual_context: session.visualContext,
    protocol: session.protocolState,
    message_count: session.messageCount,
    request_count: session.requestCount,
    connected_at: session.connectedAt.getTime(),
    last_seen: session.lastSeen,
  };
}

/**
 * What one node knows the store holds for one live session: each field as last read or written
 * (or being written), and the counters as far as this node has added to them. The difference
 * between the live session and this is what requests here changed and nobody has written yet.
 */
export class SessionSync {
  readonly #fields: Record<Field, string>;
  readonly #writing: Record<Field, number> = {
    active_persona_id: 0,
    visual_context: 0,
    protocol: 0,
  };
  #messages: number;
  #requests: number;

  /** Knows `state` (just read or written) as the store's. */
  constructor(state: SharedState) {
    this.#fields = {
      active_persona_id: text(state.active_persona_id),
      visual_context: text(state.visual_context),
      protocol: text(state.protocol),
    };
    this.#messages = state.message_count;
    this.#requests = state.request_count;
  }

  /** A session that holds `state` (read from the store), synced to it. */
  static start(session: Session, state: SharedState, now: number): SessionSync {
    for (const field of FIELDS) {
      (ACCESS[field].set as (s: Session, v: unknown) => void)(session, state[field]);
    }
    session.messageCount = state.message_count;
    session.requestCount = state.request_count;
    session.lastSeen = now;
    return new SessionSync(state);
  }

  /**
   * Takes `state` (read from the store) onto `session`, last used `now`: every field but those a
   * request here changed and has not written (or is writing: the row read may predate it); the
   * counters as stored plus what requests here added and nobody wrote yet.
   */
  adopt(session: Session, state: SharedState, now: number): void {
    for (const field of FIELDS) {
      const access = ACCESS[field] as {
        get(s: Session): unknown;
        set(s: Session, v: unknown): void;
      };
      if (this.#writing[field] > 0 || text(access.get(session)) !== this.#fields[field]) continue;
      access.set(session, state[field]);
      this.#fields[field] = text(state[field]);
    }
    const messages = session.messageCount - this.#messages;
    const requests = session.requestCount - this.#requests;
    // A row read before this node's last increments landed is behind: never count down.
    this.#messages = Math.min(COUNT_MAX, Math.max(this.#messages, state.message_count));
    this.#requests = Math.min(COUNT_MAX, Math.max(this.#requests, state.request_count));
    session.messageCount = this.#messages + messages;
    session.requestCount = this.#requests + requests;
    session.lastSeen = now;
  }

  /**
   * What requests changed in `session` and nobody has written yet, taken as being written now;
   * call the returned `done` once the write ends (`written`: the fields as written, or undefined
   * when it failed: the changes are then written by the next request).
   */
  take(session: Session): { changes: SessionChanges; done(written?: SessionChanges): void } {
    const fields: Record<string, unknown> = {};
    const before: Partial<Record<Field, string>> = {};
    for (const field of FIELDS) {
      const now = text(ACCESS[field].get(session));
      if (now === this.#fields[field]) continue;
      // A copy: the protocol layer changes its object in place, maybe while this is written.
      fields[field] = JSON.parse(now);
      before[field] = this.#fields[field];
      this.#fields[field] = now;
      this.#writing[field]++;
    }
    const messages = Math.max(0, session.messageCount - this.#messages);
    const requests = Math.max(0, session.requestCount - this.#requests);
    this.#messages += messages;
    this.#requests += requests;
    const changes: SessionChanges = { fields, messages, requests };
    const done = (written?: SessionChanges) => {
      for (const field of Object.keys(before) as Field[]) {
        this.#writing[field]--;
        const sent = text(fields[field]);
        if (this.#fields[field] !== sent) continue; // written again since
        if (written === undefined) this.#fields[field] = before[field]!;
        else if (text(written.fields[field]) !== sent) {
          // The store wrote something else (an active persona deleted meanwhile: none).
          this.#fields[field] = text(written.fields[field]);
          if (text(ACCESS[field].get(session)) === sent) {
            (ACCESS[field].set as (s: Session, v: unknown) => void)(session, written.fields[field]);
          }
        }
      }
      if (written === undefined) {
        this.#messages -= messages;
        this.#requests -= requests;
      }
    };
    return { changes, done };
  }
}
