/**
 * The bounds of the kept prompt windows (`session_windows.ts`): every window and message is
 * charged a fixed overhead, so empty windows of closed sessions age out; the count is bounded;
 * a kept window is used only for the count it was read with; a read that began while a write was
 * in flight is not kept.
 */
import assert from "node:assert/strict";
import { Session } from "../sessions/session.ts";
import type { PromptMessage } from "./history.ts";
import {
  MESSAGE_OVERHEAD_BYTES,
  SESSION_WINDOWS_BUDGET_BYTES,
  SESSION_WINDOWS_LIMITS,
  SESSION_WINDOWS_MAX,
  SessionWindows,
  WINDOW_OVERHEAD_BYTES,
} from "./session_windows.ts";

const TARGET = { personaId: "p", count: 8 };

/** A session's first chat cut off: its empty window read, no write, the socket closed. */
async function cutOff(windows: SessionWindows): Promise<void> {
  const session = new Session("websocket");
  await windows.read(session, TARGET, () => Promise.resolve([]));
  session.close();
}

/**
 * A session whose id was given, not made up by this process (`Session.fresh` false): its
 * history is read, as these tests' stand-in reads give it.
 */
function known(): Session {
  return new Session("websocket", Date.now(), crypto.randomUUID());
}

function message(id: string, content: string): PromptMessage {
  return { id, sender: "u", content, response: "r", kind: "exchange", greeting_index: null };
}

Deno.test("session windows: each window and message is charged its overhead besides its text", async () => {
  assert.deepEqual(
    [SESSION_WINDOWS_BUDGET_BYTES, SESSION_WINDOWS_MAX, WINDOW_OVERHEAD_BYTES],
    [4 * 1024 * 1024, 4096, 256],
  );
  assert.equal(MESSAGE_OVERHEAD_BYTES, 128);
  assert.deepEqual(SESSION_WINDOWS_LIMITS, {
    budgetBytes: SESSION_WINDOWS_BUDGET_BYTES,
    entryMaxBytes: SESSION_WINDOWS_BUDGET_BYTES / 8,
    maxWindows: SESSION_WINDOWS_MAX,
  });
  const windows = new SessionWindows();
  await cutOff(windows);
  assert.deepEqual([windows.size, windows.bytes], [1, WINDOW_OVERHEAD_BYTES]);
  const session = known();
  // 2 × ("m1" + "u" + "hello" + "r" + "exchange") = 34 bytes of text.
  await windows.read(session, TARGET, () => Promise.resolve([message("m1", "hello")]));
  assert.equal(windows.bytes, 2 * WINDOW_OVERHEAD_BYTES + MESSAGE_OVERHEAD_BYTES + 34);
});

Deno.test("session windows: empty windows of closed sessions age out within the budget", async () => {
  // Room for 10 empty windows, no count bound in the way.
  const windows = new SessionWindows({
    budgetBytes: 10 * WINDOW_OVERHEAD_BYTES,
    entryMaxBytes: 10 * WINDOW_OVERHEAD_BYTES,
    maxWindows: 1_000_000,
  });
  for (let i = 0; i < 1000; i++) await cutOff(windows);
  assert.deepEqual([windows.size, windows.bytes], [10, 10 * WINDOW_OVERHEAD_BYTES]);
});

Deno.test("session windows: no more windows than the count bound, however small", async () => {
  const windows = new SessionWindows({ budgetBytes: 1e12, entryMaxBytes: 1e12, maxWindows: 16 });
  for (let i = 0; i < 1000; i++) await cutOff(windows);
  assert.deepEqual([windows.size, windows.bytes], [16, 16 * WINDOW_OVERHEAD_BYTES]);
  // The engine's bounds: 20,000 cut-off sessions leave at most SESSION_WINDOWS_MAX windows.
  const engine = new SessionWindows();
  for (let i = 0; i < 20_000; i++) await cutOff(engine);
  assert.equal(engine.size, SESSION_WINDOWS_MAX);
  assert.ok(engine.bytes <= SESSION_WINDOWS_BUDGET_BYTES);
});

Deno.test("session windows: a kept window serves only the count it was read with", async () => {
  const windows = new SessionWindows();
  const session = known();
  const all = Array.from({ length: 5 }, (_, i) => message(`m${i}`, `hello ${i}`));
  const read = (count: number) =>
    windows.read(session, { personaId: "p", count }, () => Promise.resolve(all.slice(-count)));
  assert.equal((await read(3)).length, 3);
  assert.deepEqual(await read(5), all);
  assert.deepEqual(await read(2), all.slice(-2));
});

Deno.test("session windows: a read that began while a write was in flight is not kept", async () => {
  const windows = new SessionWindows();
  const session = known();
  const stored: PromptMessage[] = [];
  const database = () => Promise.resolve(stored.slice(-TARGET.count));
  // The write is in flight when the read starts; the read's database answer comes before the
  // write's row, and the read ends after the write did.
  let startWrite!: () => void;
  const writeHeld = new Promise<void>((resolve) => (startWrite = resolve));
  const appended = {
    ...message("m1", "hello"),
    persona_id: "p",
    session_id: session.id,
    room_id: null,
    model: "m",
    prompt_tokens: 0,
    completion_tokens: 0,
    response_time_ms: 0,
    created_at: "2026-01-01T00:00:00.000Z",
  };
  const write = windows.append(session, appended, async () => {
    await writeHeld;
    stored.push(message("m1", "hello"));
  });
  let answer!: () => void;
  const answerHeld = new Promise<void>((resolve) => (answer = resolve));
  const read = windows.read(session, TARGET, async () => {
    const rows = await database();
    await answerHeld;
    return rows;
  });
  startWrite();
  await write;
  answer();
  assert.deepEqual(await read, []);
  assert.equal(windows.size, 0);
  assert.deepEqual(await windows.read(session, TARGET, database), stored);
});

Deno.test("session windows: a window over entryMaxBytes is not kept", async () => {
  const windows = new SessionWindows({
    budgetBytes: 1_000_000,
    entryMaxBytes: 1000,
    maxWindows: 10,
  });
  let reads = 0;
  const read = (messages: PromptMessage[]) => () => {
    reads++;
    return Promise.resolve(messages);
  };
  const big = known();
  const large = [message("m1", "x".repeat(1000))];
  await windows.read(big, TARGET, read(large));
  assert.equal(windows.size, 0, "2 kB over the 1000-byte entry bound");
  await windows.read(big, TARGET, read(large));
  assert.equal(reads, 2, "read again");
  const small = known();
  await windows.read(small, TARGET, read([message("m2", "hi")]));
  assert.equal(windows.size, 1, "a window within the bound is kept");
});

Deno.test("session windows: an empty window says no messages only when read with a count above 0", async () => {
  const windows = new SessionWindows();
  const none = () => Promise.resolve([]);
  const zero = known();
  await windows.read(zero, { personaId: "p", count: 0 }, none);
  assert.equal(windows.hasMessages(zero, "p"), undefined, "a count of 0 says nothing");
  const some = known();
  await windows.read(some, TARGET, none);
  assert.equal(windows.hasMessages(some, "p"), false);
});
