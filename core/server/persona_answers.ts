/**
 * `persona.get`'s answers kept for the wire: nearly every call under load reads an unchanged
 * persona, so its answer is serialized once ({@linkcode ResultMemo}) and, while the database's
 * version is known without a read, found again by persona id without awaiting anything.
 *
 * @module
 */
import {
  type PersonaProfile,
  type PersonaProfileDeps,
  profileOf,
  readProfileParts,
} from "../personas/persona_profile.ts";
import type { Persona } from "../personas/mod.ts";
import { type ReadCache, VersionMemo } from "../storage/read_cache.ts";
import { ResultMemo } from "./rpc/kept_json.ts";

/**
 * Answers kept per persona (a cached persona object is replaced when it changes), serialized
 * once: reused while the memory figures and the avatar and lorebooks read are the same.
 */
const answers = new ResultMemo<Persona, object>();

/**
 * The same answers by persona id while the database is unchanged (its version known without a
 * read): a read of an unchanged persona, nearly every call under load, awaits nothing. One memo
 * per read cache: servers in one process (tests) have databases of their own, whose versions
 * may read alike.
 */
const unchanged = new WeakMap<ReadCache, VersionMemo<PersonaProfile>>();

function memoOf(cache: ReadCache): VersionMemo<PersonaProfile> {
  let memo = unchanged.get(cache);
  if (memo === undefined) unchanged.set(cache, memo = new VersionMemo());
  return memo;
}

/**
 * `persona.get`'s answer for `personaId` (else the session's active persona): the kept one, at
 * once, while nothing has changed; else read (from the caches where they hold) and kept.
 */
export function personaAnswer(
  deps: PersonaProfileDeps,
  personaId: string | undefined,
): PersonaProfile | Promise<PersonaProfile> {
  const id = personaId ?? deps.session.activePersonaId;
  const version = deps.readCache.knownVersion();
  if (id !== null && version !== undefined) {
    const kept = memoOf(deps.readCache).get(version, id, deps.clock.now());
    if (kept !== undefined) return kept;
  }
  return answer(personaId, deps, version);
}

/** The answer read (from the caches where they hold), kept by id when nothing changed meanwhile. */
async function answer(
  personaId: string | undefined,
  deps: PersonaProfileDeps,
  version: string | undefined,
): Promise<PersonaProfile> {
  const { persona, memoryStats, extras, from, until } = await readProfileParts(deps, personaId);
  const { total_memories, recent_interactions, memory_error } = memoryStats;
  const figures = [total_memories, recent_interactions, memory_error, extras];
  const result = answers.get(persona, figures, () => profileOf(persona, memoryStats, extras));
  // Every read above began and ended under one version: the answer holds while it stays.
  if (version !== undefined && deps.readCache.knownVersion() === version) {
    memoOf(deps.readCache).set(version, persona.id, result, { from, until });
  }
  return result;
}
