/**
 * The kept prompt windows of this process's sessions (`session_windows.ts`): whatever they give
 * is what the database gives, after every write path (a chat's append, a room chat's, a
 * greeting's, a greeting picked again, a failed append), with writes and reads overlapping; only
 * sessions held by this process keep one; the byte budget holds.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { personaMigrations, PersonaRepository, PersonaService } from "../personas/mod.ts";
import { PersonaCreate } from "../personas/schema.ts";
import { Session, type SessionKind } from "../sessions/session.ts";
import { SqliteDatabase } from "../storage/sqlite.ts";
import { storageMigrations } from "../storage/mod.ts";
import { chooseGreeting, greet } from "./greetings.ts";
import {
  historyMigrations,
  HistoryRepository,
  type PromptMessage,
  type StoredMessage,
} from "./history.ts";
import { SessionWindows } from "./session_windows.ts";
import { storedExchange } from "./testing/stored_exchange.ts";
import { WindowedHistory } from "./windowed_history.ts";

const COUNT = 3;

/** A history over a fresh SQLite database with one persona (with a greeting). */
async function setup() {
  const db = new SqliteDatabase(":memory:");
  await db.migrate([...storageMigrations, ...personaMigrations, ...historyMigrations]);
  const personas = new PersonaService(new PersonaRepository(db), new ManualClock());
  const persona = await personas.create(
    PersonaCreate.parse({ name: "Ann", first_mes: "Hello!", alternate_greetings: ["Hi there."] }),
  );
  const history = new HistoryRepository(db);
  let reads = 0;
  const windows = new SessionWindows();
  /** The window through `windows`, counting the database reads it makes. */
  const window = (session: Session, count = COUNT) =>
    windows.read(session, { personaId: persona.id, count }, () => {
      reads++;
      return history.promptWindow({ personaId: persona.id, sessionId: session.id }, count);
    });
  /** The window as the database has it (plain objects, comparable). */
  const stored = async (session: Session, count = COUNT) =>
    plain(await history.promptWindow({ personaId: persona.id, sessionId: session.id }, count));
  return { db, persona, history, windows, window, stored, reads: () => reads };
}

function plain(messages: PromptMessage[]): PromptMessage[] {
  return messages.map((message) => ({ ...message }));
}

let serial = 0;
function exchange(
  personaId: string,
  session: Session,
  roomId: string | null = null,
): StoredMessage {
  const i = serial++;
  const createdAt = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
  return storedExchange(i, { personaId, sessionId: session.id, roomId, createdAt });
}

/**
 * A session whose id was given, not made up by this process (`Session.fresh` false): its
 * history is read from the database (a fresh one's first window is known empty: see below).
 */
function session(kind: SessionKind = "websocket"): Session {
  return new Session(kind, Date.now(), crypto.randomUUID());
}

Deno.test("session windows: a kept window takes the engine's appends, as the database has them", async () => {
  const { db, persona, history, windows, window, stored, reads } = await setup();
  try {
    const ws = session();
    const append = (message: StoredMessage) =>
      windows.append(ws, message, () => history.append(message));
    assert.deepEqual(await window(ws), []);
    for (let i = 0; i < 5; i++) {
      await append(exchange(persona.id, ws));
      // Past COUNT the oldest go.
      assert.deepEqual(plain(await window(ws)), await stored(ws));
    }
    // A room chat of the session is in its window too (the scope is persona and session).
    await append(exchange(persona.id, ws, "room-1"));
    assert.deepEqual(plain(await window(ws)), await stored(ws));
    assert.equal(reads(), 1);
    assert.equal(windows.size, 1);
    // A count of 0 keeps nothing in it.
    const empty = session();
    await window(empty, 0);
    await windows.append(empty, exchange(persona.id, empty), () => Promise.resolve());
    assert.deepEqual(await window(empty, 0), []);
  } finally {
    await db.close();
  }
});

Deno.test("session windows: greetings' writes keep the window current", async () => {
  const { db, persona, history, windows, window, stored } = await setup();
  try {
    const ws = session();
    const deps = { history: new WindowedHistory(history, windows, ws), clock: new ManualClock() };
    await window(ws);
    // The greeting's append joins the kept window.
    assert.ok(await greet(deps, { persona, session: ws, user: "Bo" }));
    assert.deepEqual(plain(await window(ws)), await stored(ws));
    assert.equal((await window(ws)).length, 1);
    // A greeting picked again drops it: the next window is read, with the new greeting.
    await chooseGreeting(deps, { persona, session: ws, user: "Bo", index: 1 });
    assert.equal(windows.size, 0);
    const [greeting] = await window(ws);
    assert.deepEqual([greeting?.response, greeting?.greeting_index], ["Hi there.", 1]);
    assert.deepEqual(plain(await window(ws)), await stored(ws));
  } finally {
    await db.close();
  }
});

Deno.test("session windows: a failed append drops the window", async () => {
  const { db, persona, history, windows, window, stored } = await setup();
  try {
    const ws = session();
    await history.append(exchange(persona.id, ws));
    await window(ws);
    const message = exchange(persona.id, ws);
    await assert.rejects(windows.append(ws, message, async () => {
      await history.append(message);
      throw new Error("failed after the write");
    }));
    assert.equal(windows.size, 0);
    assert.deepEqual(plain(await window(ws)), await stored(ws));
    assert.equal((await stored(ws)).length, 2);
  } finally {
    await db.close();
  }
});

Deno.test("session windows: a write overlapping a read or another write leaves nothing stale", async () => {
  const { db, persona, history, windows, window, stored, reads } = await setup();
  try {
    const ws = session();
    // A read that started before a write and ends after it is not kept.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slowRead = windows.read(ws, { personaId: persona.id, count: COUNT }, async () => {
      const before = await history.promptWindow({ personaId: persona.id, sessionId: ws.id }, COUNT);
      await held;
      return before;
    });
    const first = exchange(persona.id, ws);
    await windows.append(ws, first, () => history.append(first));
    release();
    assert.deepEqual(await slowRead, []);
    assert.equal(windows.size, 0);
    assert.deepEqual(plain(await window(ws)), await stored(ws));
    // While a write is in flight the kept window is not used, and two overlapping appends drop it.
    let finish!: () => void;
    const pending = new Promise<void>((resolve) => (finish = resolve));
    const [a, b] = [exchange(persona.id, ws), exchange(persona.id, ws)];
    const slowAppend = windows.append(ws, a, async () => {
      await history.append(a);
      await pending;
    });
    const readsBefore = reads();
    assert.deepEqual(plain(await window(ws)), await stored(ws));
    assert.equal(reads(), readsBefore + 1);
    await windows.append(ws, b, () => history.append(b));
    finish();
    await slowAppend;
    assert.equal(windows.size, 0);
    assert.deepEqual(plain(await window(ws)), await stored(ws));
    // Any other write in the session drops the window.
    await window(ws);
    assert.equal(windows.size, 1);
    await windows.drop(ws, () => Promise.resolve());
    assert.equal(windows.size, 0);
  } finally {
    await db.close();
  }
});

Deno.test("session windows: only sessions of this process keep one, within the budget", async () => {
  const { db, persona, history, window, reads } = await setup();
  try {
    // REST and Streamable HTTP sessions may be written by another node: read every time.
    for (const kind of ["rest", "http", "internal", "stateless"] as const) {
      const shared = session(kind);
      const before = reads();
      await window(shared);
      await window(shared);
      assert.equal(reads(), before + 2, kind);
    }
    const stdio = session("stdio");
    const before = reads();
    await window(stdio);
    await window(stdio);
    assert.equal(reads(), before + 1);
    // The budget: 2 windows of one ~215-character message (~814 bytes with the overheads) fit in
    // 2000 bytes, not 3; a window over the entry bound is never kept.
    const small = new SessionWindows({ budgetBytes: 2000, entryMaxBytes: 1000, maxWindows: 10 });
    const sessions = [session(), session(), session()];
    for (const s of sessions) {
      const message = { ...exchange(persona.id, s), content: "x".repeat(200), response: "y" };
      await history.append(message);
      await small.read(
        s,
        { personaId: persona.id, count: 1 },
        () => history.promptWindow({ personaId: persona.id, sessionId: s.id }, 1),
      );
    }
    assert.deepEqual([small.size, small.bytes <= 2000], [2, true]);
    const big = session();
    await history.append({ ...exchange(persona.id, big), content: "z".repeat(300) });
    await small.read(
      big,
      { personaId: persona.id, count: 1 },
      () => history.promptWindow({ personaId: persona.id, sessionId: big.id }, 1),
    );
    assert.equal(small.size, 2);
  } finally {
    await db.close();
  }
});

Deno.test("session windows: a kept window does not hold its session", async () => {
  const { db, window } = await setup();
  try {
    const gc = (globalThis as { gc?: () => void }).gc;
    assert.ok(gc, "run with --v8-flags=--expose-gc");
    let ws: Session | undefined = session();
    const ref = new WeakRef(ws);
    await window(ws);
    ws = undefined;
    // The read's promise chain may still be referenced for a turn.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    assert.equal(ref.deref(), undefined);
  } finally {
    await db.close();
  }
});
