/**
 * The steps of a memory update (`MemoryWriter.update`, `memory_writer.ts`) moved out of the
 * writer: the patch checked and its content cut before anything is read, and the patched record
 * written (its links restored or marked, its referent resolved again).
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import { InvalidInput } from "../errors.ts";
import type { MemoryBackend } from "./backend.ts";
import type { MemoryLinks } from "./links.ts";
import { CONTENT_LIMIT, type MemoryPatch, type MemoryRecord } from "./schema.ts";
import { cutFolded } from "./folded_cut.ts";
import { echoedId } from "./echoed_id.ts";
import { referentAgain } from "./kept_referents.ts";

/**
 * `patch` for memory `id` with its content cut to `CONTENT_LIMIT`; throws {@linkcode InvalidInput}
 * when it changes nothing.
 */
export function checkedPatch(id: string, patch: MemoryPatch): MemoryPatch {
  // The content limit counts folded characters too (`folded_cut.ts`).
  if (patch.content !== undefined) {
    patch = { ...patch, content: cutFolded(patch.content, CONTENT_LIMIT) };
  }
  if (
    patch.content === undefined && patch.importance === undefined &&
    patch.visibility === undefined && patch.supersedes === undefined &&
    patch.superseded_by === undefined
  ) {
    throw new InvalidInput(`Cannot update memory "${echoedId(id)}": nothing to change`, [
      {
        field: "params",
        message: "give at least one of content, importance, visibility, supersedes, superseded_by",
      },
    ]);
  }
  return patch;
}

/** Throws {@linkcode InvalidInput} when `patch` would make memory `id` supersede itself. */
export function refuseSelfSupersede(id: string, patch: MemoryPatch): void {
  if (patch.supersedes?.includes(id)) {
    throw new InvalidInput(
      `Cannot update memory "${echoedId(id)}": a memory cannot supersede itself`,
      [
        { field: "supersedes", message: "must not contain the memory's own id" },
      ],
    );
  }
}

/** What {@linkcode applyPatch} reads and writes through (the writer's own parts). */
export interface PatchTargets {
  backend: MemoryBackend;
  clock: Clock;
  links: MemoryLinks;
  /** The embedder new content is embedded by. */
  embedderId: string;
  /** Reads a memory afresh; throws `NotFound`. */
  get(id: string): Promise<MemoryRecord>;
}

/**
 * Writes `patch` to `current` (`vector`: its new content's), which then supersedes `replaced`
 * too; returns the record written.
 */
export async function applyPatch(
  targets: PatchTargets,
  change: {
    current: MemoryRecord;
    patch: MemoryPatch;
    replaced: MemoryRecord[];
    vector: Float32Array | undefined;
  },
): Promise<MemoryRecord> {
  const { current, patch, vector } = change;
  let { replaced } = change;
  const next: MemoryRecord = {
    ...current,
    visibility: patch.visibility ?? current.visibility,
    supersedes: [...new Set([...current.supersedes, ...patch.supersedes ?? []])],
  };
  if (patch.superseded_by === null && current.superseded_by !== null) {
    await targets.links.restore(current);
    next.superseded_by = null;
    // Its replacement no longer lists it: read again what it replaces now, so that one is
    // saved as restored ("b supersedes a", then a made current, superseding b).
    replaced = await Promise.all(replaced.map((old) => targets.get(old.id)));
  }
  if (patch.content !== undefined) {
    next.content = patch.content;
    next.embedder = targets.embedderId;
  }
  if (patch.importance !== undefined) {
    next.importance = next.base_importance = patch.importance;
    next.importance_set_at = isoTime(targets.clock.now());
  }
  await targets.backend.save([{ record: next, vector }]);
  if (patch.content !== undefined) await referentAgain(targets.backend, next);
  await targets.links.markSuperseded([next], replaced);
  return next;
}
