/**
 * The sessions' first chats of `chat_timeline.ts`, phase by phase (`--openings`): the burst of
 * first chats cut into what the main thread did before the first was taken (the sockets'
 * upgrades), while their prompts were prepared (the first taken to the last model call), while
 * the model thought, and while the answers were read, stored and replied to (the first answer to
 * the last reply). For each: its length, the main thread's busy and GC time, busy time by step
 * and the top functions by self time, each also per first chat, beside the same step's per-chat
 * figure over the later chats, so that what a first chat does that a later one does not shows as
 * a step or function far above its later figure.
 *
 * @module
 */
import type { timeline } from "./chat_timeline_profile.ts";
import type { Probe } from "./chat_timeline_report.ts";

/** A phase of the burst: [name, start µs, end µs]. */
export type OpeningPhase = [string, number, number];

/**
 * The burst's phases from the first chats' probes (`openings`, the first of each session) and
 * the moment the first client chat was sent (`sentUs`, on the same clock).
 */
export function openingPhases(openings: readonly Probe[], sentUs: number): OpeningPhase[] {
  const starts = openings.map((probe) => probe.startUs);
  const calls = openings.map((probe) => probe.model?.startUs ?? probe.endUs);
  // A chat that failed before its model call had no answer: its end is not one.
  const answers = openings.flatMap((probe) => probe.model ? [probe.model.endUs] : []);
  const ends = openings.map((probe) => probe.endUs);
  const firstTaken = Math.min(...starts);
  const lastCall = Math.max(...calls);
  const firstAnswer = answers.length ? Math.min(...answers) : lastCall;
  return [
    ["sent → first taken", Math.min(sentUs, firstTaken), firstTaken],
    ["first taken → last model call", firstTaken, lastCall],
    ["last model call → first answer", lastCall, Math.max(lastCall, firstAnswer)],
    ["first answer → last reply", Math.max(lastCall, firstAnswer), Math.max(...ends)],
  ];
}

/**
 * Prints each phase of the burst (see the module's doc). `later` is [start, end] of the run's
 * later chats (the first chats' burst left out) and `laterChats` their count: a step's per-chat
 * busy time there is the comparison.
 */
export function printOpenings(
  view: ReturnType<typeof timeline>,
  options: {
    phases: readonly OpeningPhase[];
    chats: number;
    later: [number, number];
    laterChats: number;
    top: number;
    /** The first chats' probes and the later ones': their own waits are compared. */
    probes: { openings: readonly Probe[]; later: readonly Probe[] };
  },
): void {
  const { chats, later, laterChats, top } = options;
  printWaits(view, options.probes);
  const ms = (us: number) => (us / 1000).toFixed(1);
  const perChat = (us: number, count: number) => (us / 1000 / count).toFixed(3);
  const laterSteps = view.steps(later[0], later[1]);
  const laterFunctions = view.functions(later[0], later[1]);
  console.log(
    `\nthe sessions' first chats (${chats}) phase by phase; per first chat beside per later chat ` +
      `(${laterChats}, ms):`,
  );
  let total = 0;
  for (const [name, startUs, endUs] of options.phases) {
    const { busyUs, gcUs } = view.within(startUs, endUs);
    total += busyUs;
    console.log(
      `  ${name}: ${ms(endUs - startUs)} ms long, main thread busy ${ms(busyUs)} (GC ${ms(gcUs)})`,
    );
    const steps = [...view.steps(startUs, endUs)].sort((a, b) => b[1] - a[1]).slice(0, top);
    for (const [step, us] of steps) {
      console.log(
        `    ${step}: ${ms(us)} ms, ${perChat(us, chats)} per first chat, later ${
          perChat(laterSteps.get(step) ?? 0, laterChats)
        }`,
      );
    }
    const functions = [...view.functions(startUs, endUs)].sort((a, b) => b[1] - a[1])
      .slice(0, top);
    console.log(
      `    top functions (self ms per first chat / per later chat): ${
        functions.map(([name, us]) =>
          `${perChat(us, chats)}/${perChat(laterFunctions.get(name) ?? 0, laterChats)} ${name}`
        ).join("; ")
      }`,
    );
  }
  const laterBusy = view.within(later[0], later[1]).busyUs;
  console.log(
    `  in all: ${perChat(total, chats)} ms busy per first chat, ${
      perChat(laterBusy, laterChats)
    } per later chat`,
  );
}

/**
 * The main thread's busy time inside each chat's window before its model call and after its
 * answer, in ms, ascending: the work the chat waited behind, its own included, and not the model's
 * time nor the client's. It leaves out less of the machine's load than latency does: a busy
 * stretch still counts the time the thread waited for a core inside it.
 */
export function chatWaits(view: ReturnType<typeof timeline>, probes: readonly Probe[]): number[] {
  return probes.map((probe) => {
    const model = probe.model ?? { startUs: probe.endUs, endUs: probe.endUs };
    return (view.within(probe.startUs, model.startUs).busyUs +
      view.within(model.endUs, probe.endUs).busyUs) / 1000;
  }).sort((a, b) => a - b);
}

/** {@linkcode chatWaits} of the first chats and of the later ones, by percentile. */
export function printWaits(
  view: ReturnType<typeof timeline>,
  probes: { openings: readonly Probe[]; later: readonly Probe[] },
): void {
  const at = (sorted: number[], p: number) =>
    sorted.length
      ? sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)]!.toFixed(1)
      : "-";
  console.log(
    "\nmain thread busy in a chat's window before its model call and after its answer (ms; the " +
      "work it waited behind, its own included):",
  );
  for (const [name, list] of [["first chats", probes.openings], ["later chats", probes.later]]) {
    const sorted = chatWaits(view, list as readonly Probe[]);
    console.log(
      `  ${name} (${sorted.length}): p50 ${at(sorted, 50)}, p70 ${at(sorted, 70)}, p90 ${
        at(sorted, 90)
      }, p99 ${at(sorted, 99)}, max ${at(sorted, 100)}`,
    );
  }
}
