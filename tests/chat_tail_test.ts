import assert from "node:assert/strict";
import { tailLines, type TailSample } from "./bench/chat_tail.ts";

/** 3 rounds of 4 sessions × 25 chats (300): round 1's chat #2 of every session 500 ms slow. */
function samples(): TailSample[] {
  const all: TailSample[] = [];
  for (let round = 0; round < 3; round++) {
    for (let session = 0; session < 4; session++) {
      for (let index = 0; index < 25; index++) {
        const slow = round === 0 && index === 2;
        all.push({
          totalMs: 100 + (slow ? 500 : index === 0 ? 50 : 1),
          opening: index === 0,
          index,
          sentAtMs: index * 110,
          round,
        });
      }
    }
  }
  return all;
}

Deno.test("bench:chat --tail names the chats of the worst 1 %: chat number, time, round", () => {
  const lines = tailLines({
    samples: samples(),
    modelMs: [100, 100],
    roundsMainCpuMs: [2, 1.5, 1.5],
  });
  assert.match(lines[0]!, /worst 1 %: 4 of 300 chats at or above p99 500\.0 ms/);
  assert.match(lines[0]!, /sessions' first chats 0 \(0 %\); first chats' p50 50\.0/);
  assert.match(lines[1]!, /by chat number in its session: #2: 4$/);
  assert.match(lines[2]!, /by when it was sent in its round: < 0\.25 s: 4$/);
  assert.match(lines[3]!, /by round: round 1: 4; p99 of all but round 1 50\.0 ms/);
  assert.match(lines[4]!, /round by round: 2\.00, 1\.50, 1\.50$/);
});
