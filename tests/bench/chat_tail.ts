/**
 * `bench:chat --tail`: which chats make a run's worst 1 % (latency − model alone at or above its
 * p99). The sessions of a round start at once, so the first chats (socket, session, greeting
 * check, window) all arrive in one burst; a slow stretch of the server (a collection, the WAL
 * checkpointer's worker start) falls on whichever chats are in flight. It prints how many of
 * the worst 1 % are sessions' first chats, by chat number in the session, by when in the round
 * they were sent and by round, the p99 with the first chats left out (the "later chats p99"
 * column) beside the p99 of all, and the p99 without round 1 (whatever a fresh server does once
 * falls in it: the WAL checkpointer's worker start, code not yet optimised).
 *
 * @module
 */
import { percentile } from "./_load.ts";

/** What the tail needs of a chat (`ChatSample` of `chat_overhead.ts`). */
export interface TailSample {
  totalMs: number;
  opening: boolean;
  index: number;
  sentAtMs: number;
  round: number;
}

/** Counts of `samples` by `key`, in the order of `labels`. */
function histogram<T>(samples: readonly T[], labels: string[], key: (s: T) => string): string {
  const counts = new Map(labels.map((label) => [label, 0]));
  for (const sample of samples) {
    const label = key(sample);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n > 0).map(([label, n]) => `${label}: ${n}`).join(", ");
}

/** When in the round a chat was sent, in buckets. */
function sentBucket(ms: number): string {
  if (ms < 250) return "< 0.25 s";
  if (ms < 500) return "0.25-0.5 s";
  if (ms < 1000) return "0.5-1 s";
  if (ms < 2000) return "1-2 s";
  return "≥ 2 s";
}

/** What the tail needs of a run (`ChatRun` of `chat_overhead.ts`, its rounds merged). */
export interface TailRun {
  samples: readonly TailSample[];
  /** Latencies of the model server alone (ms): their median is subtracted. */
  modelMs: readonly number[];
  /** Main-thread CPU ms per chat of each round. */
  roundsMainCpuMs?: readonly number[];
}

/** Lines describing the worst 1 % of `run`'s chats (latency − the model alone's median). */
export function tailLines(run: TailRun): string[] {
  const { samples } = run;
  const modelMs = percentile([...run.modelMs].sort((a, b) => a - b), 50);
  const own = (s: TailSample) => s.totalMs - modelMs;
  const sorted = [...samples].sort((a, b) => own(a) - own(b));
  const p99 = percentile(sorted.map(own), 99);
  const tail = sorted.filter((s) => own(s) >= p99);
  const opening = tail.filter((s) => s.opening);
  const firsts = samples.filter((s) => s.opening).map(own).sort((a, b) => a - b);
  const later = samples.filter((s) => !s.opening).map(own).sort((a, b) => a - b);
  const share = (n: number) => `${((100 * n) / tail.length).toFixed(0)} %`;
  const indexLabel = (s: TailSample) => s.index < 3 ? `#${s.index}` : s.index < 6 ? "#3-5" : "#6+";
  return [
    `worst 1 %: ${tail.length} of ${samples.length} chats at or above p99 ${p99.toFixed(1)} ms ` +
    `(max ${own(sorted.at(-1)!).toFixed(1)}); sessions' first chats ${opening.length} ` +
    `(${share(opening.length)}); first chats' p50 ${percentile(firsts, 50).toFixed(1)}, ` +
    `p90 ${percentile(firsts, 90).toFixed(1)} ms; later chats' p99 ${
      percentile(later, 99).toFixed(1)
    } ms`,
    `  by chat number in its session: ${
      histogram(tail, ["#0", "#1", "#2", "#3-5", "#6+"], indexLabel)
    }`,
    `  by when it was sent in its round: ${
      histogram(tail, ["< 0.25 s", "0.25-0.5 s", "0.5-1 s", "1-2 s", "≥ 2 s"], (s) =>
        sentBucket(s.sentAtMs))
    }`,
    `  by round: ${histogram(tail, [], (s) => `round ${s.round + 1}`)}; p99 of all but round 1 ${
      percentile(sorted.filter((s) => s.round > 0).map(own), 99).toFixed(1)
    } ms (round 1 holds a fresh server's once-only work)`,
    `  main thread CPU ms per chat, round by round: ${
      (run.roundsMainCpuMs ?? []).map((ms) => ms.toFixed(2)).join(", ")
    }`,
  ];
}
