/**
 * Persona bundles: `persona.export` writes one JSON document (the persona, its avatar and
 * assets, its lorebooks, memories and relationships, and, when a later issue adds them, its core
 * memory blocks); `persona.import` restores it on another server with new ids, relations mapped
 * to the personas of the same name there.
 *
 * @module
 */
import type { OnConflict } from "../characters/mod.ts";
import type { Persona } from "../personas/mod.ts";
import { exportBundle } from "./export_bundle.ts";
import { importBundle } from "./import_bundle.ts";
import type { Bundle, BundlePart } from "./schema.ts";
import type { BundleDeps, ImportedBundle } from "./types.ts";

export type { BundleDeps, BundleMemoryStore, ImportedBundle } from "./types.ts";

/** Persona bundles: export (`export_bundle.ts`) and import (`import_bundle.ts`). */
export class BundleService {
  readonly #deps: BundleDeps;

  /** Creates the service. */
  constructor(deps: BundleDeps) {
    this.#deps = deps;
  }

  /** The bundle of `persona` with the parts in `include`. */
  exportBundle(persona: Persona, include: ReadonlySet<BundlePart>): Promise<Bundle> {
    return exportBundle(this.#deps, { persona, include });
  }

  /** Restores a bundle as a new persona. */
  importBundle(
    value: unknown,
    options: { name?: string; onConflict?: Exclude<OnConflict, "replace"> } = {},
  ): Promise<ImportedBundle> {
    return importBundle(this.#deps, value, options);
  }
}
