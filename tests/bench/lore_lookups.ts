/**
 * What every chat message and a lorebook page with a cursor read of the books' rows, against a
 * baseline tree, on a SQLite file each tree builds once: `--books` books of 5000 entries (about
 * 4.3 MB of JSON each), 16 attached to a persona and 8 to a room (24 in play: within the parsed-
 * book cache, so a warm chat parses nothing and only reads rows). Each round runs each tree in a
 * fresh process (trees alternate first), calling the tree's own code: `booksFor` (the chat
 * path's lore look-up, median of 5 after one that parses the books) and `lorebook.list` with
 * `limit: 1` and the cursor of a first page (median of 5). Last, the new tree opens a copy of
 * the base tree's file: the time its migrations take there (the books moved once).
 *
 *   deno run --lock=tests/deno.lock -A tests/bench/lore_lookups.ts --tree /tmp/base21 \
 *     [--books 40] [--rounds 3]
 *
 * @module
 */
import { numberFlag, stringFlag } from "./_load.ts";
import { addHeavyBooks, median, openLoreTree, runTreeChild, STAMP } from "./_lore_fixtures.ts";

interface Sample {
  migrate: number;
  chat: number;
  cursor: number;
  books: number;
}

async function child(tree: string, path: string): Promise<void> {
  const fixture = await openLoreTree(tree, path);
  const { db, migrate, personas, RoomRepository, personaService, rooms, books } = fixture;
  let start: number;
  if (fixture.fresh) {
    const aria = await personaService.create(personas.PersonaCreate.parse({ name: "Aria" }));
    await new RoomRepository(db).create({
      id: "room1",
      name: "Tavern",
      scenario: "",
      reply_mode: "natural",
      max_replies: 2,
      created_at: new Date(STAMP).toISOString(),
    });
    await addHeavyBooks(fixture, numberFlag(Deno.args, "books", 40), async (stored, i) => {
      if (i < 16) await books.attach(stored.id, { personaId: aria.id });
      else if (i < 24) await books.attach(stored.id, { roomId: "room1" });
    });
  }
  const aria = await personaService.resolve("Aria");
  const handler = (await import(`file://${tree}/handlers/lorebook/list.ts`)).default;
  const ctx = { rooms, lore: books, personas: personaService };
  const list = (params: Record<string, unknown>) =>
    handler.handle(handler.params.parse(params), ctx);
  const inPlay = (await books.booksFor(aria, "room1")).length; // parses them once
  const chat = [];
  for (let i = 0; i < 5; i++) {
    start = performance.now();
    await books.booksFor(aria, "room1");
    chat.push(performance.now() - start);
  }
  const { next_cursor: cursor } = await list({ limit: 1 });
  const paged = [];
  for (let i = 0; i < 5; i++) {
    start = performance.now();
    await list({ limit: 1, cursor });
    paged.push(performance.now() - start);
  }
  await db.close();
  const sample: Sample = { migrate, chat: median(chat), cursor: median(paged), books: inPlay };
  console.log(JSON.stringify(sample));
}

function runChild(tree: string, path: string): Promise<Sample> {
  return runTreeChild<Sample>(import.meta.filename!, tree, [path]);
}

const childTree = stringFlag(Deno.args, "child");
if (childTree) {
  await child(childTree, Deno.args[Deno.args.indexOf("--child") + 2]!);
} else {
  const base = stringFlag(Deno.args, "tree") ?? "/tmp/base21";
  const here = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
  const trees = [base, here];
  const name = (tree: string) => tree === base ? "base" : "new ";
  const rounds = numberFlag(Deno.args, "rounds", 3);
  const dir = await Deno.makeTempDir({ prefix: "lore-lookups-" });
  try {
    console.log(`loadavg before ${(await Deno.readTextFile("/proc/loadavg")).trim()}`);
    const samples = new Map<string, Sample[]>(trees.map((t) => [t, []]));
    for (let round = 0; round < rounds; round++) {
      for (const tree of round % 2 ? trees.toReversed() : trees) {
        const sample = await runChild(tree, `${dir}/${name(tree).trim()}.db`);
        samples.get(tree)!.push(sample);
        console.log(`  round ${round} ${name(tree)} ${JSON.stringify(sample)}`);
      }
    }
    const med = (tree: string, key: keyof Sample) => median(samples.get(tree)!.map((s) => s[key]));
    console.log(`${rounds} rounds, medians in ms (the first round builds the data)`);
    for (const tree of trees) {
      console.log(
        `  ${name(tree)} chat booksFor ${med(tree, "chat").toFixed(2).padStart(8)} (${
          med(tree, "books")
        } books)  cursor page ${med(tree, "cursor").toFixed(2).padStart(8)}`,
      );
    }
    const ratio = (key: keyof Sample) => (med(here, key) / med(base, key)).toFixed(3);
    console.log(`  new/base chat ${ratio("chat")} cursor ${ratio("cursor")}`);
    await Deno.copyFile(`${dir}/base.db`, `${dir}/moved.db`);
    const moved = await runChild(here, `${dir}/moved.db`);
    console.log(
      `  new tree on the base tree's file: migrations ${moved.migrate.toFixed(0)} ms, then ${
        JSON.stringify(moved)
      }`,
    );
    console.log(`loadavg after ${(await Deno.readTextFile("/proc/loadavg")).trim()}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
