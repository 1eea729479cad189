/**
 * `persona.create` with an avatar is one write: the persona's row and its avatar commit together.
 * When the avatar's write fails (here a trigger on `persona_assets` refuses it, on SQLite and on
 * PostgreSQL), the call fails and nothing was created: no persona, its name free again.
 */
import assert from "node:assert/strict";
import type { Database } from "../core/storage/mod.ts";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { RpcCallError, type RpcClient, withPostgresEnv, withTestServer } from "./_helpers.ts";
import { type Refusal, refuseInserts } from "./_refuse_inserts.ts";

const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/** SQL that makes every insert into `persona_assets` fail, and SQL that undoes it, by store. */
const REFUSE = refuseInserts("persona_assets");

async function failedAvatarCreatesNothing(
  client: RpcClient,
  db: Database,
  sql: Refusal,
): Promise<void> {
  for (const statement of sql.on) await db.run(statement);
  const error = await client.call("persona.create", { name: "Ivy", avatar: PNG }).then(
    () => undefined,
    (error: unknown) => error,
  );
  assert.ok(error instanceof RpcCallError, "the create with a refused avatar must fail");
  assert.equal(error.code, -32603);
  const list = await client.call<{ personas: { name: string }[] }>("persona.list");
  assert.deepEqual(list.personas.filter((persona) => persona.name === "Ivy"), []);
  const rows = await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM personas WHERE name = 'Ivy'");
  assert.equal(Number(rows!.n), 0);
  for (const statement of sql.off) await db.run(statement);
  // The name is free again, and a create with an avatar works.
  const made = await client.call<{ persona: { id: string; name: string } }>("persona.create", {
    name: "Ivy",
    avatar: PNG,
  });
  assert.equal(made.persona.name, "Ivy");
  const got = await client.call<{ persona: { avatar: { mime: string } | null } }>(
    "persona.get",
    { persona_id: made.persona.id },
  );
  assert.equal(got.persona.avatar?.mime, "image/png");
}

Deno.test("a persona whose avatar cannot be written is not created [sqlite]", async () => {
  await withTestServer(async ({ client, server }) => {
    await failedAvatarCreatesNothing(client, server.services.db, REFUSE.sqlite);
  });
});

Deno.test({
  name: "a persona whose avatar cannot be written is not created [postgres]",
  ignore: POSTGRES_SKIPPED,
  fn: async () => {
    await withPostgresEnv(async (env) => {
      await withTestServer(async ({ client, server }) => {
        await failedAvatarCreatesNothing(client, server.services.db, REFUSE.postgres);
      }, env);
    });
  },
});
