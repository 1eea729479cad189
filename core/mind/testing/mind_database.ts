/**
 * An in-memory SQLite database with the tables a mind needs (storage, personas, jobs,
 * reflections) and one persona in it: the set-up the mind's tests share.
 *
 * @module
 */
import { jobMigrations } from "../../jobs/mod.ts";
import type { Persona } from "../../personas/mod.ts";
import { personaMigrations, PersonaRepository } from "../../personas/mod.ts";
import { SqliteDatabase, storageMigrations } from "../../storage/mod.ts";
import { reflectionMigrations } from "../reflection_repository.ts";

/** A fresh in-memory database migrated for a mind, holding `persona`. */
export async function mindDatabase(persona: Persona): Promise<SqliteDatabase> {
  const db = new SqliteDatabase(":memory:");
  await db.migrate([
    ...storageMigrations,
    ...personaMigrations,
    ...jobMigrations,
    ...reflectionMigrations,
  ]);
  await new PersonaRepository(db).insert(persona);
  return db;
}
