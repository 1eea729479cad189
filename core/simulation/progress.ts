/**
 * Progress output of a run: a bar redrawn in place on a terminal, plain lines (one per tenth
 * of the run) when stderr is a file or a pipe, so logs stay readable.
 *
 * @module
 */
import type { TickProgress } from "./tick_loop.ts";

/** Where progress goes. */
export interface ProgressSink {
  /** Whether the sink is a terminal (bar) or not (lines). */
  tty: boolean;
  write(text: string): void;
}

const BAR_WIDTH = 28;

/** The fraction of the run done: ticks, or turns when a turn limit is nearer. */
export function fractionDone(p: TickProgress): number {
  const byTicks = p.tick / p.ticks;
  const byTurns = p.maxTurns ? p.turns / p.maxTurns : 0;
  return Math.min(1, Math.max(byTicks, byTurns));
}

/** The text of one progress line (without control characters). */
export function progressLine(p: TickProgress): string {
  const done = fractionDone(p);
  const filled = Math.round(done * BAR_WIDTH);
  const bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
  return `[${bar}] ${String(Math.floor(done * 100)).padStart(3)}% tick ${p.tick}/${p.ticks}` +
    ` · ${p.active} active · ${p.conversations} conversations · ${p.turns} turns`;
}

/** A progress reporter; call `update` every tick and `finish` once. */
export function createProgress(sink: ProgressSink) {
  let lastStep = -1;
  let lastDraw = 0;
  let last: TickProgress | null = null;
  return {
    update(p: TickProgress): void {
      last = p;
      if (sink.tty) {
        // Redrawing every tick would flood a slow terminal; 20 frames a second is plenty.
        const now = performance.now();
        if (now - lastDraw < 50 && p.tick < p.ticks) return;
        lastDraw = now;
        sink.write(`\r\x1b[2K${progressLine(p)}`);
        return;
      }
      const step = Math.floor(fractionDone(p) * 10);
      if (step > lastStep) {
        lastStep = step;
        sink.write(`${progressLine(p)}\n`);
      }
    },
    finish(): void {
      if (sink.tty && last) sink.write(`\r\x1b[2K${progressLine(last)}\n`);
    },
  };
}
