/**
 * Personas whose memories could not be deleted yet (their store was unreachable when the
 * persona was deleted). Kept in the database so a restart does not forget them; each decay cycle
 * retries them.
 *
 * @module
 */
import type { Database } from "../storage/database.ts";

/** The pending purges. */
export class PurgeQueue {
  readonly #db: Database;

  /** A queue in `db` (memory migrations applied). */
  constructor(db: Database) {
    this.#db = db;
  }

  /** Remembers that `personaId`'s memories must still be deleted. */
  async add(personaId: string, at: string): Promise<void> {
    await this.#db.run(
      "INSERT INTO memory_purges (persona_id, requested_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
      personaId,
      at,
    );
  }

  /** Persona ids still waiting, oldest first. */
  async pending(): Promise<string[]> {
    const rows = await this.#db.all<{ persona_id: string }>(
      "SELECT persona_id FROM memory_purges ORDER BY requested_at",
    );
    return rows.map((row) => row.persona_id);
  }

  /** Forgets `personaId` once its memories are gone. */
  async done(personaId: string): Promise<void> {
    await this.#db.run("DELETE FROM memory_purges WHERE persona_id = ?", personaId);
  }
}
