/**
 * Persona bundles: `persona.export` writes one JSON document (the persona, its avatar and
 * assets, its lorebooks, memories and relationships, and, when a later issue adds them, its core
 * memory blocks); `persona.import` restores it on another server with new ids, relations mapped
 * to the personas of the same name there.
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import { fromBase64, type StoredAsset, toBase64 } from "../characters/mod.ts";
import type { CharacterService, OnConflict } from "../characters/mod.ts";
import { Conflict, InvalidInput, MemoryUnavailable } from "../errors.ts";
import type { Logger } from "../log.ts";
import { type Lorebook, parseLorebook } from "../lore/mod.ts";
import type { LoreService } from "../lore/mod.ts";
import type { MemoryInput, MemoryRecord } from "../memory/schema.ts";
import {
  type Persona,
  PersonaCreate,
  type PersonaService,
  READ_ONLY_PERSONA_FIELDS,
} from "../personas/mod.ts";
import type { RelationshipService, RelationshipType } from "../relationships/mod.ts";
import type { CoreBlockStore } from "./blocks_port.ts";
import { Bundle, BUNDLE_FORMAT, BUNDLE_VERSION, type BundlePart } from "./schema.ts";

/** What bundles need from memory. */
export interface BundleMemoryStore {
  list(
    persona: Persona,
    options: { limit: number; offset: number },
  ): Promise<{ memories: MemoryRecord[]; total: number }>;
  store(persona: Persona, input: MemoryInput): Promise<unknown>;
}

/** What the service is built from. */
export interface BundleDeps {
  personas: PersonaService;
  characters: CharacterService;
  lore: LoreService;
  memory: BundleMemoryStore;
  relationships: RelationshipService;
  clock: Clock;
  log: Logger;
  version: string;
  /** Core memory blocks, once they exist (see `blocks_port.ts`). */
  blocks?: CoreBlockStore | null;
}

/** Counts of what an import restored, and what it could not. */
export interface ImportedBundle {
  persona: Persona;
  restored: {
    assets: number;
    lorebooks: number;
    memories: number;
    relationships: number;
    blocks: number;
  };
  notes: string[];
}

const PAGE = 500;

/** Persona bundles. */
export class BundleService {
  readonly #deps: BundleDeps;

  /** Creates the service. */
  constructor(deps: BundleDeps) {
    this.#deps = deps;
  }

  /** The bundle of `persona` with the parts in `include`. */
  async exportBundle(persona: Persona, include: ReadonlySet<BundlePart>): Promise<Bundle> {
    const { characters, lore, memory, relationships, personas } = this.#deps;
    const named = new Map<string, string>();
    // Memories may name a related persona by id or by name: either is mapped back by name.
    const note = async (id: string) => {
      const other = await personas.find(id) ?? await personas.findByName(id);
      if (other) named.set(id, other.name);
    };
    const memories: Bundle["memories"] = [];
    if (include.has("memories")) {
      for (let offset = 0;; offset += PAGE) {
        const page = await memory.list(persona, { limit: PAGE, offset });
        for (const record of page.memories) {
          for (const id of record.related_personas) await note(id);
          memories.push({
            content: record.content,
            memory_type: record.memory_type,
            importance: record.base_importance,
            emotional_valence: record.emotional_valence,
            related_personas: record.related_personas,
            visibility: record.visibility,
            metadata: record.metadata,
            created_at: record.created_at,
          });
        }
        if (page.memories.length < PAGE) break;
      }
    }
    const bonds = include.has("relationships")
      ? (await relationships.listFor(persona.id)).map((r) => {
        const otherId = r.persona1_id === persona.id ? r.persona2_id : r.persona1_id;
        note(otherId);
        return {
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
        };
      })
      : [];
    const books = include.has("lorebooks")
      ? (await lore.list({ persona })).map((book) => ({
        id: book.id,
        name: book.name,
        own: book.owner_persona_id === persona.id,
        book: book.book as unknown as Record<string, unknown>,
      }))
      : [];
    const blocks = include.has("blocks") && this.#deps.blocks
      ? await this.#deps.blocks.exportBlocks(persona)
      : null;
    return {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      exported_at: isoTime(this.#deps.clock.now()),
      server_version: this.#deps.version,
      persona: { ...persona },
      personas: [...named].map(([id, name]) => ({ id, name })),
      assets: (await characters.assets(persona.id)).map(assetJson),
      lorebooks: books,
      memories,
      relationships: bonds,
      blocks,
    };
  }

  /** Restores a bundle as a new persona. */
  async importBundle(
    value: unknown,
    options: { name?: string; onConflict?: Exclude<OnConflict, "replace"> } = {},
  ): Promise<ImportedBundle> {
    const parsed = Bundle.safeParse(value);
    if (!parsed.success) {
      const fields = parsed.error.issues.slice(0, 20).map((issue) => ({
        field: ["bundle", ...issue.path.map(String)].join("."),
        message: issue.message,
      }));
      throw new InvalidInput(`Invalid bundle: ${fields[0]?.field} ${fields[0]?.message}`, fields);
    }
    const bundle = parsed.data;
    const notes: string[] = [];
    const persona = await this.#createPersona(bundle, options, notes);
    const restored = { assets: 0, lorebooks: 0, memories: 0, relationships: 0, blocks: 0 };
    const assets = bundle.assets.map(assetFromJson);
    await this.#deps.characters.setAssets(persona.id, assets);
    restored.assets = assets.length;
    for (const entry of bundle.lorebooks) {
      const book: Lorebook = parseLorebook(entry.book, "bundle.lorebooks.book");
      if (entry.own) await this.#deps.lore.setOwnBook(persona, book);
      else {
        const created = await this.#deps.lore.create(book, { name: entry.name });
        await this.#deps.lore.attach(created.id, { personaId: persona.id });
      }
      restored.lorebooks++;
    }
    const mapId = await this.#idMapper(bundle, persona);
    restored.relationships = await this.#restoreRelationships(bundle, { persona, mapId, notes });
    try {
      for (const memory of bundle.memories) {
        await this.#deps.memory.store(persona, {
          ...memory,
          metadata: memory.metadata as MemoryInput["metadata"],
          related_personas: memory.related_personas.flatMap((id) => mapId(id) ?? []),
        });
        restored.memories++;
      }
    } catch (error) {
      // The persona and the rest are restored; say plainly what is missing and why.
      if (!(error instanceof MemoryUnavailable)) throw error;
      notes.push(
        `${
          bundle.memories.length - restored.memories
        } memories were not restored: ${error.message}`,
      );
    }
    if (bundle.blocks?.length) {
      if (this.#deps.blocks) {
        restored.blocks = await this.#deps.blocks.importBlocks(persona, bundle.blocks);
      } else {
        notes.push(
          `${bundle.blocks.length} core memory blocks were not restored: this server has no core memory blocks yet`,
        );
      }
    }
    return { persona, restored, notes };
  }

  async #createPersona(
    bundle: Bundle,
    options: { name?: string; onConflict?: Exclude<OnConflict, "replace"> },
    notes: string[],
  ): Promise<Persona> {
    const fields: Record<string, unknown> = {};
    const known = new Set(Object.keys(PersonaCreate.shape));
    for (const [key, value] of Object.entries(bundle.persona)) {
      if (known.has(key) && !(READ_ONLY_PERSONA_FIELDS as readonly string[]).includes(key)) {
        fields[key] = value;
      }
    }
    if (options.name) fields.name = options.name;
    const name = typeof fields.name === "string" ? fields.name.trim() : "";
    if (name && await this.#deps.personas.findByName(name)) {
      if (options.onConflict !== "rename") {
        throw new Conflict(
          `Cannot import "${name}": a persona already has this name (pass on_conflict "rename", or a name)`,
          [{ field: "name", message: "is already used by another persona" }],
        );
      }
      let n = 2;
      while (await this.#deps.personas.findByName(`${name} (${n})`)) n++;
      fields.name = `${name} (${n})`;
      notes.push(`The name "${name}" was taken; imported as "${fields.name}"`);
    }
    const parsed = PersonaCreate.safeParse(fields);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({
        field: `bundle.persona.${issue.path.join(".")}`,
        message: issue.message,
      }));
      throw new InvalidInput(`Invalid bundle: ${issues[0]?.field} ${issues[0]?.message}`, issues);
    }
    return await this.#deps.personas.create(parsed.data);
  }

  /** Maps a persona id of the bundle's server to one here (by name); the persona itself too. */
  async #idMapper(bundle: Bundle, persona: Persona): Promise<(id: string) => string | undefined> {
    const originalId = typeof bundle.persona.id === "string" ? bundle.persona.id : "";
    // Resolved now: the mapper is called synchronously, many times.
    const here = new Map<string, string>();
    for (const other of bundle.personas) {
      const found = await this.#deps.personas.findByName(other.name);
      if (found) here.set(other.id, found.id);
    }
    return (id) => (id === originalId ? persona.id : here.get(id));
  }

  async #restoreRelationships(
    bundle: Bundle,
    context: { persona: Persona; mapId: (id: string) => string | undefined; notes: string[] },
  ): Promise<number> {
    let count = 0;
    for (const bond of bundle.relationships) {
      const otherId = context.mapId(bond.other_id);
      if (!otherId || otherId === context.persona.id) {
        context.notes.push(
          `The relationship with ${
            bundle.personas.find((other) => other.id === bond.other_id)?.name ?? bond.other_id
          } was not restored: no persona of that name here`,
        );
        continue;
      }
      await this.#deps.relationships.restore(context.persona.id, otherId, {
        ...bond,
        declared_type: bond.declared_type as RelationshipType | null,
      });
      count++;
    }
    return count;
  }
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

function assetFromJson(json: Bundle["assets"][number]): StoredAsset {
  const asset: StoredAsset = { type: json.type, name: json.name, ext: json.ext };
  const data = json.data === undefined ? null : fromBase64(json.data);
  if (data) asset.data = data;
  if (json.uri) asset.uri = json.uri;
  if (json.extra) asset.extra = json.extra;
  return asset;
}
