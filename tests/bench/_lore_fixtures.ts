/**
 * Shared by `list_pages.ts` and `lore_lookups.ts`: open a tree's lore/room/persona services over
 * a SQLite file, fill it with heavy books, and run this script as a child under another tree.
 *
 * @module
 */

/** The clock's first tick (each call adds 1 ms). */
export const STAMP = Date.UTC(2026, 0, 1);

/**
 * Opens `tree`'s services over `path` (migrated; `migrate` is the migrations' time in ms).
 * `fresh` is whether the file was new. Modules come from `tree`, so the values are untyped.
 */
// deno-lint-ignore no-explicit-any
export async function openLoreTree(tree: string, path: string): Promise<any> {
  const fresh = !(await Deno.stat(path).catch(() => null));
  const { SqliteDatabase } = await import(`file://${tree}/core/storage/sqlite.ts`);
  const { MIGRATIONS } = await import(`file://${tree}/core/migrations.ts`);
  const personas = await import(`file://${tree}/core/personas/mod.ts`);
  const { RoomRepository } = await import(`file://${tree}/core/rooms/repository.ts`);
  const { RoomService } = await import(`file://${tree}/core/rooms/service.ts`);
  const lore = await import(`file://${tree}/core/lore/mod.ts`);
  const { LORE_DEFAULTS } = await import(`file://${tree}/core/lore/activation_types.ts`);
  const { parseLorebook } = await import(`file://${tree}/core/lore/book.ts`);
  const db = new SqliteDatabase(path);
  const start = performance.now();
  await db.migrate(MIGRATIONS);
  const migrate = performance.now() - start;
  let now = STAMP;
  const clock = { now: () => now++ };
  const personaService = new personas.PersonaService(new personas.PersonaRepository(db), clock);
  const rooms = new RoomService({
    repository: new RoomRepository(db),
    personas: personaService,
    clock,
  });
  const books = new lore.LoreService({
    repository: new lore.LorebookRepository(db),
    clock,
    defaults: LORE_DEFAULTS,
  });
  return {
    fresh,
    db,
    migrate,
    personas,
    RoomRepository,
    personaService,
    rooms,
    books,
    parseLorebook,
  };
}

/**
 * Creates `count` books "Heavy i" of 5000 entries (about 4.3 MB of JSON each), calling `after`
 * with each stored book and its index; each with `description` when given.
 */
export async function addHeavyBooks(
  // deno-lint-ignore no-explicit-any
  fixture: { books: any; parseLorebook: (raw: unknown) => unknown },
  count: number,
  after: (stored: { id: string }, i: number) => Promise<void> = async () => {},
  description?: string,
): Promise<void> {
  const entries = Array.from({ length: 5000 }, (_, i) => ({
    keys: [`key${i}`],
    content: "lore text ".repeat(80) + i,
  }));
  for (let i = 0; i < count; i++) {
    const stored = await fixture.books.create(
      fixture.parseLorebook({ name: `Heavy ${i}`, entries, ...description ? { description } : {} }),
    );
    await after(stored, i);
  }
}

/**
 * Runs the calling script (`script`) under `tree`'s config and lock with `--child tree ...args`
 * and this process's arguments; returns the JSON of its last stdout line.
 */
export async function runTreeChild<T>(script: string, tree: string, args: string[]): Promise<T> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--config",
      `${tree}/deno.json`,
      "--frozen",
      "--lock",
      `${tree}/tests/deno.lock`,
      script,
      "--child",
      tree,
      ...args,
      ...Deno.args,
    ],
    cwd: tree,
    stdout: "piped",
    stderr: "inherit",
  }).output();
  return JSON.parse(new TextDecoder().decode(output.stdout).trim().split("\n").at(-1)!);
}

/** The median (upper middle) of `values`; NaN when empty. */
export function median(values: number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
