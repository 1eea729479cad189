/**
 * Automatic supersession. For a new fact the model judges the few most similar current facts of
 * the same persona and says which ones the new fact replaces; those get `superseded_by` through
 * the supersession link of memory (`supersedes` on the new memory) and are never deleted. A raw
 * memory of an exchange is outdated too once every fact drawn from it has been replaced, so
 * what it said no longer reaches prompts either. A wrong judgment is undone with
 * `memory.update {memory_id, superseded_by: null}` on the older memory.
 *
 * @module
 */
import type { MemoryRecord } from "../memory/mod.ts";
import type { Persona } from "../personas/mod.ts";
import { askJson, type MindDeps } from "./context.ts";
import { SupersessionSchema, supersessionMessages } from "./prompts.ts";

/** How many of the most similar current facts the model judges per new fact. */
export const JUDGED_FACTS = 3;

/** The facts among the most similar `current` ones that `fact` replaces, as the model says. */
export async function judgeReplacements(
  deps: MindDeps,
  input: { persona: Persona; fact: string; current: readonly MemoryRecord[]; signal: AbortSignal },
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
  });
  // Numbers the model made up (0, 7, 1.5) name nothing and are ignored.
  const chosen = new Set(answer.replaced.filter((n) => Number.isInteger(n)));
  return judged.filter((_, i) => chosen.has(i + 1));
}

/**
 * The raw memories that `replaced` facts were drawn from and that no current fact rests on any
 * more: every fact drawn from them is superseded (or about to be, `replacedIds`). Memories in
 * `keep` (the new fact's own sources) are never outdated.
 */
export async function outdatedSources(
  deps: MindDeps,
  input: {
    persona: Persona;
    replaced: readonly MemoryRecord[];
    replacedIds: ReadonlySet<string>;
    keep: ReadonlySet<string>;
  },
): Promise<string[]> {
  const outdated: string[] = [];
  const sourceIds = new Set(input.replaced.flatMap((fact) => fact.source_ids));
  for (const id of sourceIds) {
    if (input.keep.has(id)) continue;
    const source = await deps.memory.find(id);
    if (!source || source.persona_id !== input.persona.id || source.superseded_by) continue;
    const derived = await deps.memory.derivedFrom(input.persona, id);
    const stillCurrent = derived.some((fact) =>
      fact.memory_type === "fact" && !fact.superseded_by && !input.replacedIds.has(fact.id)
    );
    if (!stillCurrent) outdated.push(id);
  }
  return outdated;
}
