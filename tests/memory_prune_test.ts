/**
 * Pruning over a real WebSocket: `memory.prune` with and without `force`, `memory.prune_all`,
 * `memory.prune_stats`, and auto-pruning inside a decay cycle (`MEMORY_AUTO_PRUNE`). The server
 * runs with a small threshold (10) and target (6) so that a few memories suffice.
 */
import assert from "node:assert/strict";
import type { Pruner, PruneResult } from "../core/memory/pruner.ts";
import { RpcClient, startTestServer } from "./_helpers.ts";

const LIMITS = {
  MEMORY_PRUNE_THRESHOLD: "10",
  MEMORY_PRUNE_TARGET: "6",
  MEMORY_DECAY_ENABLED: "false",
};
const DAY_MS = 86_400_000;

/** What `memory.prune_stats` reports. */
type PruneStats = ReturnType<Pruner["stats"]>;

const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

/** Stores memories 60 days old, unread and unimportant (none protected); returns their ids. */
async function storeOld(
  client: RpcClient,
  personaId: string,
  importances: readonly number[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, importance] of importances.entries()) {
    const { memory_id } = await client.call<{ memory_id: string }>("memory.store", {
      persona_id: personaId,
      content: `old note ${i} of ${personaId}`,
      importance,
      created_at: daysAgo(60),
    });
    ids.push(memory_id);
  }
  return ids;
}

async function memoryIds(client: RpcClient, personaId: string): Promise<Set<string>> {
  const { memories } = await client.call<{ memories: Array<{ id: string }> }>("memory.list", {
    persona_id: personaId,
    limit: 100,
  });
  return new Set(memories.map((memory) => memory.id));
}

async function total(client: RpcClient, personaId: string): Promise<number> {
  const stats = await client.call<{ total_memories: number }>("memory.get_stats", {
    persona_id: personaId,
  });
  return stats.total_memories;
}

async function personaId(client: RpcClient, name: string): Promise<string> {
  const { persona_id } = await client.call<{ persona_id: string }>("persona.switch", {
    persona_id: name,
  });
  return persona_id;
}

const pruneStats = async (client: RpcClient) =>
  (await client.call<{ pruning_statistics: PruneStats }>("memory.prune_stats"))
    .pruning_statistics;

Deno.test("memory.prune: at the threshold only force prunes, down to the target, never the protected", async () => {
  const server = await startTestServer(LIMITS);
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const kira = await personaId(client, "Kira");
    const kiraIds = await storeOld(client, kira, [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]);
    const aria = await personaId(client, "Aria");
    const weak = await storeOld(client, aria, [0.2, 0.21, 0.22, 0.23, 0.24, 0.25, 0.26]);
    const store = async (fields: Record<string, unknown>) =>
      (await client.call<{ memory_id: string }>("memory.store", fields)).memory_id;
    const important = await store({
      content: "the night the tower burned",
      importance: 0.9,
      created_at: daysAgo(60),
    });
    const young = await store({ content: "a note from this morning", importance: 0.1 });
    const often = await store({
      content: "the well-worn song about the sea",
      importance: 0.1,
      created_at: daysAgo(60),
    });
    for (let i = 0; i < 5; i++) {
      const { memories } = await client.call<{ memories: Array<{ id: string }> }>(
        "memory.search",
        { query: "well-worn song sea", n_results: 1 },
      );
      assert.equal(memories[0]?.id, often);
    }
    assert.equal(await total(client, aria), 10, "exactly at the threshold, not above it");

    const unforced = await client.call<PruneResult>("memory.prune", { force: false });
    assert.deepEqual(unforced, {
      status: "no_pruning_needed",
      persona_id: aria,
      memories_before: 10,
      memories_after: 10,
      memories_pruned: 0,
      protected_memories: 3,
      threshold: 10,
      target_count: 6,
      average_importance_pruned: null,
      average_importance_kept: 0.271, // (0.20 + ... + 0.26 + 0.9 + 0.1 + 0.1) / 10
    });
    assert.equal((await client.call<PruneResult>("memory.prune")).memories_pruned, 0);
    assert.equal(await total(client, aria), 10, "nothing was deleted");
    assert.equal((await pruneStats(client)).total_pruning_operations, 0);

    const forced = await client.call<PruneResult>("memory.prune", { force: true });
    assert.deepEqual(forced, {
      status: "pruning_completed",
      persona_id: aria,
      memories_before: 10,
      memories_after: 6,
      memories_pruned: 4,
      protected_memories: 3,
      threshold: 10,
      target_count: 6,
      average_importance_pruned: 0.215, // 0.20, 0.21, 0.22, 0.23: the lowest keep scores
      average_importance_kept: 0.308, // 0.24, 0.25, 0.26, 0.9, 0.1, 0.1
    });
    assert.deepEqual(
      await memoryIds(client, aria),
      new Set([...weak.slice(4), important, young, often]),
      "deleted for real: the four weakest are gone, every protected memory is left",
    );
    assert.deepEqual(await memoryIds(client, kira), new Set(kiraIds), "other personas untouched");

    const again = await client.call<PruneResult>("memory.prune", { force: true });
    assert.equal(again.status, "no_pruning_needed", "at the target even force has nothing to do");
    assert.equal(again.memories_pruned, 0);

    const byId = await client.call<PruneResult>("memory.prune", { persona_id: kira, force: true });
    assert.equal(byId.persona_id, kira);
    assert.equal(byId.memories_pruned, 2);
    assert.equal(await total(client, kira), 6);

    const stats = await pruneStats(client);
    assert.equal(stats.total_pruning_operations, 2);
    assert.equal(stats.total_memories_pruned, 6);
    assert.equal(stats.last_global_prune, null, "memory.prune is not a global prune");
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("memory.prune_all prunes every persona above the threshold; prune_stats reports it", async () => {
  const server = await startTestServer(LIMITS);
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const aria = await personaId(client, "Aria");
    const kira = await personaId(client, "Kira");
    const { persona_id: brief } = await client.call<{ persona_id: string }>("persona.create", {
      name: "Brief",
    });
    const weak = (count: number) => Array.from({ length: count }, (_, i) => 0.1 + i / 100);
    await storeOld(client, aria, weak(13));
    await storeOld(client, kira, weak(12));
    await storeOld(client, brief, weak(8));

    assert.deepEqual(await pruneStats(client), {
      total_pruning_operations: 0,
      total_memories_pruned: 0,
      last_prune: null,
      last_global_prune: null,
      personas_last_pruned: [],
      threshold: 10,
      target_count: 6,
    });

    const result = await client.call("memory.prune_all");
    assert.deepEqual(result, {
      status: "global_pruning_completed",
      personas_processed: 3,
      total_memories_before: 33,
      total_memories_after: 20,
      total_memories_pruned: 13,
      errors_encountered: 0,
    });
    assert.equal(await total(client, aria), 6);
    assert.equal(await total(client, kira), 6);
    assert.equal(await total(client, brief), 8, "below the threshold: left alone without force");

    const stats = await pruneStats(client);
    assert.equal(stats.total_pruning_operations, 2);
    assert.equal(stats.total_memories_pruned, 13);
    assert.ok(stats.last_prune !== null && !Number.isNaN(Date.parse(stats.last_prune)));
    assert.ok(stats.last_global_prune !== null, "a global prune is recorded");
    assert.deepEqual(
      stats.personas_last_pruned
        .map(({ persona_id, memories_pruned }) => ({ persona_id, memories_pruned }))
        .sort((a, b) => a.persona_id.localeCompare(b.persona_id)),
      [{ persona_id: aria, memories_pruned: 7 }, { persona_id: kira, memories_pruned: 6 }]
        .sort((a, b) => a.persona_id.localeCompare(b.persona_id)),
    );

    const forced = await client.call("memory.prune_all", { force: true });
    assert.deepEqual(forced, {
      status: "global_pruning_completed",
      personas_processed: 3,
      total_memories_before: 20,
      total_memories_after: 18,
      total_memories_pruned: 2,
      errors_encountered: 0,
    });
    assert.equal(await total(client, brief), 6, "force reaches personas below the threshold");
    const after = await pruneStats(client);
    assert.equal(after.total_pruning_operations, 3);
    assert.equal(after.total_memories_pruned, 15);
    assert.ok(after.personas_last_pruned.some((item) => item.persona_id === brief));
  } finally {
    await client.close();
    await server.shutdown();
  }
});

for (const autoPrune of [true, false]) {
  Deno.test(
    `a decay cycle with MEMORY_AUTO_PRUNE=${autoPrune} ${
      autoPrune ? "prunes a persona above the threshold down to the target" : "prunes nothing"
    }`,
    async () => {
      const server = await startTestServer({ ...LIMITS, MEMORY_AUTO_PRUNE: String(autoPrune) });
      const client = await RpcClient.connect(server.wsUrl);
      try {
        const aria = await personaId(client, "Aria");
        const kira = await personaId(client, "Kira");
        await storeOld(client, aria, Array.from({ length: 12 }, (_, i) => 0.1 + i / 100));
        const { memory_id: important } = await client.call<{ memory_id: string }>("memory.store", {
          persona_id: aria,
          content: "the oath sworn at the old bridge",
          importance: 0.9,
          created_at: daysAgo(60),
        });
        await storeOld(client, kira, [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]);

        const cycle = await client.call<Record<string, unknown>>("memory.decay_force");
        assert.equal(cycle.status, "global_decay_cycle_completed");
        assert.equal(cycle.personas_processed, 2);
        assert.equal(cycle.auto_prunes_triggered, autoPrune ? 1 : 0);
        assert.equal(cycle.memories_pruned, autoPrune ? 7 : 0);
        assert.equal(await total(client, aria), autoPrune ? 6 : 13);
        assert.ok((await memoryIds(client, aria)).has(important), "protected memories stay");
        assert.equal(await total(client, kira), 8, "a persona below the threshold is not pruned");

        const { decay_statistics } = await client.call<
          { decay_statistics: Record<string, unknown> }
        >("memory.decay_stats");
        assert.equal(decay_statistics.auto_pruning, autoPrune);
        assert.equal(decay_statistics.total_auto_prunes_triggered, autoPrune ? 1 : 0);
        const stats = await pruneStats(client);
        assert.equal(stats.total_memories_pruned, autoPrune ? 7 : 0);
      } finally {
        await client.close();
        await server.shutdown();
      }
    },
  );
}
