import assert from "node:assert/strict";
import { createProgress, fractionDone, progressLine } from "./progress.ts";
import type { TickProgress } from "./tick_loop.ts";

const at = (tick: number, extra: Partial<TickProgress> = {}): TickProgress => ({
  tick,
  ticks: 40,
  active: 1,
  conversations: 3,
  turns: tick * 2,
  maxTurns: null,
  ...extra,
});

Deno.test("off a terminal: one plain line per tenth of the run, no control characters", () => {
  const out: string[] = [];
  const progress = createProgress({ tty: false, write: (text) => out.push(text) });
  for (let tick = 1; tick <= 40; tick++) progress.update(at(tick));
  progress.finish();
  assert.equal(out.length, 11, "0%, 10%, ... 100%");
  assert.ok(
    out.every((line) => line.endsWith("\n") && !line.includes("\r") && !line.includes("\x1b")),
  );
  assert.match(out.at(-1)!, /\[#{28}\] 100% tick 40\/40 · 1 active · 3 conversations · 80 turns/);
});

Deno.test("on a terminal: the bar is redrawn in place and ends with a newline", () => {
  const out: string[] = [];
  const progress = createProgress({ tty: true, write: (text) => out.push(text) });
  for (let tick = 1; tick <= 40; tick++) progress.update(at(tick));
  progress.finish();
  assert.ok(out.length >= 2);
  assert.ok(
    out.slice(0, -1).every((frame) => frame.startsWith("\r\x1b[2K") && !frame.includes("\n")),
  );
  assert.equal(out.at(-1), `\r\x1b[2K${progressLine(at(40))}\n`);
});

Deno.test("a turn limit nearer than the last tick drives the fraction", () => {
  assert.equal(fractionDone(at(10)), 0.25);
  assert.equal(fractionDone(at(10, { maxTurns: 25, turns: 20 })), 0.8);
  assert.equal(fractionDone(at(10, { maxTurns: 10, turns: 20 })), 1);
});
