/**
 * The storage layer's own tables, applied before every module's: on PostgreSQL, the change
 * counters behind `Database.changeStamp` and the trigger function that bumps them and
 * tells every node (`NOTIFY`). A module whose rows a node caches adds, in its PostgreSQL
 * migration, `CREATE TRIGGER ... FOR EACH STATEMENT EXECUTE FUNCTION notify_change('topic')`.
 *
 * @module
 */
import type { Migration } from "./database.ts";
import { periodMigrations } from "./periods.ts";

/** The channel change notifications travel on; the payload is the topic. */
export const CHANGE_CHANNEL = "persona_mcp_changes";

/** Tables and functions of the storage layer. */
export const storageMigrations: Migration[] = [...periodMigrations, {
  name: "storage_1_change_versions",
  sql: {
    postgres: `
      CREATE TABLE change_versions (topic TEXT PRIMARY KEY, version BIGINT NOT NULL);
      CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO change_versions (topic, version) VALUES (TG_ARGV[0], 1)
          ON CONFLICT (topic) DO UPDATE SET version = change_versions.version + 1;
        PERFORM pg_notify('${CHANGE_CHANNEL}', TG_ARGV[0]);
        RETURN NULL;
      END $$;
    `,
  },
}];
