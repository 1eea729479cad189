/**
 * For memory-backend tests that need no vectors: a vector store that keeps nothing, and a
 * database migrated for memories with the persona Aria.
 *
 * @module
 */
import { type Persona, personaMigrations } from "../../personas/mod.ts";
import { createdNamed, personaServiceOn } from "../../personas/testing/stored_personas.ts";
import { type Database, storageMigrations } from "../../storage/mod.ts";
import { memoryMigrationsFor } from "../mod.ts";
import type { VectorStore } from "../vector_store.ts";

/** Vectors nowhere: for tests about counts or words. */
export const NO_VECTORS: VectorStore = {
  name: "none",
  write: () => Promise.resolve(),
  nearest: () => Promise.resolve([]),
  similarities: () => Promise.resolve(new Map()),
  remove: () => Promise.resolve(),
  removePersona: () => Promise.resolve(),
  close: () => Promise.resolve(),
};

/** Migrates `db` for personas and the `backend`'s memories; creates and returns Aria. */
export async function migrateWithAria(
  db: Database,
  backend: "sqlite" | "chroma",
): Promise<Persona> {
  await db.migrate([
    ...storageMigrations,
    ...personaMigrations,
    ...memoryMigrationsFor({ MEMORY_BACKEND: backend }),
  ]);
  const [aria] = await createdNamed(personaServiceOn(db), ["Aria"]);
  return aria!;
}
