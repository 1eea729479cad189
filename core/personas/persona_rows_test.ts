/**
 * The persona cache's load: on SQLite its rows come as arrays (`Database.allArrays`), and the
 * personas built from them are those built from named rows, field for field and in the same
 * order (what clients see serialized).
 */
import assert from "node:assert/strict";
import type { Database } from "../storage/database.ts";
import { storageMigrations } from "../storage/migrations.ts";
import { SqliteDatabase } from "../storage/sqlite.ts";
import { loadPersonas } from "./persona_rows.ts";
import { personaMigrations, PersonaRepository } from "./repository.ts";
import { PersonaCreate } from "./schema.ts";
import { PersonaService } from "./service.ts";

Deno.test("personas loaded as arrays are the personas loaded as named rows", async () => {
  const db = new SqliteDatabase(":memory:");
  try {
    await db.migrate([...storageMigrations, ...personaMigrations]);
    let now = Date.UTC(2026, 0, 1);
    const service = new PersonaService(new PersonaRepository(db), { now: () => now++ });
    await service.create(PersonaCreate.parse({
      name: "Vex",
      description: "a smuggler",
      personality_traits: { openness: 0.9 },
      goals: ["get rich"],
      topic_preferences: { ships: 0.8 },
      tags: ["rogue"],
      alternate_greetings: ["Hey."],
      extensions: { depth: 2, nested: { a: [1, 2] } },
    }));
    await service.create(PersonaCreate.parse({ name: "Plain" }));
    assert.ok(db.allArrays, "SQLite reads rows as arrays");
    // The same database without allArrays: rows as named objects.
    const named = new Proxy(db, {
      get(target, property) {
        if (property === "allArrays") return undefined;
        const value = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    }) as Database;
    const asArrays = [...(await loadPersonas(db)).values()];
    const asRows = [...(await loadPersonas(named)).values()];
    assert.ok(asArrays.length >= 2);
    assert.deepEqual(asArrays, asRows);
    assert.equal(JSON.stringify(asArrays), JSON.stringify(asRows), "same fields, same order");
  } finally {
    await db.close();
  }
});
