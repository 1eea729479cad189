/**
 * A session's greeting: the persona's opening line (the card's `first_mes` or an alternate
 * greeting), stored as the session's first message, and picked again (like a swipe) while
 * nothing else has been said.
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import { InvalidInput } from "../errors.ts";
import type { Persona } from "../personas/mod.ts";
import type { Session } from "../sessions/mod.ts";
import { type HistoryRepository, type StoredMessage, storedText } from "./history.ts";
import { macrosFor } from "./prompt.ts";

/** The persona's opening line of a session. */
export interface Greeting {
  message_id: string;
  /** 0: the card's `first_mes`; n: its n-th alternate greeting. */
  index: number;
  text: string;
}

/** Which greeting to open a session with, for whom. */
export interface GreetInput {
  persona: Persona;
  session: Session;
  /** Who the greeting is for (`{{user}}`). */
  user: string;
  /** 0 (default) for `first_mes`, n for the n-th alternate greeting. */
  index?: number;
}

/**
 * What greetings read and write of a history (the engine's goes through the session's kept
 * window: `session_windows.ts`).
 */
export type GreetingHistory = Pick<
  HistoryRepository,
  "hasSessionMessages" | "append" | "first" | "recent" | "countInSession" | "replaceGreeting"
>;

/** What greetings read and write. */
export interface GreetingDeps {
  history: GreetingHistory;
  clock: Clock;
}

/** The text of greeting `index` of `persona` (0: `first_mes`), or "" when it has none. */
function greetingText(persona: Persona, index: number): string {
  const text = index === 0 ? persona.first_mes : persona.alternate_greetings[index - 1];
  return text?.trim() ? text : "";
}

/** Greeting `text` for `user`, as it is stored (see {@linkcode storedText}). */
function greetingFor(persona: Persona, user: string, text: string): string {
  return storedText(macrosFor(persona, user)(text));
}

/**
 * Opens a new session with the persona's greeting (`first_mes`, or alternate greeting
 * `index`), stored as the session's first message. Null when the persona has no such greeting
 * or the session has begun.
 */
export async function greet(deps: GreetingDeps, input: GreetInput): Promise<Greeting | null> {
  const { persona, session } = input;
  const index = input.index ?? 0;
  const text = greetingText(persona, index);
  if (!text || await deps.history.hasSessionMessages(persona.id, session.id)) return null;
  const message: StoredMessage = {
    id: `msg_${crypto.randomUUID()}`,
    persona_id: persona.id,
    session_id: session.id,
    room_id: null,
    sender: "",
    content: "",
    response: greetingFor(persona, input.user, text),
    model: "",
    prompt_tokens: 0,
    completion_tokens: 0,
    response_time_ms: 0,
    created_at: isoTime(deps.clock.now()),
    kind: "greeting",
    greeting_index: index,
  };
  await deps.history.append(message);
  return { message_id: message.id, index, text: message.response };
}

/** The greeting the session opened with, if it opened with one. */
export async function openingGreeting(
  deps: GreetingDeps,
  { persona, session }: { persona: Persona; session: Session },
): Promise<Greeting | null> {
  const first = await deps.history.first({
    personaId: persona.id,
    sessionId: session.id,
    roomId: null,
  });
  return first?.kind === "greeting"
    ? { message_id: first.id, index: first.greeting_index ?? 0, text: first.response }
    : null;
}

/**
 * Picks greeting `index` (0 `first_mes`, n the n-th alternate) for the session: it opens a new
 * session, or replaces the greeting while nothing else has been said (like a swipe).
 */
export async function chooseGreeting(
  deps: GreetingDeps,
  input: GreetInput & { index: number },
): Promise<Greeting> {
  const { persona, session, index } = input;
  const count = 1 + persona.alternate_greetings.length;
  const text = greetingText(persona, index);
  if (!text) {
    throw new InvalidInput(`${persona.name} has no greeting ${index}`, [{
      field: "index",
      message: `must name a greeting of ${persona.name}: 0 (first_mes) to ${count - 1}`,
    }]);
  }
  const opened = await greet(deps, input);
  if (opened) return opened;
  const scope = { personaId: persona.id, sessionId: session.id, roomId: null };
  const [only] = await deps.history.recent(scope, 2);
  if (
    await deps.history.countInSession(persona.id, session.id) !== 1 ||
    only?.kind !== "greeting"
  ) {
    throw new InvalidInput(
      `The chat with ${persona.name} has begun: a greeting can only be picked before the first message`,
      [{ field: "index", message: "cannot change the greeting of a session that has begun" }],
    );
  }
  const response = greetingFor(persona, input.user, text);
  await deps.history.replaceGreeting(only.id, { response, index });
  return { message_id: only.id, index, text: response };
}
