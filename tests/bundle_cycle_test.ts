/**
 * A database that holds a supersession cycle (written before the cycle check read whole chains,
 * attack36 A3) opens, searches, lists, decays and exports, and its export imports whole: every
 * memory restored, the cycle broken at the link into its newest memory and said in the notes
 * (fix144). A cycle built by hand into a bundle is handled the same way. SQLite, and PostgreSQL
 * with Chroma.
 */
import assert from "node:assert/strict";
import { CYCLE_LINKS_NAMED, importBundle } from "../core/bundles/import_bundle.ts";
import { createLogger } from "../core/log.ts";
import {
  bundleMemory as sharedBundleMemory,
  secondsInto,
} from "../core/bundles/testing/bundle_memory.ts";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import { withPostgresChromaEnv, withTestServer } from "./_helpers.ts";

type Memory = { id: string; content: string; supersedes: string[]; superseded_by: string | null };
type Bundle = Record<string, unknown> & { memories: Array<Memory & { created_at: string }> };
type Imported = { persona: { id: string }; restored: { memories: number }; notes: string[] };

const PLACES = ["Oslo", "Bergen", "Tromsø", "Bodø"];

/** A bundle's memory `id` written `i` seconds into 2025, with `content` and its supersedes links. */
function bundleMemory(id: string, content: string, i: number, supersedes: string[]) {
  return sharedBundleMemory({ id, content, createdAt: secondsInto(2025, i), supersedes });
}

/**
 * Imports `bundle` with `memories` as persona `name` through the server's services, with a logger
 * that keeps its warnings: the server's operator learns of a broken cycle too.
 */
async function importLogged(
  services: Parameters<typeof importBundle>[0],
  options: { bundle: Bundle; memories: unknown[]; name: string },
): Promise<{ imported: Awaited<ReturnType<typeof importBundle>>; lines: string[] }> {
  const lines: string[] = [];
  const log = createLogger("warn", { write: (line) => lines.push(line) });
  const imported = await importBundle(
    { ...services, log, version: services.version },
    { ...options.bundle, memories: options.memories },
    { name: options.name },
  );
  return { imported, lines };
}

async function oldCycleRestores(env: Record<string, string>): Promise<void> {
  // The database as an old server left it: Kira's home a → b → c → d, then "a replaces d".
  const stored: string[] = [];
  await withTestServer(async ({ client, server }) => {
    for (const [i, place] of PLACES.entries()) {
      const memory = await client.call<{ memory_id: string }>("memory.store", {
        persona_id: "Kira",
        content: `Kira lives in ${place}.`,
        created_at: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
        supersedes: stored.slice(-1),
      });
      stored.push(memory.memory_id);
    }
    const [first, last] = [stored[0]!, stored.at(-1)!];
    const db = server.services.db;
    await db.run("UPDATE memories SET supersedes = ? WHERE id = ?", JSON.stringify([last]), first);
    await db.run("UPDATE memories SET superseded_by = ? WHERE id = ?", first, last);
  }, env);
  await withTestServer(async ({ client }) => {
    const list = await client.call<{ memories: Memory[] }>("memory.list", { persona_id: "Kira" });
    const ours = list.memories.filter((memory) => stored.includes(memory.id));
    assert.equal(ours.length, 4);
    assert.ok(ours.every((memory) => memory.superseded_by !== null), "the cycle is in the data");
    const found = await client.call<{ persona_id: string; memories: Memory[] }>("memory.search", {
      persona_id: "Kira",
      query: "where does Kira live",
    });
    // Every memory of the cycle is superseded: the search ends, handing nothing on in a loop.
    assert.ok(Array.isArray(found.memories), "a search over the cycle ends");
    // The other reads and passes over a persona's chains end too (pruning's standing, decay).
    for (
      const method of ["memory.get_stats", "memory.prune_recommendations", "memory.decay_force"]
    ) {
      assert.ok(await client.call(method, { persona_id: found.persona_id }), method);
    }
    const { bundle } = await client.call<{ bundle: Bundle }>("persona.export", {
      persona_id: "Kira",
      include: ["memories"],
    });
    const exported = bundle.memories.filter((memory) => stored.includes(memory.id));
    assert.equal(exported.length, 4);
    const imported = await client.call<Imported>("persona.import", { bundle, name: "Kira Back" });
    assert.equal(imported.restored.memories, bundle.memories.length, "every memory restored");
    const from = bundle.memories.findIndex((memory) => memory.id === stored[0]);
    const to = bundle.memories.findIndex((memory) => memory.id === stored.at(-1));
    const note = imported.notes.find((text) => text.includes("formed a cycle"));
    assert.ok(note, imported.notes.join("\n"));
    assert.equal(
      note,
      "1 supersedes link formed a cycle (a cycle has no current version) and was dropped, the " +
        `newest memory of each cycle current: bundle.memories.${from} no longer supersedes ` +
        `bundle.memories.${to}; every memory was restored`,
    );
    // The chain as it was before the link that closed it: Bodø current, each older one replaced.
    const back = await client.call<{ memories: Memory[] }>("memory.list", {
      persona_id: imported.persona.id,
      limit: 100,
    });
    const byPlace = new Map(
      back.memories.map((memory) => [/in (\S+)\.$/.exec(memory.content)?.[1], memory]),
    );
    const chain = PLACES.map((place) => byPlace.get(place)!);
    assert.ok(chain.every(Boolean), "each memory of the cycle restored");
    chain.forEach((memory, i) => {
      assert.equal(memory.superseded_by, chain[i + 1]?.id ?? null, `${PLACES[i]} replaced by`);
      assert.deepEqual(memory.supersedes, i > 0 ? [chain[i - 1]!.id] : [], `${PLACES[i]} replaces`);
    });
  }, env);
}

Deno.test("SQLite: an old database's supersession cycle searches, exports, and its export imports whole (fix144)", async () => {
  await oldCycleRestores({ DATA_DIR: tempDirSync("persona-cycle-") });
});

Deno.test({
  name:
    "PostgreSQL (Chroma for vectors): an old cycle searches, exports and imports whole (fix144)",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    await withPostgresChromaEnv(oldCycleRestores);
  },
});

Deno.test("a bundle without a cycle imports with no cycle note and no warning; five links are named", async () => {
  assert.equal(CYCLE_LINKS_NAMED, 5, "the documented count");
  await withTestServer(async ({ client, server }) => {
    const { bundle } = await client.call<{ bundle: Bundle }>("persona.export", {
      persona_id: "Kira",
      include: ["memories"],
    });
    // A chain whose newer memory replaces the older: no cycle, nothing to break.
    const memories = [0, 1].map((i) =>
      bundleMemory(`c${i}`, `Kira's chained note ${i}`, i, i === 1 ? ["c0"] : [])
    );
    const { imported, lines } = await importLogged(server.services, {
      bundle,
      memories,
      name: "Kira Chain",
    });
    assert.equal(imported.restored.memories, 2);
    assert.deepEqual(lines, []);
    assert.ok(!imported.notes.some((text) => text.includes("cycle")), imported.notes.join("\n"));
  });
});

Deno.test("a bundle with cycles built by hand imports whole; the note names the first links and counts the rest", async () => {
  await withTestServer(async ({ client, server }) => {
    const { bundle } = await client.call<{ bundle: Bundle }>("persona.export", {
      persona_id: "Kira",
      include: ["memories"],
    });
    // CYCLE_LINKS_NAMED + 2 pairs that replace each other: one link dropped from each.
    const pairs = CYCLE_LINKS_NAMED + 2;
    const memories = Array.from(
      { length: pairs * 2 },
      (_, i) => bundleMemory(`h${i}`, `Kira's hand-made note ${i}`, i, [`h${i ^ 1}`]),
    );
    // The import itself, to read its log: the server's operator learns of it too.
    const { imported, lines } = await importLogged(server.services, {
      bundle,
      memories,
      name: "Kira Hand",
    });
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0]!, /supersession cycles broken/);
    assert.match(lines[0]!, new RegExp(`links=${pairs}$`));
    assert.equal(imported.restored.memories, pairs * 2);
    const note = imported.notes.find((text) => text.includes("formed a cycle"))!;
    assert.match(note, new RegExp(`^${pairs} supersedes links formed a cycle`));
    const named = note.match(/no longer supersedes/g) ?? [];
    assert.equal(named.length, CYCLE_LINKS_NAMED);
    assert.ok(note.includes("bundle.memories.0 no longer supersedes bundle.memories.1"), note);
    assert.match(note, /; and 2 more; every memory was restored$/);
    // In each pair the newer (odd) memory is current, the older replaced by it.
    const back = await client.call<{ memories: Memory[] }>("memory.list", {
      persona_id: imported.persona.id,
      limit: 100,
    });
    const byNumber = new Map(back.memories.map((m) => [Number(/(\d+)$/.exec(m.content)![1]), m]));
    for (let i = 0; i < pairs * 2; i += 2) {
      assert.equal(byNumber.get(i)!.superseded_by, byNumber.get(i + 1)!.id, `note ${i}`);
      assert.equal(byNumber.get(i + 1)!.superseded_by, null, `note ${i + 1} current`);
    }
  });
});
