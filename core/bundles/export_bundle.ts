/**
 * `persona.export`: one JSON document with the persona, its avatar and assets, its lorebooks,
 * memories, relationships and core memory blocks, each part only when asked for. Related
 * personas are named, so an import elsewhere can map them by name.
 *
 * @module
 */
import { isoTime } from "../clock.ts";
import { type StoredAsset, toBase64 } from "../characters/mod.ts";
import { type Persona, PERSONA_LIMITS } from "../personas/mod.ts";
import {
  type Bundle,
  BUNDLE_FORMAT,
  BUNDLE_PERSONAS_MAX,
  BUNDLE_VERSION,
  type BundlePart,
} from "./schema.ts";
import type { BundleDeps } from "./types.ts";

/** Memories read per page while exporting. */
const PAGE = 500;

/** The bundle of `persona` with the parts in `include`. */
export async function exportBundle(
  deps: BundleDeps,
  { persona, include }: { persona: Persona; include: ReadonlySet<BundlePart> },
): Promise<Bundle> {
  const { characters, lore, memory, relationships, personas } = deps;
  const named = new Map<string, string>();
  // Memories may name a related persona by id or by name: either is mapped back by name. One
  // that names nobody here is listed under its own text, so that an import maps it to a persona
  // of that name there, or says in its note that it left it out (attack24 F6: it vanished).
  const note = async (id: string) => {
    if (named.has(id)) return;
    const other = await personas.find(id) ?? await personas.findByName(id);
    if (other) named.set(id, other.name);
    else if (id.length <= PERSONA_LIMITS.name && named.size < BUNDLE_PERSONAS_MAX) {
      named.set(id, id); // (Past the bundle's bound an import says it left them out all the same.)
    }
  };
  const memories: Bundle["memories"] = [];
  if (include.has("memories")) {
    // Page by key: a memory stored or deleted meanwhile does not repeat or hide another.
    let after: string | undefined;
    for (;;) {
      const page = await memory.list(persona, { limit: PAGE, offset: 0, after });
      after = page.next;
      for (const record of page.memories) {
        for (const id of record.related_personas) await note(id);
        memories.push({
          content: record.content,
          memory_type: record.memory_type,
          importance: record.base_importance,
          emotional_valence: record.emotional_valence,
          related_personas: record.related_personas,
          visibility: record.visibility,
          // Stored by memory.store (JSON values), typed loosely by the record.
          metadata: record.metadata as Bundle["memories"][number]["metadata"],
          created_at: record.created_at,
          id: record.id,
          supersedes: record.supersedes,
          source_ids: record.source_ids,
        });
      }
      if (!page.more) break;
    }
  }
  const bonds: Bundle["relationships"] = [];
  for (const r of include.has("relationships") ? await relationships.listFor(persona.id) : []) {
    const otherId = r.persona1_id === persona.id ? r.persona2_id : r.persona1_id;
    await note(otherId);
    bonds.push({
      other_id: otherId,
      affinity: r.affinity,
      trust: r.trust,
      respect: r.respect,
      intimacy: r.intimacy,
      declared_type: r.declared_type,
      interaction_count: r.interaction_count,
      total_interaction_minutes: r.total_interaction_minutes,
      first_meeting: r.first_meeting,
      last_interaction: r.last_interaction,
    });
  }
  const books = include.has("lorebooks")
    ? (await lore.list({ persona })).map((book) => ({
      id: book.id,
      name: book.name,
      own: book.owner_persona_id === persona.id,
      book: book.book as unknown as Record<string, unknown>,
    }))
    : [];
  const blocks = include.has("blocks") && deps.blocks
    ? await deps.blocks.exportBlocks(persona)
    : null;
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exported_at: isoTime(deps.clock.now()),
    server_version: deps.version,
    persona: { ...persona },
    personas: [...named].map(([id, name]) => ({ id, name })),
    assets: (await characters.assets(persona.id)).map(assetJson),
    lorebooks: books,
    memories,
    relationships: bonds,
    blocks,
  };
}

function assetJson(asset: StoredAsset): Bundle["assets"][number] {
  return {
    type: asset.type,
    name: asset.name,
    ext: asset.ext,
    ...(asset.data ? { data: toBase64(asset.data) } : {}),
    ...(asset.uri ? { uri: asset.uri } : {}),
    ...(asset.extra ? { extra: asset.extra } : {}),
  };
}
