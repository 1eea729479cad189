/**
 * A persona's stored times read back as they were written, by both loads of the persona cache
 * (rows as arrays on SQLite, named rows elsewhere) and by the repository: created_at the time it
 * was created, updated_at the time of its last change (review21: the two swapped went unseen, as
 * every earlier test created and read personas within one instant).
 */
import assert from "node:assert/strict";
import type { Database } from "../storage/database.ts";
import { storageMigrations } from "../storage/migrations.ts";
import { SqliteDatabase } from "../storage/sqlite.ts";
import { loadPersonas } from "./persona_rows.ts";
import { personaMigrations, PersonaRepository } from "./repository.ts";
import { PersonaCreate } from "./schema.ts";
import { PersonaService } from "./service.ts";

Deno.test("a persona's created_at and updated_at read back as written, on every load", async () => {
  const db = new SqliteDatabase(":memory:");
  try {
    await db.migrate([...storageMigrations, ...personaMigrations]);
    const created = Date.UTC(2026, 0, 1);
    const changed = Date.UTC(2026, 5, 1);
    let now = created;
    const service = new PersonaService(new PersonaRepository(db), { now: () => now });
    const persona = await service.create(PersonaCreate.parse({ name: "Vex" }));
    now = changed;
    await service.update(persona.id, { description: "a smuggler" });
    const named = new Proxy(db, {
      get(target, property) {
        if (property === "allArrays") return undefined;
        const value = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    }) as Database;
    const expected = [new Date(created).toISOString(), new Date(changed).toISOString()];
    for (const load of [db, named]) {
      const got = (await loadPersonas(load)).get(persona.id)!;
      assert.deepEqual([got.created_at, got.updated_at], expected);
    }
    const fresh = await new PersonaService(new PersonaRepository(db), { now: () => now })
      .get(persona.id);
    assert.deepEqual([fresh.created_at, fresh.updated_at], expected);
  } finally {
    await db.close();
  }
});
