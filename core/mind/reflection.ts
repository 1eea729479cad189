/**
 * Reflection (Generative Agents, Park et al. 2023): when the summed importance of a persona's
 * new memories passes MEMORY_REFLECTION_THRESHOLD, a job asks the model for the three most
 * salient questions about its recent memories, retrieves evidence for each from the persona's
 * own memories, and asks for insights that cite their evidence. Each insight is stored as a
 * memory of type `reflection` whose `source_ids` are its evidence; reflections are never
 * pruned and are found by search like any memory.
 *
 * @module
 */
import { z } from "zod";
import { type JobHandler, type JobRun, JobSkipped, type JsonObject } from "../jobs/mod.ts";
import type { MemoryRecord } from "../memory/mod.ts";
import { clamp } from "../numbers.ts";
import type { Persona } from "../personas/mod.ts";
import { askJson, jobPersona, type MindDeps } from "./context.ts";
import { MAX_FACT_CHARS, sameFact } from "./facts.ts";
import { insightMessages, InsightsSchema, questionMessages, QuestionsSchema } from "./prompts.ts";
import type { ReflectionCounters } from "./reflection_repository.ts";

/** The kind of the reflection job. */
export const REFLECT = "reflect";
/** Recent memories the questions are drawn from (the paper's 100). */
export const RECENT_STATEMENTS = 100;
/** Fewest current memories worth reflecting on. */
export const MIN_STATEMENTS = 3;
/** Questions asked (the paper's 3). */
export const QUESTIONS = 3;
/** Evidence retrieved per question. */
export const EVIDENCE_PER_QUESTION = 8;
/** Most statements the insights are drawn from. */
export const MAX_EVIDENCE = 30;
/** Most insights stored per reflection (the paper's 5). */
export const MAX_INSIGHTS = 5;

/** What a reflection job consumes. */
export const ReflectPayload = z.strictObject({
  /** The summed importance that started it (taken off the persona's counter). */
  amount: z.number().min(0),
  /** Which reflection of the persona this is (1, 2, ...). */
  generation: z.number().int().min(1),
});
/** A validated payload. */
export type ReflectPayload = z.output<typeof ReflectPayload>;

/** The reflection job's handler. */
export function reflectionJob(
  deps: MindDeps & { counters: ReflectionCounters },
): JobHandler<ReflectPayload> {
  return { kind: REFLECT, payload: ReflectPayload, run: (run) => reflect(deps, run) };
}

async function evidenceFor(
  deps: MindDeps,
  input: { persona: Persona; questions: readonly string[]; signal: AbortSignal },
): Promise<MemoryRecord[]> {
  const found = new Map<string, MemoryRecord>();
  for (const question of input.questions) {
    const hits = await deps.memory.similar(input.persona, question, {
      limit: EVIDENCE_PER_QUESTION,
      signal: input.signal,
    });
    for (const { record } of hits) if (!record.superseded_by) found.set(record.id, record);
  }
  return [...found.values()].slice(0, MAX_EVIDENCE);
}

async function reflect(
  deps: MindDeps & { counters: ReflectionCounters },
  run: JobRun<ReflectPayload>,
): Promise<JsonObject> {
  const { job, payload, signal } = run;
  const persona = await jobPersona(deps, job.persona_id);
  // Settled first: even a reflection that fails lets the next one start at the next threshold.
  await deps.counters.settle(persona.id, payload);
  const recent = (await deps.memory.recent(persona, { limit: RECENT_STATEMENTS }))
    .filter((record) => !record.superseded_by);
  if (recent.length < MIN_STATEMENTS) {
    throw new JobSkipped("too_few_memories", `Fewer than ${MIN_STATEMENTS} memories to reflect on`);
  }
  const asked = await askJson(deps, {
    persona,
    messages: questionMessages(persona, recent.map((record) => record.content).reverse()),
    schema: QuestionsSchema,
    name: "questions",
    signal,
    mayGiveWay: run.mayGiveWay,
  });
  const questions = asked.questions.map((q) => q.trim()).filter(Boolean).slice(0, QUESTIONS);
  if (questions.length === 0) throw new JobSkipped("no_questions", "The model asked no question");
  let evidence = await evidenceFor(deps, { persona, questions, signal });
  if (evidence.length === 0) evidence = recent.slice(0, MAX_EVIDENCE);
  const answer = await askJson(deps, {
    persona,
    messages: insightMessages(persona, {
      questions,
      evidence: evidence.map((record) => record.content),
    }),
    schema: InsightsSchema,
    name: "insights",
    signal,
    mayGiveWay: run.mayGiveWay,
  });
  const insights: Array<{ content: string; importance: number; sources: string[] }> = [];
  for (const insight of answer.insights) {
    const content = insight.content.replace(/\s+/g, " ").trim();
    const sources = [
      ...new Set(
        insight.evidence.filter((n) => Number.isInteger(n) && n >= 1 && n <= evidence.length)
          .map((n) => evidence[n - 1]!.id),
      ),
    ];
    // An insight that cites nothing it was shown is not grounded: it is dropped.
    if (content === "" || content.length > MAX_FACT_CHARS || sources.length === 0) continue;
    if (insights.some((other) => sameFact(other.content, content))) continue;
    const known = await deps.memory.similar(persona, content, {
      memoryType: "reflection",
      limit: 3,
      signal,
    });
    if (known.some(({ record }) => !record.superseded_by && sameFact(record.content, content))) {
      continue;
    }
    const rating = Number.isFinite(insight.importance) ? Math.round(insight.importance) : 5;
    insights.push({ content, importance: clamp(rating, 1, 10) / 10, sources });
    if (insights.length === MAX_INSIGHTS) break;
  }
  const stored: string[] = [];
  for (const insight of insights) {
    const record = await deps.memory.store(persona, {
      content: insight.content,
      memory_type: "reflection",
      importance: insight.importance,
      emotional_valence: 0,
      related_personas: [],
      visibility: "private",
      metadata: { questions, job_id: job.id },
      source_ids: insight.sources,
    }, { signal, origin: "mind" });
    stored.push(record.id);
  }
  return { questions, reflections: stored, evidence: evidence.map((record) => record.id) };
}
