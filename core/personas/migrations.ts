/**
 * The persona module's tables (SQLite or PostgreSQL): personas and `app_meta`.
 *
 * @module
 */
import type { Migration } from "../storage/database.ts";

/** Tables owned by the persona module. */
export const personaMigrations: Migration[] = [{
  name: "personas_1",
  sql: {
    sqlite: `
      CREATE TABLE personas (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        personality_traits TEXT NOT NULL,
        backstory TEXT NOT NULL DEFAULT '',
        goals TEXT NOT NULL DEFAULT '[]',
        topic_preferences TEXT NOT NULL DEFAULT '{}',
        speaking_style TEXT NOT NULL DEFAULT '',
        model TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE app_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
    // Names are unique whatever their case (lower() folds ASCII as SQLite's NOCASE does under
    // the C locale), and every node's persona cache hears of each change (notify_change).
    postgres: `
      CREATE TABLE personas (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        personality_traits TEXT NOT NULL,
        backstory TEXT NOT NULL DEFAULT '',
        goals TEXT NOT NULL DEFAULT '[]',
        topic_preferences TEXT NOT NULL DEFAULT '{}',
        speaking_style TEXT NOT NULL DEFAULT '',
        model TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX personas_name_key ON personas (lower(name));
      CREATE TRIGGER personas_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON personas
        FOR EACH STATEMENT EXECUTE FUNCTION notify_change('personas');
      CREATE TABLE app_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
}, {
  // Character Card fields (issue 14); JSON columns hold lists and objects.
  name: "personas_2",
  sql: `
    ALTER TABLE personas ADD COLUMN traits_source TEXT NOT NULL DEFAULT 'set';
    ALTER TABLE personas ADD COLUMN personality TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN scenario TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN first_mes TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN alternate_greetings TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE personas ADD COLUMN mes_example TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN system_prompt TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN post_history_instructions TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN creator_notes TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE personas ADD COLUMN creator TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN character_version TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN extensions TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE personas ADD COLUMN card_extras TEXT NOT NULL DEFAULT '{}';
  `,
}, {
  // An import under way (\`persona.import\`): the persona's row carries a mark ("node start-time")
  // until its last part is written; marked rows are no persona to any read (\`repository.ts\`),
  // and a start deletes those left by a crash (\`PersonaService.discardUnfinishedImports\`).
  // Existing rows get NULL: complete.
  name: "personas_3",
  sql: `
    ALTER TABLE personas ADD COLUMN importing TEXT;
    CREATE INDEX personas_importing ON personas (importing) WHERE importing IS NOT NULL;
  `,
}];
