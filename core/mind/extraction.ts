/**
 * Fact extraction, the job that runs after each exchange: the model reads what the persona
 * witnessed (its own memories of the exchange, nothing else) and proposes standalone facts and
 * core-block updates. A fact already known is not stored again; for each new one the model
 * judges the few most similar current facts and says which it replaces (`supersession.ts`).
 * Every model call is made before anything is written, so a failed call leaves no half-written
 * fact; a retry finds the facts already written and does not repeat them.
 *
 * @module
 */
import { z } from "zod";
import { type JobHandler, type JobRun, JobSkipped, type JsonObject } from "../jobs/mod.ts";
import type { MemoryRecord } from "../memory/mod.ts";
import type { Persona } from "../personas/mod.ts";
import { applyBlockUpdates, offeredBlocks } from "./block_updates.ts";
import { askJson, jobPersona, type MindDeps } from "./context.ts";
import { type CleanFact, cleanFacts, sameFact } from "./facts.ts";
import { extractionMessages, ExtractionSchema } from "./prompts.ts";
import { judgeReplacements, outdatedSources } from "./supersession.ts";

/** The kind of the extraction job. */
export const EXTRACT = "extract_facts";

/** Most memories one extraction reads (a batch of group lines closes at this size). */
export const MAX_SOURCES = 20;

/** Memories of similar facts looked at per new fact (for duplicates and supersession). */
export const SIMILAR_FACTS = 5;

/** What an extraction job works on. */
export const ExtractPayload = z.strictObject({
  /** The persona's own memories of the exchange (chat) or of the group lines (batch). */
  source_ids: z.array(z.string().min(1)).min(1).max(MAX_SOURCES),
  /** Who spoke to the persona (a chat's sender), or null for group lines. */
  sender: z.string().nullable(),
});
/** A validated payload. */
export type ExtractPayload = z.output<typeof ExtractPayload>;

/** The extraction job's handler. */
export function extractionJob(deps: MindDeps): JobHandler<ExtractPayload> {
  return { kind: EXTRACT, payload: ExtractPayload, run: (run) => extract(deps, run) };
}

/** A new fact and the older memories it replaces. */
interface PlannedFact {
  fact: CleanFact;
  replaced: MemoryRecord[];
}

/** The persona's own memories among `ids` (any other persona's are never read). */
async function ownSources(
  deps: MindDeps,
  persona: Persona,
  ids: readonly string[],
): Promise<MemoryRecord[]> {
  const found = await Promise.all(ids.map((id) => deps.memory.find(id)));
  return found.filter((record): record is MemoryRecord => record?.persona_id === persona.id);
}

async function extract(deps: MindDeps, run: JobRun<ExtractPayload>): Promise<JsonObject> {
  const { job, payload, signal } = run;
  const persona = await jobPersona(deps, job.persona_id);
  const sources = await ownSources(deps, persona, payload.source_ids);
  if (sources.length === 0) {
    throw new JobSkipped("sources_gone", "The memories of the exchange were deleted");
  }
  const blocks = deps.settings.blockUpdates
    ? await offeredBlocks(deps.blocks, { persona, sender: payload.sender })
    : [];
  const answer = await askJson(deps, {
    persona,
    messages: extractionMessages({
      persona,
      sender: payload.sender,
      transcript: sources.map((source) => source.content),
      blocks,
    }),
    schema: ExtractionSchema,
    name: "facts",
    signal,
    mayGiveWay: run.mayGiveWay,
  });
  const planned: PlannedFact[] = [];
  const duplicates: string[] = [];
  for (const fact of cleanFacts(answer.facts)) {
    const near = await deps.memory.similar(persona, fact.content, {
      memoryType: "fact",
      limit: SIMILAR_FACTS,
      signal,
    });
    const current = near.map((item) => item.record).filter((record) => !record.superseded_by);
    const known = current.find((record) => sameFact(record.content, fact.content));
    if (known) {
      duplicates.push(known.id);
      continue;
    }
    const replaced = deps.settings.supersession
      ? await judgeReplacements(deps, {
        persona,
        fact: fact.content,
        current,
        signal,
        mayGiveWay: run.mayGiveWay,
      })
      : [];
    planned.push({ fact, replaced });
  }
  const sourceIds = sources.map((source) => source.id);
  // A fact stated again is not stored again; the exchange that stated it is one of its sources.
  for (const id of duplicates) await deps.memory.addSources(id, sourceIds);
  const stored: MemoryRecord[] = [];
  const superseded: string[] = [];
  for (const { fact, replaced } of planned) {
    const outdated = await outdatedSources(deps, {
      persona,
      replaced,
      keep: new Set(sourceIds),
    });
    const supersedes = [...replaced.map((old) => old.id), ...outdated];
    stored.push(
      await deps.memory.store(persona, {
        content: fact.content,
        memory_type: "fact",
        importance: fact.importance,
        emotional_valence: 0,
        related_personas: [],
        visibility: "private",
        metadata: { about: fact.about, job_id: job.id },
        source_ids: sourceIds,
        supersedes,
      }, { signal, origin: "mind" }),
    );
    superseded.push(...supersedes);
  }
  const blockResults = deps.settings.blockUpdates
    ? await applyBlockUpdates(deps.blocks, {
      persona,
      offered: blocks,
      updates: answer.block_updates,
      source: { kind: "extraction", job_id: job.id, memory_ids: sourceIds },
    })
    : [];
  return {
    facts: stored.map((record) => record.id),
    duplicates,
    superseded,
    block_updates: blockResults,
  };
}
