/**
 * `persona.import` is all or nothing: a bundle whose memory links cannot be restored is refused
 * before anything is created (errors name the bundle's fields; a supersession cycle is broken
 * instead, bundle_cycle_test.ts), and a step that fails later deletes what the import created,
 * so a retry does not find the name taken (the persona even when a lorebook cannot be deleted).
 */
import assert from "node:assert/strict";
import { importBundle } from "../core/bundles/import_bundle.ts";
import type { LoreService } from "../core/lore/mod.ts";
import { Busy } from "../core/errors.ts";
import { createLogger } from "../core/log.ts";
import { startChromaServer } from "../core/memory/chroma_server.ts";
import { POSTGRES_SKIPPED, testSchema } from "../core/storage/testing/databases.ts";
import { lorebookV3File } from "./_cards.ts";
import { type RpcCallError, type RpcClient, withTestServer } from "./_helpers.ts";

type Memory = Record<string, unknown> & { id: string; supersedes: string[]; source_ids: string[] };
type Bundle = Record<string, unknown> & { memories: Memory[] };

async function kiraBundle(client: RpcClient): Promise<Bundle> {
  for (const content of ["Kira moved to the harbor.", "Kira moved to the hills."]) {
    await client.call("memory.store", { persona_id: "Kira", content });
  }
  const { bundle } = await client.call<{ bundle: Bundle }>("persona.export", {
    persona_id: "Kira",
    include: ["memories"],
  });
  assert.equal(bundle.memories.length, 2);
  return bundle;
}

async function personaNames(client: RpcClient): Promise<string[]> {
  const { personas } = await client.call<{ personas: Array<{ name: string }> }>("persona.list");
  return personas.map((persona) => persona.name).sort();
}

function rejectsAt(field: string) {
  return (error: RpcCallError) => {
    assert.equal(error.code, -32602);
    const fields = (error.data as { fields?: Array<{ field: string }> }).fields ?? [];
    assert.equal(fields[0]?.field, field, error.message);
    assert.match(error.message, new RegExp(field.replaceAll(".", "\\.")));
    return true;
  };
}

async function refusesBrokenLinks(env: Record<string, string>): Promise<void> {
  await withTestServer(async ({ client }) => {
    const bundle = await kiraBundle(client);
    const names = await personaNames(client);
    const [first, second] = bundle.memories as [Memory, Memory];
    const cases: Array<[string, Memory[]]> = [
      ["bundle.memories.0.supersedes", [{ ...first, supersedes: [first.id] }, second]],
      ["bundle.memories.1.source_ids", [first, { ...second, source_ids: [second.id] }]],
      ["bundle.memories.1.id", [first, { ...second, id: first.id }]],
    ];
    for (const [field, memories] of cases) {
      await assert.rejects(
        client.call("persona.import", { bundle: { ...bundle, memories }, name: "Kira Two" }),
        rejectsAt(field),
      );
      assert.deepEqual(await personaNames(client), names, `nothing created (${field})`);
    }
    // A link to a memory the bundle left out is dropped, as documented, not refused.
    const dangling = [{ ...first, supersedes: ["not-in-the-bundle"] }, second];
    const ok = await client.call<{ restored: { memories: number } }>("persona.import", {
      bundle: { ...bundle, memories: dangling },
      name: "Kira Two",
    });
    assert.equal(ok.restored.memories, 2);
  }, env);
}

async function rollsBack(env: Record<string, string>): Promise<void> {
  await withTestServer(async ({ client }) => {
    const bundle = await kiraBundle(client);
    const names = await personaNames(client);
    // The bundle's schema lets 33 blocks through; restoring them (the last step, after the
    // persona, its memories and their links were written) refuses the 33rd (at most 32).
    const blocks = Array.from({ length: 33 }, (_, i) => ({ label: `note${i}`, content: "x" }));
    const broken = { ...bundle, blocks };
    await assert.rejects(
      client.call("persona.import", { bundle: broken, name: "Kira Two" }),
      (error: RpcCallError) => error.code === -32602 && /at most 32 blocks/.test(error.message),
    );
    assert.deepEqual(await personaNames(client), names, "the half-made persona is gone");
    const retry = await client.call<{ persona: { name: string } }>("persona.import", {
      bundle,
      name: "Kira Two",
    });
    assert.equal(retry.persona.name, "Kira Two", "the name is free for a retry");
  }, env);
}

Deno.test("persona.import refuses broken memory links before creating anything, naming the bundle's field", async () => {
  await refusesBrokenLinks({});
});

Deno.test("persona.import deletes what it created when a later step fails, so a retry works", async () => {
  await rollsBack({});
});

Deno.test("a rollback whose lorebook delete fails still deletes the persona, and logs the failure", async () => {
  await withTestServer(async ({ client, server }) => {
    await client.call("lorebook.import", { lorebook: lorebookV3File(), persona_id: "Kira" });
    const { bundle } = await client.call<{ bundle: Bundle }>("persona.export", {
      persona_id: "Kira",
      include: ["lorebooks"],
    });
    assert.equal((bundle.lorebooks as Array<{ own: boolean }>)[0]?.own, false);
    const services = server.services;
    // The real lorebooks, except that deleting one fails.
    const lore = new Proxy(services.lore, {
      get(target, key) {
        if (key === "delete") return () => Promise.reject(new Error("the disk is gone"));
        const value = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    }) as LoreService;
    const lines: string[] = [];
    const log = createLogger("error", { write: (line) => lines.push(line) });
    const blocks = Array.from({ length: 33 }, (_, i) => ({ label: `note${i}`, content: "x" }));
    const deps = { ...services, lore, log, version: services.version };
    await assert.rejects(
      importBundle(deps, { ...bundle, blocks }, { name: "Kira Two" }),
      /at most 32 blocks/,
    );
    assert.equal(await services.personas.findByName("Kira Two"), undefined, "the persona is gone");
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0]!, /rolling back failed/);
    assert.match(lines[0]!, /the disk is gone/);
    assert.match(lines[0]!, /lorebook_id/);
  });
});

Deno.test("a full model queue while memories are embedded rolls the import back as busy (retry), not a partial import", async () => {
  await withTestServer(async ({ client, server }) => {
    const bundle = await kiraBundle(client);
    const services = server.services;
    // The real memory service, except that the model queue is full (a busy embedder).
    const memory = new Proxy(services.memory, {
      get(target, key) {
        if (key === "store") {
          return () =>
            Promise.reject(
              new Busy("The LLM queue is full; retry shortly", {
                reason: "queue_full",
              }),
            );
        }
        const value = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const deps = { ...services, memory, version: services.version };
    await assert.rejects(importBundle(deps, bundle, { name: "Kira Two" }), Busy);
    assert.equal(await services.personas.findByName("Kira Two"), undefined, "rolled back whole");
  });
});

Deno.test({
  name: "PostgreSQL (Chroma for vectors): persona.import refuses broken links and rolls back",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    const schemas = [await testSchema(), await testSchema()];
    const chroma = await startChromaServer();
    try {
      const env = (url: string) => ({
        STORAGE: "postgres",
        DATABASE_URL: url,
        MEMORY_BACKEND: "chroma",
        CHROMA_URL: chroma.url,
      });
      await refusesBrokenLinks(env(schemas[0]!.url));
      await rollsBack(env(schemas[1]!.url));
    } finally {
      await chroma.stop();
      for (const schema of schemas) await schema.drop();
    }
  },
});
