/**
 * Debugging aid: how many memories of each set `voiceOf` reads in each voice (the speaker's own
 * "self", its group's, or no one's "other"), facts, updates and distractors apart; `-v` lists the
 * facts and updates read as no one's. The voice sets the ranking's voice factor (`ranking.ts`,
 * `voiceFactor`: ×0.60 for a memory in no one's voice when the question is the speaker's).
 * Held-out sets (3, 7, 8) are refused.
 *
 *   deno run -A tests/bench/recall/_voices.ts [-v] [--sets set1,set17]
 */
import { voiceOf } from "../../../core/memory/query.ts";
import { loadNamedSet, refuseHeldOut } from "./_set.ts";

const setsAt = Deno.args.indexOf("--sets");
const setNames = setsAt >= 0 ? Deno.args[setsAt + 1]!.split(",") : ["set1"];
refuseHeldOut(setNames);
const verbose = Deno.args.includes("-v");
for (const name of setNames) {
  const set = loadNamedSet(name);
  const counts = new Map<string, Map<string, number>>();
  for (const memory of set.memories) {
    const kind = memory.label.startsWith("d")
      ? "distractors"
      : memory.supersedes
      ? "updates"
      : "facts";
    const voice = voiceOf(memory.text);
    const byVoice = counts.get(kind) ?? new Map<string, number>();
    byVoice.set(voice, (byVoice.get(voice) ?? 0) + 1);
    counts.set(kind, byVoice);
    if (verbose && kind !== "distractors" && voice === "other") {
      console.log(`  ${name} ${memory.label}: ${memory.text}`);
    }
  }
  const line = ["facts", "updates", "distractors"].map((kind) => {
    const byVoice = counts.get(kind);
    const of = (voice: string) => byVoice?.get(voice) ?? 0;
    return `${kind} ${of("self")}/${of("group")}/${of("other")}`;
  });
  console.log(`${name} (self/group/other): ${line.join("  ")}`);
}
