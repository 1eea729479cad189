/**
 * The persona a bundle import creates: the bundle's persona fields (those a client may set), its
 * name mended or replaced, created hidden as importing (`PersonaService.createImporting`) with its
 * creation time kept.
 *
 * @module
 */
import type { OnConflict } from "../characters/mod.ts";
import { Conflict, InvalidInput } from "../errors.ts";
import {
  mendedName,
  type Persona,
  PersonaCreate,
  READ_ONLY_PERSONA_FIELDS,
} from "../personas/mod.ts";
import { personaCreatedAt } from "./times.ts";
import type { Bundle } from "./schema.ts";
import type { BundleDeps } from "./types.ts";

/**
 * Creates the bundle's persona, marked as importing; notes a mended or taken name. A name in use
 * is a {@linkcode Conflict} unless `onConflict` is "rename"; invalid fields are
 * {@linkcode InvalidInput} by field (`bundle.persona.<field>`).
 */
export async function createBundlePersona(
  deps: BundleDeps,
  { bundle, options, notes }: {
    bundle: Bundle;
    options: { name?: string; onConflict?: Exclude<OnConflict, "replace"> };
    notes: string[];
  },
): Promise<Persona> {
  const fields: Record<string, unknown> = {};
  const known = new Set(Object.keys(PersonaCreate.shape));
  for (const [key, value] of Object.entries(bundle.persona)) {
    if (known.has(key) && !(READ_ONLY_PERSONA_FIELDS as readonly string[]).includes(key)) {
      fields[key] = value;
    }
  }
  if (options.name) fields.name = options.name;
  else if (typeof fields.name === "string") fields.name = mendedName(fields.name, notes);
  const name = typeof fields.name === "string" ? fields.name.trim() : "";
  if (options.onConflict !== "rename" && name && await deps.personas.findByName(name)) {
    throw new Conflict(
      `Cannot import "${name}": a persona already has this name (pass on_conflict "rename", or a name)`,
      [{ field: "name", message: "is already used by another persona" }],
    );
  }
  const parsed = PersonaCreate.safeParse(fields);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      field: `bundle.persona.${issue.path.join(".")}`,
      message: issue.message,
    }));
    throw new InvalidInput(`Invalid bundle: ${issues[0]?.field} ${issues[0]?.message}`, issues);
  }
  // The free name is chosen as the row is written: imports at once each get their own.
  const persona = await deps.personas.createImporting(parsed.data, {
    rename: options.onConflict === "rename",
    createdAt: personaCreatedAt(bundle.persona.created_at, deps.clock.now(), notes),
  });
  if (persona.name !== parsed.data.name) {
    notes.push(`The name "${parsed.data.name}" was taken; imported as "${persona.name}"`);
  }
  return persona;
}
