/**
 * A second process's memory service over the same SQLite file (a second connection), on the
 * fixture's clock: what SQLite tests use to write "from elsewhere". Test code only.
 *
 * @module
 */
import type { ManualClock } from "../../clock.ts";
import { createLogger } from "../../log.ts";
import { PersonaRepository, PersonaService } from "../../personas/mod.ts";
import { SqliteDatabase } from "../../storage/mod.ts";
import { LocalEmbedder } from "../embedder.ts";
import { PurgeQueue } from "../purges.ts";
import { MemoryService } from "../service.ts";
import { SqliteBackend } from "../sqlite_backend.ts";
import { CONTRACT_SETTINGS } from "./contract_fixture.ts";

/** The other connection's memory service, and a close that ends both it and its database. */
export interface OtherConnection {
  theirs: MemoryService;
  close: () => Promise<void>;
}

/** Opens `path` again and builds a memory service on it with `clock`. */
export function otherConnection(path: string, clock: ManualClock): OtherConnection {
  const otherDb = new SqliteDatabase(path);
  const theirs = new MemoryService({
    backend: new SqliteBackend(otherDb),
    embedder: new LocalEmbedder(),
    personas: new PersonaService(new PersonaRepository(otherDb), clock),
    clock,
    log: createLogger("error", { write: () => {} }),
    purges: new PurgeQueue(otherDb),
    settings: CONTRACT_SETTINGS,
  });
  const close = async () => {
    await theirs.close();
    otherDb.close();
  };
  return { theirs, close };
}
