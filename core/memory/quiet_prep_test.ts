import assert from "node:assert/strict";
import { MAX_WAITING, QuietPreparation, type QuietPreparationDeps } from "./quiet_prep.ts";
import { PREPARE_QUIET_MS, PREPARE_SLICE_MS, type PreparedText } from "./memory_prep.ts";
import type { QuietWatch } from "../storage/quiet_moment.ts";

/** A queue whose quiet moments come when the test says, preparing into `prepared`. */
function queueOf(over: Partial<QuietPreparationDeps> = {}) {
  const watches: QuietWatch[] = [];
  let stopped = 0;
  const prepared: string[] = [];
  const queue = new QuietPreparation({
    words: () => undefined,
    activity: () => 0,
    whenQuiet: (watch) => {
      watches.push(watch);
      return () => stopped++;
    },
    prepare: (memory) => prepared.push(memory.content),
    ...over,
  });
  /** Fires the last watch's quiet moment and waits for its slice. */
  const quiet = async () => {
    watches.at(-1)!.onQuiet();
    // The slice awaits the words first, then runs to its end without awaiting.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  /** Fires quiet moments until nothing waits (a loaded machine may end a slice early). */
  const quietAll = async () => {
    for (let fired = watches.length - 1; fired < watches.length; fired++) {
      // A queue that watches again with nothing left would go on without end: fail, not hang.
      if (fired > 2_000) throw new Error("a watch for every slice, with nothing waiting");
      watches[fired]!.onQuiet();
      for (let i = 0; i < 5; i++) await Promise.resolve();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { queue, watches, prepared, quiet, quietAll, stopped: () => stopped };
}

const memory = (content: string): PreparedText => ({
  content,
  created_at: "2026-06-01T00:00:00.000Z",
});

Deno.test("memories queued are prepared at the next quiet moment, not before", async () => {
  const { queue, watches, prepared, quietAll } = queueOf();
  queue.add([memory("a"), memory("b")]);
  queue.add([memory("c")]);
  // One watch for all that waits, for a quiet of the preparation's own length.
  assert.equal(watches.length, 1);
  assert.equal(watches[0]!.quietMs, PREPARE_QUIET_MS);
  assert.deepEqual(prepared, []);
  assert.equal(queue.waiting, 3);
  await quietAll();
  assert.deepEqual(prepared, ["a", "b", "c"]);
  assert.equal(queue.waiting, 0);
  // Nothing left: no new watch after the last.
  const watched = watches.length;
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(watches.length, watched);
  await queue.close();
});

Deno.test("a quiet moment prepares for at most PREPARE_SLICE_MS, at least one, then waits for the next", async () => {
  const { queue, watches, prepared, quiet } = queueOf({
    prepare: (m) => {
      const until = performance.now() + PREPARE_SLICE_MS;
      while (performance.now() < until) { /* one memory takes the whole slice */ }
      prepared.push(m.content);
    },
  });
  queue.add([memory("a"), memory("b"), memory("c")]);
  await quiet();
  assert.deepEqual(prepared, ["a"]);
  assert.equal(watches.length, 2, "a new watch for what is left");
  await quiet();
  assert.deepEqual(prepared, ["a", "b"]);
  await quiet();
  assert.deepEqual(prepared, ["a", "b", "c"]);
  assert.equal(watches.length, 3);
  await queue.close();
});

Deno.test("past MAX_WAITING the oldest waiting memories are left to the searches", async () => {
  const { queue, prepared, quietAll } = queueOf();
  queue.add(Array.from({ length: MAX_WAITING + 5 }, (_, i) => memory(`m${i}`)));
  assert.equal(queue.waiting, MAX_WAITING);
  queue.add([memory("last")]);
  assert.equal(queue.waiting, MAX_WAITING);
  await quietAll();
  assert.equal(prepared[0], "m6");
  assert.equal(prepared.at(-1), "last");
  assert.equal(prepared.length, MAX_WAITING);
  // The bound as documented: a thousand memories and more wait, not a thousand and one less.
  assert.equal(MAX_WAITING, 1024);
  await queue.close();
});

Deno.test("with the text memos full what waits is dropped unprepared", async () => {
  const { queue, prepared, quiet, watches } = queueOf({ hasRoom: () => false });
  queue.add([memory("a"), memory("b")]);
  await quiet();
  assert.deepEqual(prepared, []);
  assert.equal(queue.waiting, 0);
  assert.equal(watches.length, 1);
  await queue.close();
});

Deno.test("a preparation that throws skips that memory and goes on", async () => {
  const { queue, prepared, quietAll } = queueOf({
    prepare: (m) => {
      if (m.content === "bad") throw new Error("broken text");
      prepared.push(m.content);
    },
  });
  queue.add([memory("bad"), memory("good")]);
  await quietAll();
  assert.deepEqual(prepared, ["good"]);
  await queue.close();
});

Deno.test("close stops the watch, drops what waits and takes no more", async () => {
  const { queue, watches, prepared, stopped } = queueOf();
  queue.add([memory("a")]);
  await queue.close();
  assert.equal(stopped(), 1);
  assert.equal(queue.waiting, 0);
  queue.add([memory("b")]);
  assert.equal(queue.waiting, 0);
  assert.equal(watches.length, 1);
  assert.deepEqual(prepared, []);
});

Deno.test("word vectors that fail to load leave what waits to the searches", async () => {
  const { queue, prepared, quiet, watches } = queueOf({
    words: () => Promise.reject(new Error("no vectors")),
  });
  queue.add([memory("a")]);
  await quiet();
  assert.deepEqual(prepared, []);
  assert.equal(queue.waiting, 0);
  assert.equal(watches.length, 1);
  await queue.close();
});

/** Word vectors that load when the test says: a slice stays under way until then. */
function pendingWords() {
  let load!: () => void;
  const loaded = new Promise<undefined>((resolve) => load = () => resolve(undefined));
  return { words: () => loaded, load };
}

/** Whether `promise` has settled after the pending microtasks and timers have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(() => done = true, () => done = true);
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}

Deno.test("memories added while a slice is under way wait for it: no second watch meanwhile", async () => {
  const { words, load } = pendingWords();
  const { queue, watches, prepared } = queueOf({ words });
  queue.add([memory("a")]);
  watches[0]!.onQuiet();
  queue.add([memory("b")]);
  // The slice still loads its words: a second watch would run a second slice beside it.
  assert.equal(watches.length, 1);
  load();
  await settled(Promise.resolve());
  // The slice under way prepares what was added meanwhile too.
  assert.deepEqual(prepared, ["a", "b"]);
  await queue.close();
});

Deno.test("close waits for a slice under way before it resolves", async () => {
  const { words, load } = pendingWords();
  const { queue, watches } = queueOf({ words });
  queue.add([memory("a")]);
  watches[0]!.onQuiet();
  const closing = queue.close();
  assert.equal(await settled(closing), false, "closed while the slice still runs");
  load();
  assert.equal(await settled(closing), true);
});
