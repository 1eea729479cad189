/**
 * A chat's reply path in `chat_timeline.ts`: from the moment the model's answer was there (the
 * model call's start plus the test server's fixed delay) to the reply handed to the socket, step
 * by step (`chat_probe.ts`'s marks), with how long the main thread was busy in each step and, for
 * the slowest chats, what that busy time was (this chat's own work and every other chat's it
 * waited behind).
 *
 * @module
 */
import type { timeline } from "./chat_timeline_profile.ts";
import type { Probe } from "./chat_timeline_report.ts";

/** The reply path's steps: [label, mark it starts at, mark it ends at]. */
const STEPS: ReadonlyArray<[string, string, string]> = [
  ["answer: headers", "ready", "headers"],
  ["answer: body", "headers", "body"],
  ["answer: rest", "body", "modelEnd"],
  ["to history", "modelEnd", "historyStart"],
  ["history", "historyStart", "historyEnd"],
  ["to store", "historyEnd", "storeStart"],
  ["store: embed", "storeStart", "insertStart"],
  ["store: insert", "insertStart", "insertEnd"],
  ["store: after", "insertEnd", "storeEnd"],
  ["to engine end", "storeEnd", "engineEnd"],
  ["to socket", "engineEnd", "sent"],
];

/** A probe's marks on one clock, with the model's answer ready `delayMs` after its call. */
function marksOf(probe: Probe, delayMs: number): Record<string, number> | null {
  const { model, marks } = probe;
  if (!model || !marks?.sent || !marks.storeEnd || !marks.historyEnd || !marks.body) return null;
  return {
    ...marks,
    ready: model.startUs + delayMs * 1000,
    modelEnd: model.endUs,
    engineEnd: probe.endUs,
  };
}

/** Prints the reply path of the chats at p50, p90, p99 and of the slowest 1 % (mean). */
export function printReplyPath(
  probes: readonly Probe[],
  view: ReturnType<typeof timeline>,
  delayMs: number,
): void {
  const all = probes.filter((probe) => !probe.first).map((probe) => marksOf(probe, delayMs)).filter(
    (m) => m !== null,
  )
    .sort((a, b) => (a.sent! - a.ready!) - (b.sent! - b.ready!));
  if (all.length === 0) return;
  console.log(
    `\nthe reply path (${all.length} chats, sessions' first left out), ms from the model's answer being there to the reply ` +
      `handed to the socket, by step: elapsed / main thread busy in it`,
  );
  console.log(`| chat | total | ${STEPS.map(([label]) => label).join(" | ")} |`);
  console.log(`| --- | ---: | ${STEPS.map(() => "---:").join(" | ")} |`);
  const cells = (marks: Record<string, number>[]) =>
    STEPS.map(([, from, to]) => {
      let elapsed = 0;
      let busy = 0;
      for (const m of marks) {
        elapsed += (m[to]! - m[from]!) / 1000;
        busy += view.within(m[from]!, m[to]!).busyUs / 1000;
      }
      return `${(elapsed / marks.length).toFixed(1)} / ${(busy / marks.length).toFixed(1)}`;
    });
  const total = (marks: Record<string, number>[]) =>
    (marks.reduce((sum, m) => sum + m.sent! - m.ready!, 0) / marks.length / 1000).toFixed(1);
  for (const p of [50, 90, 99]) {
    const at = [all[Math.min(all.length - 1, Math.ceil(p / 100 * all.length) - 1)]!];
    console.log(`| p${p} | ${total(at)} | ${cells(at).join(" | ")} |`);
  }
  const slow = all.slice(-Math.max(1, Math.round(all.length / 100)));
  console.log(
    `| slowest 1 % (${slow.length}), mean | ${total(slow)} | ${cells(slow).join(" | ")} |`,
  );
  // SQLite calls that waited for another context's transaction to commit, over the chats.
  const counted = probes.filter((probe) => probe.parked).sort((a, b) => a.endUs - b.endUs);
  if (counted.length > 1) {
    const [first, last] = [counted[0]!.parked!, counted.at(-1)!.parked!];
    const n = counted.length;
    console.log(
      `  SQLite calls parked behind another context's open transaction: ${
        ((last.count - first.count) / n).toFixed(2)
      } per chat, ${((last.ms - first.ms) / n).toFixed(2)} ms of waiting per chat`,
    );
  }
  // What the main thread did while the slowest waited: by step, summed over their windows.
  const steps = new Map<string, number>();
  for (const m of slow) {
    for (const [name, us] of view.steps(m.ready!, m.sent!)) {
      steps.set(name, (steps.get(name) ?? 0) + us);
    }
  }
  console.log(
    `  busy while the slowest 1 % waited (ms per chat): ${
      [...steps].sort((a, b) => b[1] - a[1]).slice(0, 8)
        .map(([name, us]) => `${name} ${(us / 1000 / slow.length).toFixed(1)}`).join(", ")
    }`,
  );
}
