/**
 * Lore test fixtures: a lore service over a database with the persona Aria and the room "room1",
 * and lorebook rows as a server from before the lorebook summary stored them.
 *
 * @module
 */
import { ManualClock } from "../../clock.ts";
import { type Persona, personaMigrations } from "../../personas/mod.ts";
import { createdNamed, personaServiceOn } from "../../personas/testing/stored_personas.ts";
import { roomMigrations, RoomRepository } from "../../rooms/repository.ts";
import { type Database, storageMigrations } from "../../storage/mod.ts";
import { LORE_DEFAULTS } from "../activation_types.ts";
import { loreMigrations } from "../migrations.ts";
import { LorebookRepository } from "../repository.ts";
import type { LoreEntry } from "../book.ts";
import type { SizedCacheLimits } from "../sized_cache.ts";
import { LoreService } from "../service.ts";

/** The migrations lore builds on (storage, personas, rooms). */
export const LORE_BASE = [...storageMigrations, ...personaMigrations, ...roomMigrations];

/** Creates the persona Aria and the room "room1" (Tavern) on a database migrated for both. */
export async function addAriaAndTavern(
  db: Database,
  clock: ManualClock = new ManualClock(),
): Promise<Persona> {
  const [aria] = await createdNamed(personaServiceOn(db, clock), ["Aria"]);
  await new RoomRepository(db).create({
    id: "room1",
    name: "Tavern",
    scenario: "",
    reply_mode: "natural",
    max_replies: 2,
    created_at: "t",
  });
  return aria!;
}

/** A lore service over `db` with the server's defaults and a clock of its own. */
export function loreOn(db: Database, cache?: SizedCacheLimits): LoreService {
  return new LoreService({
    repository: new LorebookRepository(db, cache),
    clock: new ManualClock(),
    defaults: LORE_DEFAULTS,
  });
}

/**
 * `db` migrated up to date, with Aria and "room1"; `cache`: the parsed-book cache's bounds (by
 * default the server's).
 */
export async function setupLore(db: Database, cache?: SizedCacheLimits) {
  await db.migrate([...LORE_BASE, ...loreMigrations]);
  const clock = new ManualClock();
  const aria = await addAriaAndTavern(db, clock);
  const lore = new LoreService({
    repository: new LorebookRepository(db, cache),
    clock,
    defaults: LORE_DEFAULTS,
  });
  return { clock, lore, aria };
}

/** Three books (ids old1..old3; 2, 0 and 1 entries) as JSON an old server stored. */
export function oldBooks(thirdDescription = "Third"): Array<[string, unknown]> {
  return [
    ["old1", {
      name: "One",
      description: "First",
      extensions: {},
      entries: [{ keys: ["a"], content: "x" }, { keys: ["b"], content: "y" }],
    }],
    ["old2", { name: "Two", extensions: {}, entries: [] }],
    ["old3", {
      name: "Three",
      description: thirdDescription,
      extensions: {},
      entries: [{ keys: ["c"], content: "z" }],
    }],
  ];
}

/** Inserts `books` as rows of the first lorebooks schema (no summary columns), day by day. */
export async function insertOldBooks(
  db: Database,
  books: Array<[string, unknown]>,
): Promise<void> {
  for (const [i, [id, json]] of books.entries()) {
    await db.run(
      "INSERT INTO lorebooks (id, name, owner_persona_id, book, created_at, updated_at) VALUES (?, ?, NULL, ?, ?, ?)",
      id,
      id,
      JSON.stringify(json),
      `2026-01-0${i + 1}T00:00:00.000Z`,
      `2026-01-0${i + 1}T00:00:00.000Z`,
    );
  }
}

/** An enabled entry with `keys` and `content` (insertion order 100; `constant` when asked). */
export function loreEntry(keys: string[], content: string, constant = false): LoreEntry {
  return {
    keys,
    content,
    extensions: {},
    enabled: true,
    insertion_order: 100,
    use_regex: false,
    constant,
  };
}
