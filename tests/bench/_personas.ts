/**
 * Personas stored in bulk for the name benchmarks: `Persona 0` … `Persona N-1`, created a
 * millisecond apart from 2025-01-01, in one transaction.
 *
 * @module
 */

/** What storing needs of a database (any tree's `Database`). */
interface Writable {
  transaction<T>(work: () => Promise<T>): Promise<T>;
  run(sql: string, ...params: Array<string | number | null>): Promise<number>;
}

/** Stores `count` personas in `db` (migrated), each with `traits` as its personality traits. */
export async function storePersonas(db: Writable, count: number, traits = "{}"): Promise<void> {
  await db.transaction(async () => {
    for (let i = 0; i < count; i++) {
      const at = new Date(Date.UTC(2025, 0, 1) + i).toISOString();
      await db.run(
        "INSERT INTO personas (id, name, personality_traits, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        crypto.randomUUID(),
        `Persona ${i}`,
        traits,
        at,
        at,
      );
    }
  });
}
