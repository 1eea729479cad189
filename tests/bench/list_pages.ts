/**
 * `room.list` and `lorebook.list` (attack10 F2, F3) against a baseline tree, on a SQLite file
 * each tree builds once: `--rooms` rooms (16 members and a 20,000-character scenario each) and
 * `--books` books (5000 entries, about 4.3 MB of JSON each: together past the 128 MB parsed-book
 * cache), then `--described` light books (one entry); all with 20,000-character descriptions. Each round runs each tree in a fresh process (trees alternate first), which calls the
 * tree's own handler as the dispatcher would: the first list after opening (`first`), then the
 * median of 5 lists with `limit: 1` (`limit1`) and of 3 with the default limit 100 (`limit100`,
 * with its reply's size in UTF-8 bytes, and its CPU time with the reply's serialisation). Prints
 * medians over the rounds and the new/base ratios.
 *
 *   deno run --lock=tests/deno.lock -A tests/bench/list_pages.ts --tree /tmp/fix49_base \
 *     [--rooms 3000] [--books 40] [--described 60] [--rounds 3] [--only rooms|lore]
 *
 * @module
 */
import process from "node:process";
import { numberFlag, stringFlag } from "./_load.ts";
import { addHeavyBooks, median, openLoreTree, runTreeChild, STAMP } from "./_lore_fixtures.ts";

type Scenario = "rooms" | "lore";
interface Sample {
  first: number;
  limit1: number;
  limit100: number;
  /** `limit100` with the reply's serialisation (what the server does next), in CPU time. */
  limit100Cpu: number;
  bytes: number;
}

/** Opens the tree's services over `path`, building the data when the file is new. */
async function open(tree: string, path: string, scenario: Scenario) {
  const fixture = await openLoreTree(tree, path);
  const { fresh, db } = fixture;
  if (fresh && scenario === "rooms") await fillRooms(db, numberFlag(Deno.args, "rooms", 3000));
  if (fresh && scenario === "lore") {
    const description = "lore ".repeat(4000); // the longest a book takes (20,000 characters)
    await addHeavyBooks(fixture, numberFlag(Deno.args, "books", 40), undefined, description);
    for (let i = 0; i < numberFlag(Deno.args, "described", 60); i++) {
      await fixture.books.create(fixture.parseLorebook({
        name: `Described ${i}`,
        description,
        entries: [{ keys: ["k"], content: "c" }],
      }));
    }
  }
  return {
    db,
    ctx: { rooms: fixture.rooms, lore: fixture.books, personas: fixture.personaService },
  };
}

async function fillRooms(
  db: {
    run(sql: string, ...p: unknown[]): Promise<number>;
    transaction<T>(w: () => Promise<T>): Promise<T>;
  },
  count: number,
) {
  const at = (i: number) => new Date(STAMP + i).toISOString();
  await db.transaction(async () => {
    for (let p = 0; p < 16; p++) {
      await db.run(
        "INSERT INTO personas (id, name, personality_traits, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        `p${p}`,
        `Persona ${p}`,
        "{}",
        at(p),
        at(p),
      );
    }
    for (let r = 0; r < count; r++) {
      await db.run(
        "INSERT INTO rooms (id, name, scenario, reply_mode, max_replies, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        `room_${String(r).padStart(6, "0")}`,
        `Room ${r}`,
        "x".repeat(20_000),
        "natural",
        8,
        at(r),
      );
      for (let p = 0; p < 16; p++) {
        await db.run(
          "INSERT INTO room_members (room_id, persona_id, joined_seq, joined_at) VALUES (?, ?, 0, ?)",
          `room_${String(r).padStart(6, "0")}`,
          `p${p}`,
          at(r),
        );
      }
    }
  });
}

async function child(tree: string, scenario: Scenario, path: string): Promise<void> {
  const { db, ctx } = await open(tree, path, scenario);
  const method = scenario === "rooms" ? "room" : "lorebook";
  const handler = (await import(`file://${tree}/handlers/${method}/list.ts`)).default;
  const cpuMs = () => (process.cpuUsage().user + process.cpuUsage().system) / 1000;
  const list = async (params: Record<string, unknown>) => {
    const cpu = cpuMs();
    const start = performance.now();
    const result = await handler.handle(handler.params.parse(params), ctx);
    const ms = performance.now() - start;
    const bytes = new TextEncoder().encode(JSON.stringify(result)).length;
    return { ms, cpu: cpuMs() - cpu, bytes };
  };
  const first = (await list({ limit: 1 })).ms;
  const one = [];
  for (let i = 0; i < 5; i++) one.push((await list({ limit: 1 })).ms);
  const hundred = [];
  for (let i = 0; i < 3; i++) hundred.push(await list({}));
  await db.close();
  const sample: Sample = {
    first,
    limit1: median(one),
    limit100: median(hundred.map((h) => h.ms)),
    limit100Cpu: median(hundred.map((h) => h.cpu)),
    bytes: hundred[0]!.bytes,
  };
  console.log(JSON.stringify(sample));
}

function runChild(tree: string, scenario: Scenario, path: string): Promise<Sample> {
  return runTreeChild<Sample>(import.meta.filename!, tree, [scenario, path]);
}

const childTree = stringFlag(Deno.args, "child");
if (childTree) {
  const at = Deno.args.indexOf("--child");
  await child(childTree, Deno.args[at + 2] as Scenario, Deno.args[at + 3]!);
} else {
  const base = stringFlag(Deno.args, "tree") ?? "/tmp/base21";
  const here = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
  const trees = [base, here];
  const rounds = numberFlag(Deno.args, "rounds", 3);
  const dir = await Deno.makeTempDir({ prefix: "list-pages-" });
  try {
    console.log(`loadavg before ${(await Deno.readTextFile("/proc/loadavg")).trim()}`);
    const only = stringFlag(Deno.args, "only");
    for (const scenario of (["rooms", "lore"] as const).filter((s) => !only || s === only)) {
      const samples = new Map<string, Sample[]>(trees.map((t) => [t, []]));
      for (let round = 0; round < rounds; round++) {
        for (const [i, tree] of (round % 2 ? trees.toReversed() : trees).entries()) {
          const name = tree === base ? "base" : "new";
          samples.get(tree)!.push(await runChild(tree, scenario, `${dir}/${scenario}_${name}.db`));
          void i;
        }
      }
      console.log(`${scenario} (${rounds} rounds, medians in ms; first round builds the data)`);
      const med = (tree: string, key: keyof Sample) =>
        median(samples.get(tree)!.map((s) => s[key]));
      for (const tree of trees) {
        const name = tree === base ? "base" : "new ";
        console.log(
          `  ${name} first ${med(tree, "first").toFixed(1).padStart(8)}  limit1 ${
            med(tree, "limit1").toFixed(1).padStart(8)
          }  limit100 ${med(tree, "limit100").toFixed(1).padStart(8)}  cpu100+json ${
            med(tree, "limit100Cpu").toFixed(1).padStart(8)
          }  reply100 ${med(tree, "bytes")} B`,
        );
      }
      const ratio = (key: keyof Sample) => (med(here, key) / med(base, key)).toFixed(3);
      console.log(
        `  new/base first ${ratio("first")} limit1 ${ratio("limit1")} limit100 ${
          ratio("limit100")
        } cpu100+json ${ratio("limit100Cpu")}`,
      );
    }
    console.log(`loadavg after ${(await Deno.readTextFile("/proc/loadavg")).trim()}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
