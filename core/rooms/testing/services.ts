/**
 * The services of a server on a fresh data directory (SQLite, or what `env` names: PostgreSQL
 * through `withPostgresEnv`), without seeded personas or background mind work, for tests of
 * rooms and lorebooks; closed and removed afterwards.
 *
 * @module
 */
import { createServices } from "../../services.ts";
import { loadConfig } from "../../config.ts";
import { createLogger } from "../../log.ts";

/** The services {@linkcode withServices} hands a test. */
export type Services = Awaited<ReturnType<typeof createServices>>;

/** Runs `fn` with fresh services (settings from `env`), closed and removed after. */
export async function withServices(
  fn: (services: Services) => Promise<void>,
  env: Record<string, string> = {},
): Promise<void> {
  const dataDir = await Deno.makeTempDir({ prefix: "persona-rooms-" });
  const services = await createServices(
    loadConfig({
      env: {
        DATA_DIR: dataDir,
        SEED_PERSONAS: "false",
        MEMORY_EXTRACTION: "false",
        MEMORY_REFLECTION: "false",
        ...env,
      },
      dotenv: "",
    }),
    { log: createLogger("error", { write: () => {} }) },
  );
  try {
    await fn(services);
  } finally {
    await services.memory.close();
    await services.db.close();
    await Deno.remove(dataDir, { recursive: true });
  }
}
