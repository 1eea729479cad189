import { z } from "zod";
import { keptMemoryStats, type ProfileMemoryStats } from "../../core/memory/profile.ts";
import { defineHandler, type HandlerContext } from "../../core/server/define_handler.ts";
import { ResultMemo } from "../../core/server/rpc/kept_json.ts";
import type { Persona } from "../../core/personas/mod.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";
import { type ReadCache, VersionMemo } from "../../core/storage/read_cache.ts";
import { avatarView } from "./_avatar.ts";

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
const unchanged = new WeakMap<ReadCache, VersionMemo<Answer>>();

function memoOf(cache: ReadCache): VersionMemo<Answer> {
  let memo = unchanged.get(cache);
  if (memo === undefined) unchanged.set(cache, memo = new VersionMemo());
  return memo;
}

const params = z.strictObject({ persona_id: z.string().min(1).optional() });

/** One persona: by id or name, or the session's active persona; with memory, avatar and lore. */
export default defineHandler({
  method: "persona.get",
  description:
    "Get one persona by id or name, or the session's active persona when none is given; with its memory figures, avatar and lorebooks",
  params,
  result: "`{persona: Persona + memory_stats: {total_memories, recent_interactions}}`; when " +
    "memory cannot be reached, `total_memories` is null and `memory_error` says why",
  errors: ["persona_not_found", "no_active_persona"],
  handle(params, ctx) {
    const id = params.persona_id ?? ctx.session.activePersonaId;
    const version = ctx.readCache.knownVersion();
    if (id !== null && version !== undefined) {
      const kept = memoOf(ctx.readCache).get(version, id, ctx.clock.now());
      if (kept !== undefined) return kept;
    }
    return answer(params.persona_id, ctx, version);
  },
});

/** The avatar and lorebooks of `persona`, as `persona.get` shows them. */
async function readExtras(ctx: HandlerContext, persona: Persona) {
  const avatar = await ctx.characters.avatar(persona.id);
  return {
    avatar: avatarView(persona.id, avatar && { mime: avatar.mime, size_bytes: avatar.data.length }),
    lorebooks: (await ctx.lore.summaries({ personaId: persona.id })).map((book) => ({
      id: book.id,
      name: book.name,
      own: book.owner_persona_id === persona.id,
      entry_count: book.entry_count,
    })),
  };
}

function profileOf(
  persona: Persona,
  memoryStats: ProfileMemoryStats,
  extras: Awaited<ReturnType<typeof readExtras>>,
) {
  return { persona: { ...persona, memory_stats: memoryStats, ...extras } };
}

/** What `persona.get` answers. */
type Answer = ReturnType<typeof profileOf>;

/** The answer read (from the caches where they hold), kept by id when nothing changed meanwhile. */
async function answer(
  personaId: string | undefined,
  ctx: HandlerContext,
  version: string | undefined,
): Promise<Answer> {
  const persona = await resolvePersona(ctx, personaId);
  const { stats: memoryStats, from, until } = await keptMemoryStats(ctx, persona);
  // Read on every call, written rarely: kept until the next write (on any node).
  const extras = await ctx.readCache.get(
    `persona.get:${persona.id}`,
    () => readExtras(ctx, persona),
  );
  const { total_memories, recent_interactions, memory_error } = memoryStats;
  const figures = [total_memories, recent_interactions, memory_error, extras];
  const result = answers.get(persona, figures, () => profileOf(persona, memoryStats, extras));
  // Every read above began and ended under one version: the answer holds while it stays.
  if (version !== undefined && ctx.readCache.knownVersion() === version) {
    memoOf(ctx.readCache).set(version, persona.id, result, { from, until });
  }
  return result;
}
