/**
 * `persona.import`: restores a bundle as a new persona with new ids. Related personas are mapped
 * to the personas of the same name here; what cannot be restored (a relation with nobody of that
 * name, memories while memory is down) is said in the result's notes, not thrown.
 *
 * @module
 */
import { fromBase64, type OnConflict, rasterIcons, type StoredAsset } from "../characters/mod.ts";
import { assertPersonaFits } from "../characters/persona_budget.ts";
import { EmbedderInvalid, InvalidInput, MemoryUnavailable } from "../errors.ts";
import { isObject } from "../lore/fields.ts";
import { type Lorebook, parseLorebook } from "../lore/mod.ts";
import type { MemoryInput } from "../memory/schema.ts";
import type { Persona } from "../personas/mod.ts";
import { TimeSlice } from "../simulation/time_slice.ts";
import { breakCycles, type BundleLink } from "./link_cycles.ts";
import { checkMemoryLinks } from "./memory_links.ts";
import { checkRelationships, RelatedPersonas, restoreRelationships } from "./relationships.ts";
import { checkMemoryTimes } from "./times.ts";
import { createBundlePersona } from "./bundle_persona.ts";
import { Bundle } from "./schema.ts";
import type { BundleDeps, ImportedBundle } from "./types.ts";
import { unknownBundleFields, unknownFieldsNote } from "./unknown_fields.ts";

/** Restores a bundle (validated here) as a new persona. */
export async function importBundle(
  deps: BundleDeps,
  value: unknown,
  options: { name?: string; onConflict?: Exclude<OnConflict, "replace"> } = {},
): Promise<ImportedBundle> {
  // The persona's size first: an oversize one is refused before it is validated field by field.
  const rawPersona = (value as { persona?: unknown } | null)?.persona;
  if (isObject(rawPersona)) assertPersonaFits(rawPersona, "bundle.persona");
  const parsed = Bundle.safeParse(value);
  if (!parsed.success) {
    const fields = parsed.error.issues.slice(0, 20).map((issue) => ({
      field: ["bundle", ...issue.path.map(String)].join("."),
      message: issue.message,
    }));
    throw new InvalidInput(`Invalid bundle: ${fields[0]?.field} ${fields[0]?.message}`, fields);
  }
  // Everything that can be checked is checked before anything is created.
  checkMemoryLinks(parsed.data.memories);
  const cycles = breakCycles(parsed.data.memories);
  const bundle = { ...parsed.data, memories: cycles.memories };
  checkMemoryTimes(bundle.memories, deps.clock.now());
  checkRelationships(bundle);
  checkAssetData(bundle.assets);
  const books = bundle.lorebooks.map((entry, index) => ({
    entry,
    book: parseLorebook(entry.book, `bundle.lorebooks.${index}.book`),
  }));
  const notes: string[] = [];
  const unknown = unknownFieldsNote(unknownBundleFields(value as Record<string, unknown>));
  if (unknown) notes.push(unknown);
  if (cycles.dropped.length > 0) {
    notes.push(cyclesNote(cycles.dropped));
    deps.log.warn("bundle import: supersession cycles broken", { links: cycles.dropped.length });
  }
  // Marked as importing in the same write: no request sees it until its last part is written, and
  // a crash before then leaves it to the next start to delete (`discardUnfinishedImports`).
  const persona = await createBundlePersona(deps, { bundle, options, notes });
  const createdBooks: string[] = [];
  try {
    const imported = await deps.personas.whileImporting(
      persona,
      () => restoreParts(deps, { bundle, books, persona, notes, createdBooks }),
    );
    await deps.personas.finishImport(persona);
    return imported;
  } catch (error) {
    // All or nothing: a retry must not find the name taken by half an import.
    await rollBack(deps, { persona, createdBooks });
    throw error;
  }
}

/**
 * Deletes what a failed import created (the persona's deletion cascades to its parts). Each step
 * is tried on its own: a lorebook that cannot be deleted is logged and left, and the persona is
 * deleted all the same, so that its name is free for a retry.
 */
async function rollBack(
  deps: BundleDeps,
  { persona, createdBooks }: { persona: Persona; createdBooks: readonly string[] },
): Promise<void> {
  const attempt = async (what: Record<string, string>, step: () => Promise<unknown>) => {
    try {
      await step();
    } catch (error) {
      deps.log.error("bundle import: rolling back failed", {
        persona_id: persona.id,
        ...what,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };
  for (const id of createdBooks) await attempt({ lorebook_id: id }, () => deps.lore.delete(id));
  await attempt({}, () => deps.personas.discardImport(persona));
}

async function restoreParts(
  deps: BundleDeps,
  { bundle, books, persona, notes, createdBooks }: {
    bundle: Bundle;
    books: ReadonlyArray<{ entry: Bundle["lorebooks"][number]; book: Lorebook }>;
    persona: Persona;
    notes: string[];
    createdBooks: string[];
  },
): Promise<ImportedBundle> {
  const restored = { assets: 0, lorebooks: 0, memories: 0, relationships: 0, blocks: 0 };
  // Icons are served as avatars: raster images only (an SVG would run scripts in our origin).
  const { kept, dropped } = rasterIcons(bundle.assets.map(assetFromJson));
  await deps.characters.setAssets(persona.id, kept);
  notes.push(...dropped);
  restored.assets = kept.length;
  for (const { entry, book } of books) {
    if (entry.own) await deps.lore.setOwnBook(persona, book);
    else {
      // Attached in the same write: a start that discards this import after a crash finds it.
      const created = await deps.lore.createAttached(book, {
        name: entry.name,
        personaId: persona.id,
      });
      createdBooks.push(created.id);
    }
    restored.lorebooks++;
  }
  const mapId = await idMapper(deps, { bundle, persona });
  restored.relationships = await restoreRelationships(deps, { bundle, persona, mapId, notes });
  try {
    // The memories first, then their links between them, mapped to the new ids.
    const newIds = new Map<string, string>();
    const related = new RelatedPersonas(bundle, mapId);
    // Each store waits for its insert batch (written on `setImmediate`): other requests are
    // served between stores (tests/bundle_links_test.ts counts them).
    for (const memory of oldestFirst(bundle.memories)) {
      const { id, supersedes: _supersedes, source_ids: _sources, ...fields } = memory;
      const stored = await deps.memory.store(persona, {
        ...fields,
        metadata: memory.metadata as MemoryInput["metadata"],
        related_personas: related.map(memory.related_personas),
      });
      if (id !== undefined) newIds.set(id, stored.id);
      restored.memories++;
    }
    // Checked before anything was created (checkMemoryLinks): written in chunks, not one
    // update per memory (core/memory/restore_links.ts).
    const mapped = (ids: readonly string[]) => ids.flatMap((id) => newIds.get(id) ?? []);
    const links = bundle.memories.flatMap((memory) => {
      const id = memory.id === undefined ? undefined : newIds.get(memory.id);
      if (id === undefined) return [];
      const supersedes = mapped(memory.supersedes);
      const source_ids = mapped(memory.source_ids);
      return supersedes.length + source_ids.length > 0 ? [{ id, supersedes, source_ids }] : [];
    });
    if (links.length > 0) await deps.memory.restoreLinks(persona.id, links);
    const dropped = related.note();
    if (dropped) notes.push(dropped);
  } catch (error) {
    // The persona and the rest are restored; say plainly what is missing and why.
    if (!(error instanceof MemoryUnavailable || error instanceof EmbedderInvalid)) throw error;
    notes.push(
      `${bundle.memories.length - restored.memories} memories were not restored: ${error.message}`,
    );
  }
  if (bundle.blocks?.length) {
    if (deps.blocks) {
      restored.blocks = await deps.blocks.importBlocks(persona, bundle.blocks);
    } else {
      notes.push(
        `${bundle.blocks.length} core memory blocks were not restored: this server has no core memory blocks yet`,
      );
    }
  }
  return { persona, restored, notes };
}

/** Maps a persona id of the bundle's server to one here (by name); the persona itself too. */
async function idMapper(
  deps: BundleDeps,
  { bundle, persona }: { bundle: Bundle; persona: Persona },
): Promise<(id: string) => string | undefined> {
  const originalId = typeof bundle.persona.id === "string" ? bundle.persona.id : "";
  // Resolved now: the mapper is called synchronously, many times. Each name is looked up once.
  const byName = new Map<string, string | undefined>();
  const here = new Map<string, string>();
  // 10,000 lookups take a while: other clients are served between slices.
  const slice = new TimeSlice();
  for (const other of bundle.personas) {
    await slice.pass();
    if (!byName.has(other.name)) {
      byName.set(other.name, (await deps.personas.findByName(other.name))?.id);
    }
    const found = byName.get(other.name);
    if (found) here.set(other.id, found);
  }
  return (id) => (id === originalId ? persona.id : here.get(id));
}

/** Links a note names one by one; past them it gives their number. */
export const CYCLE_LINKS_NAMED = 5;

/** Says which `supersedes` links were dropped to break cycles, and why. */
function cyclesNote(dropped: readonly BundleLink[]): string {
  const named = dropped.slice(0, CYCLE_LINKS_NAMED)
    .map(({ from, to }) => `bundle.memories.${from} no longer supersedes bundle.memories.${to}`);
  const more = dropped.length - named.length;
  return `${dropped.length} supersedes link${dropped.length === 1 ? "" : "s"} formed a cycle ` +
    `(a cycle has no current version) and ${dropped.length === 1 ? "was" : "were"} dropped, ` +
    `the newest memory of each cycle current: ${named.join("; ")}${
      more > 0 ? `; and ${more} more` : ""
    }; every memory was restored`;
}

/** Refuses an asset whose `data` is no base64 (it would be dropped unseen): -32602 by field. */
function checkAssetData(assets: Bundle["assets"]): void {
  const bad = assets.flatMap((asset, index) =>
    asset.data !== undefined && fromBase64(asset.data) === null ? [index] : []
  );
  if (bad.length === 0) return;
  const fields = bad.map((index) => ({
    field: `bundle.assets.${index}.data`,
    message: "is not valid base64",
  }));
  throw new InvalidInput(`Invalid bundle: ${fields[0]?.field} ${fields[0]?.message}`, fields);
}

function assetFromJson(json: Bundle["assets"][number]): StoredAsset {
  const asset: StoredAsset = { type: json.type, name: json.name, ext: json.ext };
  const data = json.data === undefined ? null : fromBase64(json.data);
  if (data) asset.data = data;
  if (json.uri) asset.uri = json.uri;
  if (json.extra) asset.extra = json.extra;
  return asset;
}

/**
 * `memories` in the order they were written: a memory's referent (`kept_referents.ts`) is read
 * from the one stored before it, and `persona.export` lists the newest first. Reversed, then
 * sorted by `created_at` (stable): an export's ties keep their order of writing; a memory without
 * a time (stored now) or with one unreadable comes last.
 */
export function oldestFirst<T extends { created_at?: string }>(memories: readonly T[]): T[] {
  const time = (memory: T) => {
    const at = memory.created_at === undefined ? NaN : Date.parse(memory.created_at);
    return Number.isNaN(at) ? Infinity : at;
  };
  const at = new Map(memories.map((memory) => [memory, time(memory)]));
  return [...memories].reverse().sort((a, b) => {
    const [x, y] = [at.get(a)!, at.get(b)!];
    return x === y ? 0 : x < y ? -1 : 1;
  });
}
