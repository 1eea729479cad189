/**
 * One persona's profile as `persona.get` shows it: the persona (by id or name, else the session's
 * active one) with its memory figures, its avatar and the lorebooks it reads. The avatar and
 * lorebooks, read on every call and written rarely, are kept in the read cache until the next
 * write; the memory figures come with the span of clock times they hold for.
 *
 * @module
 */
import type { CharacterService } from "../characters/mod.ts";
import type { LoreService } from "../lore/mod.ts";
import {
  type KeptMemoryStats,
  keptMemoryStats,
  type ProfileMemoryStats,
  type ProfileStatsDeps,
} from "../memory/profile.ts";
import { resolvePersona, type Session } from "../sessions/mod.ts";
import type { ReadCache } from "../storage/read_cache.ts";
import type { Persona } from "./schema.ts";
import type { PersonaService } from "./service.ts";

/** A persona's avatar as `persona.get` and `persona.list` show it, or null. */
export function avatarView(
  personaId: string,
  avatar: { mime: string; size_bytes: number } | null | undefined,
): { mime: string; size_bytes: number; url: string } | null {
  return avatar
    ? { mime: avatar.mime, size_bytes: avatar.size_bytes, url: `/api/personas/${personaId}/avatar` }
    : null;
}

/** What reading a profile needs: the services it reads and the caller's session. */
export interface PersonaProfileDeps extends ProfileStatsDeps {
  personas: PersonaService;
  session: Session;
  characters: Pick<CharacterService, "avatar">;
  lore: Pick<LoreService, "summaries">;
  readCache: ReadCache;
}

/** The avatar and lorebooks of `persona`, as `persona.get` shows them. */
async function readExtras(deps: PersonaProfileDeps, persona: Persona) {
  const avatar = await deps.characters.avatar(persona.id);
  return {
    avatar: avatarView(persona.id, avatar && { mime: avatar.mime, size_bytes: avatar.data.length }),
    lorebooks: (await deps.lore.summaries({ personaId: persona.id })).map((book) => ({
      id: book.id,
      name: book.name,
      own: book.owner_persona_id === persona.id,
      entry_count: book.entry_count,
    })),
  };
}

/** A persona's avatar and lorebooks, as `persona.get` shows them. */
export type ProfileExtras = Awaited<ReturnType<typeof readExtras>>;

/** The profile `persona.get` answers, from its parts. */
export function profileOf(
  persona: Persona,
  memoryStats: ProfileMemoryStats,
  extras: ProfileExtras,
) {
  return { persona: { ...persona, memory_stats: memoryStats, ...extras } };
}

/** What `persona.get` answers. */
export type PersonaProfile = ReturnType<typeof profileOf>;

/** The parts of a profile, read, and the span of clock times its memory figures hold for. */
export interface ProfileParts extends Pick<KeptMemoryStats, "from" | "until"> {
  persona: Persona;
  memoryStats: ProfileMemoryStats;
  extras: ProfileExtras;
}

/**
 * Reads the profile of the persona `personaId` names (an id, or a name in any case), else of the
 * session's active persona (-32000/-32001 otherwise); its extras from the read cache while no
 * write (on any node) has come since they were read.
 */
export async function readProfileParts(
  deps: PersonaProfileDeps,
  personaId: string | undefined,
): Promise<ProfileParts> {
  const persona = await resolvePersona(deps, personaId);
  const { stats: memoryStats, from, until } = await keptMemoryStats(deps, persona);
  // Read on every call, written rarely: kept until the next write (on any node).
  const extras = await deps.readCache.get(
    `persona.get:${persona.id}`,
    () => readExtras(deps, persona),
  );
  return { persona, memoryStats, extras, from, until };
}
