/**
 * The memory statistics as read from a backend: `stats.ts` computes them, this reads what they
 * are computed from (a persona's totals; every persona's summary, named).
 *
 * @module
 */
import type { PersonaService } from "../personas/mod.ts";
import type { MemoryBackend } from "./backend.ts";
import { type PersonaMemoryStats, personaStats, type SharedStats, sharedStats } from "./stats.ts";

/** `memory.get_stats` for the persona `personaId`, counting `embedder`'s embeddings as current. */
export async function readPersonaStats(
  backend: MemoryBackend,
  personaId: string,
  embedder: string,
): Promise<PersonaMemoryStats> {
  const totals = await backend.totals(personaId, embedder);
  // Vectors this embedder made from an older analyser's words are to be made again too (those
  // of another embedder are counted already).
  const remake = await backend.remakeQueue?.(personaId) ?? [];
  totals.needs_reindex += remake.filter((queued) => queued.embedder === embedder).length;
  return personaStats(personaId, totals, { embedder, backend: backend.name });
}

/** `memory.shared_stats`: every existing persona's summary (memories of deleted ones left out). */
export async function readSharedStats(
  deps: { backend: MemoryBackend; personas: PersonaService },
): Promise<SharedStats> {
  const names = new Map(
    (await deps.personas.list()).map((persona) => [persona.id, persona.name]),
  );
  const summaries = (await deps.backend.summaries())
    .filter((summary) => names.has(summary.persona_id));
  return sharedStats(summaries, names);
}
