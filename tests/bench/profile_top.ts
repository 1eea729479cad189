/**
 * The top costs of a V8 CPU profile (`deno run --cpu-prof`): self time per function, and the
 * share of the whole, so a profile before and after a change can be compared in a few lines.
 *
 * A sample's time is the gap since the one before it. On a loaded machine the main thread waits
 * for a core between samples, and the whole wait lands on the frame it was in when it ran again:
 * in one profile of this repository (session 44, load ~20, `--cpu-prof-interval 50`) three
 * samples of a regexp weighed 40 ms, one of them 39.9 ms, and made it look like 20 µs a chat. So
 * a sample more than {@linkcode OFF_CORE_INTERVALS} times the profile's median gap is left out
 * (the thread was off its core; the total left out is printed), as `chat_timeline_profile.ts`
 * leaves out its samples past `OFF_CORE_US`; `--keep-off-core` keeps them.
 *
 *   deno run --allow-read tests/bench/profile_top.ts FILE.cpuprofile [--top 15] [--keep-off-core]
 *
 * @module
 */
import { numberFlag } from "./_load.ts";

/** One node of the profile's call tree. */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** A V8 CPU profile: samples (node ids) with the µs since the previous one. */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** One function's self time. */
export interface Cost {
  name: string;
  selfMs: number;
  share: number;
}

function shortUrl(url: string): string {
  const npm = /registry\.npmjs\.org\/([^/]+(?:\/[^/]+)?)\//.exec(url);
  if (npm) return `npm:${npm[1]!.replace(/\/\d[^/]*$/, "")}`;
  const local = /\/(core|handlers|plugins|tests)\/(.*)$/.exec(url);
  if (local) return `${local[1]}/${local[2]}`;
  return url.replace(/^.*\/ext\//, "ext:").replace(/^file:\/\//, "");
}

/**
 * A sample longer than this many times the profile's median gap had the thread off its core (a
 * sampling interval of 50 µs to 1 ms keeps most gaps within 1-2 of it).
 */
export const OFF_CORE_INTERVALS = 4;

/** The longest sample (µs) counted as the thread's own time: see {@linkcode OFF_CORE_INTERVALS}. */
export function offCoreBoundUs(profile: Pick<CpuProfile, "timeDeltas">): number {
  const gaps = profile.timeDeltas.filter((delta) => delta > 0).sort((a, b) => a - b);
  return gaps.length === 0 ? Infinity : OFF_CORE_INTERVALS * gaps[gaps.length >> 1]!;
}

/** The ids of the profile's idle nodes: an idle thread's long gaps are its own (it waited for work). */
function idleNodes(profile: CpuProfile): ReadonlySet<number> {
  return new Set(
    profile.nodes.filter((node) => node.callFrame.functionName === "(idle)").map((node) => node.id),
  );
}

/** The samples left out as off-core time ({@linkcode offCoreBoundUs}): how many, how long. */
export function offCoreTime(profile: CpuProfile): { samples: number; ms: number } {
  const bound = offCoreBoundUs(profile);
  const idle = idleNodes(profile);
  const long = profile.samples.flatMap((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    return us > bound && !idle.has(id) ? [us] : [];
  });
  return { samples: long.length, ms: long.reduce((sum, us) => sum + us, 0) / 1000 };
}

/**
 * Self time per function of `profile`, largest first; samples of a running thread past
 * {@linkcode offCoreBoundUs} left out unless `keepOffCore`.
 */
export function topCosts(profile: CpuProfile, options: { keepOffCore?: boolean } = {}): Cost[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, number>();
  const bound = options.keepOffCore ? Infinity : offCoreBoundUs(profile);
  const idle = idleNodes(profile);
  let total = 0;
  profile.samples.forEach((nodeId, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    if (delta > bound && !idle.has(nodeId)) return;
    const node = byNode.get(nodeId);
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = url === ""
      ? `(${functionName || "anonymous"})`
      : `${functionName || "(anonymous)"} ${shortUrl(url)}:${lineNumber + 1}`;
    selfUs.set(name, (selfUs.get(name) ?? 0) + delta);
    total += delta;
  });
  return [...selfUs.entries()]
    .map(([name, us]) => ({ name, selfMs: us / 1000, share: us / total }))
    .sort((a, b) => b.selfMs - a.selfMs);
}

if (import.meta.main) {
  const file = Deno.args.find((arg) => arg.endsWith(".cpuprofile"));
  if (!file) throw new Error("usage: profile_top.ts FILE.cpuprofile [--top N]");
  const profile: CpuProfile = JSON.parse(await Deno.readTextFile(file));
  const keepOffCore = Deno.args.includes("--keep-off-core");
  const costs = topCosts(profile, { keepOffCore });
  const busy = costs.filter((cost) => !/^\((idle|program|garbage collector)\)$/.test(cost.name));
  const total = costs.reduce((sum, cost) => sum + cost.selfMs, 0);
  const off = offCoreTime(profile);
  console.log(
    `${file}: ${(total / 1000).toFixed(1)} s sampled` +
      (keepOffCore
        ? ""
        : `; left out: ${(off.ms / 1000).toFixed(1)} s in ${off.samples} samples over ${
          offCoreBoundUs(profile)
        } µs (the thread off its core)`),
  );
  console.log("| self ms | share | function |");
  console.log("| ---: | ---: | --- |");
  for (const cost of costs.filter((c) => /^\((idle|program|garbage collector)\)$/.test(c.name))) {
    console.log(`| ${cost.selfMs.toFixed(0)} | ${(cost.share * 100).toFixed(1)}% | ${cost.name} |`);
  }
  for (const cost of busy.slice(0, numberFlag(Deno.args, "top", 15))) {
    console.log(`| ${cost.selfMs.toFixed(0)} | ${(cost.share * 100).toFixed(1)}% | ${cost.name} |`);
  }
}
