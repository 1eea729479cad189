/**
 * The top costs of a V8 CPU profile (`deno run --cpu-prof`): self time per function, and the
 * share of the whole, so a profile before and after a change can be compared in a few lines.
 *
 *   deno run --allow-read tests/bench/profile_top.ts FILE.cpuprofile [--top 15]
 *
 * @module
 */
import { numberFlag } from "./_load.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
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

/** Self time per function of `profile`, largest first. */
export function topCosts(profile: CpuProfile): Cost[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((nodeId, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
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
  const costs = topCosts(JSON.parse(await Deno.readTextFile(file)));
  const busy = costs.filter((cost) => !/^\((idle|program|garbage collector)\)$/.test(cost.name));
  const total = costs.reduce((sum, cost) => sum + cost.selfMs, 0);
  console.log(`${file}: ${(total / 1000).toFixed(1)} s sampled`);
  console.log("| self ms | share | function |");
  console.log("| ---: | ---: | --- |");
  for (const cost of costs.filter((c) => /^\((idle|program|garbage collector)\)$/.test(c.name))) {
    console.log(`| ${cost.selfMs.toFixed(0)} | ${(cost.share * 100).toFixed(1)}% | ${cost.name} |`);
  }
  for (const cost of busy.slice(0, numberFlag(Deno.args, "top", 15))) {
    console.log(`| ${cost.selfMs.toFixed(0)} | ${(cost.share * 100).toFixed(1)}% | ${cost.name} |`);
  }
}
