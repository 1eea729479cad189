import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { Busy, MemoryUnavailable, NotFound } from "../errors.ts";
import { createLogger } from "../log.ts";
import type { MemoryBackend } from "./backend.ts";
import { forgetPersona } from "./persona_purge.ts";
import type { PurgeQueue } from "./purges.ts";

/** forgetPersona over a backend whose persona delete fails with `failure`. */
async function forgetFailing(failure: Error) {
  const queued: string[] = [];
  const lines: string[] = [];
  const deps = {
    backend: { deletePersona: () => Promise.reject(failure) } as unknown as MemoryBackend,
    purges: { add: (id: string) => (queued.push(id), Promise.resolve()) } as unknown as PurgeQueue,
    clock: new ManualClock(),
    log: createLogger("warn", { write: (line) => lines.push(line) }),
  };
  await forgetPersona(deps, "p1");
  return { queued, lines };
}

Deno.test("a deleted persona's memories are queued when the store is down or stays busy", async () => {
  for (const failure of [new MemoryUnavailable("down"), new Busy("deadlocked twice")]) {
    const { queued, lines } = await forgetFailing(failure);
    assert.deepEqual(queued, ["p1"], failure.message);
    assert.equal(lines.length, 1);
  }
  await assert.rejects(() => forgetFailing(new NotFound("other")), NotFound);
});
