/**
 * Where state lives: the SQLite file or a PostgreSQL database shared by several nodes.
 *
 * Part of the table in `core/settings.ts`, which keeps the order of these entries (it is the
 * order `system.settings` lists them and `loadConfig` checks them) and names each one's group.
 *
 * @module
 */
import { z } from "zod";
import { boolFlag, positiveInt } from "./schemas.ts";
import { DEFAULT_LOCK_WAIT_MS } from "../storage/sqlite_lock_wait.ts";

/**
 * The default of `DATABASE_POOL_QUEUE`: the most calls one node keeps waiting for a PostgreSQL
 * connection (also `core/storage/postgres.ts`'s when its settings give none).
 */
export const DEFAULT_POOL_QUEUE = 1_000;

/** Where state lives: the SQLite file or a PostgreSQL database shared by several nodes. */
export const STORAGE_SETTINGS = {
  STORAGE: {
    schema: z.enum(["sqlite", "postgres"]).default("sqlite"),
    description:
      "Where state lives: the embedded SQLite file, or PostgreSQL (several nodes share it; " +
      "see core/storage/README.md)",
  },
  SQLITE_LOCK_WAIT_MS: {
    schema: z.coerce.number().int().min(0).default(DEFAULT_LOCK_WAIT_MS),
    description:
      "Longest a request waits for a write lock another process holds on the SQLite file (a " +
      "second server, `sqlite3`, a backup), without blocking other requests; past it the write " +
      "answers -32003 busy (REST 429 with Retry-After)",
  },
  DATABASE_URL: {
    schema: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").default(""),
    description:
      "PostgreSQL URL, `postgres://user:password@host:5432/database` (needed for STORAGE=postgres)",
  },
  DATABASE_POOL_SIZE: {
    schema: positiveInt.default(10),
    description: "Most PostgreSQL connections one node opens (one more listens for changes)",
  },
  DATABASE_POOL_QUEUE: {
    schema: positiveInt.default(DEFAULT_POOL_QUEUE),
    description:
      "Most requests one node keeps waiting for a PostgreSQL connection while all are busy; " +
      "past it a request is refused at once, -32003 busy (REST 429), instead of piling up",
  },
  DATABASE_IDLE_TIMEOUT_S: {
    schema: z.coerce.number().min(0).default(60),
    description: "Seconds an unused pooled PostgreSQL connection stays open (0: forever)",
  },
  DATABASE_CONNECT_TIMEOUT_S: {
    schema: positiveInt.default(10),
    description: "Seconds to wait for a PostgreSQL connection before a request fails",
  },
  DATABASE_QUERY_TIMEOUT_MS: {
    schema: z.coerce.number().int().min(0).default(30_000),
    description:
      "Longest a PostgreSQL statement may run (the server's statement_timeout; slower ones " +
      "answer -32003 busy); a connection silent that long and a grace (up to 5 s more) while a " +
      "reply is due is dropped and replaced, its calls answer -32009 (0: no limit)",
  },
  NODE_ID: {
    schema: z.string().max(64).default(""),
    description:
      "This node's name among the nodes sharing a database (who ran which period of the decay " +
      "schedule); empty picks a random one at start",
  },
  ALLOW_NEWER_DATABASE: {
    schema: boolFlag.default(false),
    description:
      "Start on a database a newer persona-mcp has migrated (it names migrations this build " +
      "does not know) with a warning, instead of refusing: rows written meanwhile miss them",
  },
} as const;
