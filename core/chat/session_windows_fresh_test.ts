/**
 * A new session's windows (`session_windows.ts`, `Session.fresh`): a session whose id this
 * process made up and that nothing has written has no history, so its first window and its
 * greeting's "has it begun?" are answered without a read, and its first write starts a window of
 * its whole history with the persona; whatever they give is what the database gives, on every
 * write path (a greeting, a chat, a room chat, a failed write, two personas, overlapping writes).
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { personaMigrations, PersonaRepository, PersonaService } from "../personas/mod.ts";
import { PersonaCreate } from "../personas/schema.ts";
import { Session } from "../sessions/session.ts";
import { SqliteDatabase } from "../storage/sqlite.ts";
import { storageMigrations } from "../storage/mod.ts";
import { greet } from "./greetings.ts";
import {
  historyMigrations,
  HistoryRepository,
  type PromptMessage,
  type StoredMessage,
} from "./history.ts";
import { SessionWindows, WHOLE_HISTORY_MAX } from "./session_windows.ts";
import { storedExchange } from "./testing/stored_exchange.ts";
import { WindowedHistory } from "./windowed_history.ts";

const COUNT = 3;

/** Two personas (Ann with a greeting), a history, and the database reads the windows make. */
async function setup() {
  const db = new SqliteDatabase(":memory:");
  await db.migrate([...storageMigrations, ...personaMigrations, ...historyMigrations]);
  const personas = new PersonaService(new PersonaRepository(db), new ManualClock());
  const ann = await personas.create(PersonaCreate.parse({ name: "Ann", first_mes: "Hello!" }));
  const bea = await personas.create(PersonaCreate.parse({ name: "Bea" }));
  const history = new HistoryRepository(db);
  const windows = new SessionWindows();
  let reads = 0;
  let checks = 0;
  /** The greetings' history in `session`, counting the "has it begun?" reads that reach it. */
  const greetings = (session: Session) => ({
    clock: new ManualClock(),
    history: new WindowedHistory(
      {
        hasSessionMessages: (personaId: string, sessionId: string) => {
          checks++;
          return history.hasSessionMessages(personaId, sessionId);
        },
        append: (message: StoredMessage) => history.append(message),
        first: history.first.bind(history),
        recent: history.recent.bind(history),
        countInSession: history.countInSession.bind(history),
        replaceGreeting: history.replaceGreeting.bind(history),
      },
      windows,
      session,
    ),
  });
  const window = (session: Session, personaId = ann.id, count = COUNT) =>
    windows.read(session, { personaId, count }, () => {
      reads++;
      return history.promptWindow({ personaId, sessionId: session.id }, count);
    });
  const stored = async (session: Session, personaId = ann.id, count = COUNT) =>
    plain(await history.promptWindow({ personaId, sessionId: session.id }, count));
  const append = (session: Session, message: StoredMessage) =>
    windows.append(session, message, () => history.append(message));
  return {
    db,
    ann,
    bea,
    history,
    windows,
    greetings,
    window,
    stored,
    append,
    reads: () => reads,
    checks: () => checks,
  };
}

function plain(messages: PromptMessage[]): PromptMessage[] {
  return messages.map((message) => ({ ...message }));
}

let serial = 0;
function exchange(personaId: string, session: Session, roomId: string | null = null) {
  const i = serial++;
  const createdAt = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
  return storedExchange(i, { personaId, sessionId: session.id, roomId, createdAt });
}

Deno.test("fresh session windows: a new session's greeting and first chat read nothing, and give what the database has", async () => {
  const { db, ann, greetings, window, stored, append, reads, checks } = await setup();
  try {
    const ws = new Session("websocket");
    assert.equal(ws.fresh, true);
    const deps = greetings(ws);
    assert.ok(await greet(deps, { persona: ann, session: ws, user: "Bo" }));
    assert.equal(checks(), 0);
    // The greeting's write started a window of the whole history: the first chat's is that.
    assert.deepEqual(plain(await window(ws)), await stored(ws));
    assert.equal((await window(ws)).length, 1);
    for (let i = 0; i < 4; i++) {
      await append(ws, exchange(ann.id, ws));
      // The greeting is not said again; its check is answered by the window while it holds it.
      assert.equal(await greet(deps, { persona: ann, session: ws, user: "Bo" }), null);
      assert.deepEqual(plain(await window(ws)), await stored(ws));
    }
    assert.equal(reads(), 0);
    // Past COUNT the greeting left the window: the check is read again (and says the same).
    assert.equal(checks(), 2);
    // Without a greeting: the first window is empty and nothing is read.
    const plainWs = new Session("stdio");
    assert.deepEqual(await window(plainWs), []);
    await append(plainWs, exchange(ann.id, plainWs));
    assert.deepEqual(plain(await window(plainWs)), await stored(plainWs));
    assert.equal(reads(), 0);
  } finally {
    await db.close();
  }
});

Deno.test("fresh session windows: the first write's window serves any count, and only its persona", async () => {
  const { db, ann, bea, windows, window, stored, append, reads } = await setup();
  try {
    const ws = new Session("websocket");
    for (let i = 0; i < 5; i++) await append(ws, exchange(ann.id, ws));
    assert.deepEqual(plain(await window(ws, ann.id, 2)), await stored(ws, ann.id, 2));
    assert.deepEqual(plain(await window(ws, ann.id, 2)), await stored(ws, ann.id, 2));
    assert.equal(reads(), 0);
    // Another persona's window is read (the session has written).
    assert.deepEqual(await window(ws, bea.id), []);
    assert.equal(reads(), 1);
    await append(ws, exchange(bea.id, ws));
    assert.deepEqual(plain(await window(ws, bea.id)), await stored(ws, bea.id));
    assert.deepEqual(plain(await window(ws, ann.id)), await stored(ws, ann.id));
    // A session that only writes keeps no window past WHOLE_HISTORY_MAX messages.
    const writer = new Session("websocket");
    for (let i = 0; i < WHOLE_HISTORY_MAX; i++) await append(writer, exchange(ann.id, writer));
    assert.equal(windows.bytes > 0, true);
    const readsBefore = reads();
    await append(writer, exchange(ann.id, writer));
    assert.deepEqual(plain(await window(writer)), await stored(writer));
    assert.equal(reads(), readsBefore + 1);
    // A count of 0 from the whole history: nothing.
    const zero = new Session("websocket");
    await append(zero, exchange(ann.id, zero));
    assert.deepEqual(await window(zero, ann.id, 0), []);
  } finally {
    await db.close();
  }
});

Deno.test("fresh session windows: a room chat first, a failed first write, overlapping first writes", async () => {
  const { db, ann, history, windows, greetings, window, stored, append, checks } = await setup();
  try {
    // A room's message is in the window (the scope is persona and session) but does not count
    // as the session begun: the greeting still opens it.
    const roomFirst = new Session("websocket");
    await append(roomFirst, exchange(ann.id, roomFirst, "room-1"));
    assert.deepEqual(plain(await window(roomFirst)), await stored(roomFirst));
    assert.ok(await greet(greetings(roomFirst), { persona: ann, session: roomFirst, user: "Bo" }));
    assert.equal(checks(), 1);
    assert.deepEqual(plain(await window(roomFirst)), await stored(roomFirst));
    // A failed first write: read from the database after it.
    const failed = new Session("websocket");
    const lost = exchange(ann.id, failed);
    await assert.rejects(windows.append(failed, lost, async () => {
      await history.append(lost);
      throw new Error("failed after the write");
    }));
    assert.deepEqual(plain(await window(failed)), await stored(failed));
    assert.equal((await stored(failed)).length, 1);
    // Two first writes at once: neither starts a window.
    const both = new Session("websocket");
    const [a, b] = [exchange(ann.id, both), exchange(ann.id, both)];
    await Promise.all([append(both, a), append(both, b)]);
    assert.equal(
      await greet(greetings(both), { persona: ann, session: both, user: "Bo" }),
      null,
    );
    assert.deepEqual(plain(await window(both)), await stored(both));
    assert.equal((await window(both)).length, 2);
    // A session of a given id (restored, or another node's) is read, whatever it holds.
    const given = new Session("websocket", Date.now(), crypto.randomUUID());
    assert.equal(given.fresh, false);
    await history.append(exchange(ann.id, given));
    assert.deepEqual(plain(await window(given)), await stored(given));
    assert.equal((await window(given)).length, 1);
    // ... and its first write through the windows is not its whole history.
    const older = new Session("websocket", Date.now(), crypto.randomUUID());
    await history.append(exchange(ann.id, older));
    await append(older, exchange(ann.id, older));
    assert.deepEqual(plain(await window(older)), await stored(older));
    assert.equal((await window(older)).length, 2);
  } finally {
    await db.close();
  }
});

Deno.test("fresh session windows: a first write that ends after a later one keeps no stale window", async () => {
  const { db, ann, history, windows, window, stored, append, reads } = await setup();
  try {
    const ws = new Session("websocket");
    const [a, b] = [exchange(ann.id, ws), exchange(ann.id, ws)];
    const gate = Promise.withResolvers<void>();
    // A starts first and is held; B starts, is written and ends; then A is written and ends.
    const first = windows.append(ws, a, async () => {
      await gate.promise;
      await history.append(a);
    });
    await append(ws, b);
    gate.resolve();
    await first;
    const before = reads();
    assert.deepEqual(plain(await window(ws)), await stored(ws));
    assert.equal((await stored(ws)).length, 2);
    assert.equal(reads(), before + 1, "read from the database, not from a window of A alone");
  } finally {
    await db.close();
  }
});
