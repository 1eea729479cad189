/**
 * A bundle's `supersedes` chain is restored exactly and without holding the server: the links
 * are written in chunks with a macrotask between them (one update per memory never yielded on
 * SQLite: a 20,000-memory chain froze every client for 17 s), and the memories are stored a few
 * at a time between macrotasks too.
 */
import assert from "node:assert/strict";
import { importBundle } from "../core/bundles/import_bundle.ts";
import { bundleMemory, secondsInto } from "../core/bundles/testing/bundle_memory.ts";
import type { MemoryRecord } from "../core/memory/schema.ts";
import { withTestServer } from "./_helpers.ts";

const COUNT = 1_300; // three chunks of links

Deno.test("a long supersedes chain is restored both ways, other work running between chunks", async () => {
  await withTestServer(async ({ client, server }) => {
    const { bundle } = await client.call<{ bundle: Record<string, unknown> }>("persona.export", {
      persona_id: "Kira",
      include: ["memories"],
    });
    const memories = Array.from({ length: COUNT }, (_, i) =>
      bundleMemory({
        id: `m${i}`,
        content: `Kira's note number ${i}`,
        createdAt: secondsInto(2026, i),
        supersedes: i > 0 ? [`m${i - 1}`] : [],
        sourceIds: i % 10 === 9 ? [`m${i - 5}`, `m${i - 7}`] : [],
      }));
    const services = server.services;
    // A timer chain counts the macrotasks the import lets run; the first call that is not a
    // store starts the link phase.
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    let linkPhase: number | undefined;
    const memory = new Proxy(services.memory, {
      get(target, key) {
        const value = Reflect.get(target, key);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          if (key !== "store") linkPhase ??= ticks;
          return value.apply(target, args);
        };
      },
    });
    const started = ticks;
    const imported = await importBundle(
      { ...services, memory, version: services.version },
      { ...bundle, memories },
      { name: "Kira Chain" },
    );
    running = false;
    assert.equal(imported.restored.memories, COUNT);
    assert.ok(linkPhase !== undefined);
    assert.ok(linkPhase - started >= COUNT / 200, `stores yield: ${linkPhase - started} ticks`);
    assert.ok(ticks - linkPhase >= 2, `links yield between chunks: ${ticks - linkPhase} ticks`);

    const page = await services.memory.list(imported.persona, { limit: COUNT, offset: 0 });
    const byIndex = new Map<number, MemoryRecord>();
    for (const record of page.memories) {
      byIndex.set(Number(/(\d+)$/.exec(record.content)![1]), record);
    }
    assert.equal(byIndex.size, COUNT);
    const idOf = (i: number) => byIndex.get(i)!.id;
    for (let i = 0; i < COUNT; i++) {
      const record = byIndex.get(i)!;
      assert.deepEqual(record.supersedes, i > 0 ? [idOf(i - 1)] : [], `memory ${i} supersedes`);
      assert.equal(record.superseded_by, i < COUNT - 1 ? idOf(i + 1) : null, `memory ${i} by`);
      assert.deepEqual(
        [...record.source_ids].sort(),
        i % 10 === 9 ? [idOf(i - 5), idOf(i - 7)].sort() : [],
        `memory ${i} sources`,
      );
    }
  });
});
