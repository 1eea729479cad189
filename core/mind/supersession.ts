/**
 * Automatic supersession. For a new fact the model judges the few most similar current facts of
 * the same persona and says which ones the new fact replaces; those get `superseded_by` through
 * the supersession link of memory (`supersedes` on the new memory) and are never deleted. The
 * raw memories a replaced fact was drawn from (the exchanges that stated it) are superseded by
 * the new fact too: their other facts, still current, stand for what else they said, so no
 * stale words reach a prompt. A wrong judgment is undone with
 * `memory.update {memory_id, superseded_by: null}` on the older memory.
 *
 * @module
 */
import type { MemoryRecord } from "../memory/mod.ts";
import type { Persona } from "../personas/mod.ts";
import { askJson, type MindDeps } from "./context.ts";
import { supersessionMessages, SupersessionSchema } from "./prompts.ts";

/** How many of the most similar current facts the model judges per new fact. */
export const JUDGED_FACTS = 3;

/** The facts among the most similar `current` ones that `fact` replaces, as the model says. */
export async function judgeReplacements(
  deps: MindDeps,
  input: {
    persona: Persona;
    fact: string;
    current: readonly MemoryRecord[];
    signal: AbortSignal;
    /** `JobRun.mayGiveWay` of the job asking. */
    mayGiveWay?: boolean;
  },
): Promise<MemoryRecord[]> {
  const judged = input.current.slice(0, JUDGED_FACTS);
  if (judged.length === 0) return [];
  const answer = await askJson(deps, {
    persona: input.persona,
    messages: supersessionMessages(input.persona, {
      fact: input.fact,
      older: judged.map((record) => record.content),
    }),
    schema: SupersessionSchema,
    name: "replaced",
    signal: input.signal,
    mayGiveWay: input.mayGiveWay,
  });
  // Numbers the model made up (0, 7, 1.5) name nothing: only 1..judged.length are looked up.
  const chosen = new Set(answer.replaced);
  return judged.filter((_, i) => chosen.has(i + 1));
}

/**
 * The raw memories the `replaced` facts were drawn from, not yet superseded, except those in
 * `keep` (the new fact's own sources).
 */
export async function outdatedSources(
  deps: MindDeps,
  input: { persona: Persona; replaced: readonly MemoryRecord[]; keep: ReadonlySet<string> },
): Promise<string[]> {
  const outdated: string[] = [];
  for (const id of new Set(input.replaced.flatMap((fact) => fact.source_ids))) {
    if (input.keep.has(id)) continue;
    const source = await deps.memory.find(id);
    if (source?.persona_id === input.persona.id && !source.superseded_by) outdated.push(id);
  }
  return outdated;
}
