/**
 * `on_conflict: "replace"` replaces the persona of the card's name only: the same name (any case,
 * width or spacing) is replaced; a persona whose name merely looks alike ("Qirn" for "Qim", a
 * Cyrillic "і") is another persona and the import is a conflict naming it (attack8 F3: it was
 * overwritten and renamed). Parallel first imports of one new name each replace the persona the
 * first one created instead of failing 409 (F7), and a look-alike created meanwhile is refused, not
 * replaced. On SQLite and on PostgreSQL.
 */
import assert from "node:assert/strict";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { FakeOllama } from "./fake_ollama.ts";
import type { RunningServer } from "../core/server/server.ts";
import { startTestServer, withPostgresEnv } from "./_helpers.ts";

function card(name: string, description: string) {
  return { spec: "chara_card_v2", spec_version: "2.0", data: { name, description } };
}

async function importCard(server: RunningServer, body: unknown) {
  const response = await fetch(`${server.apiUrl}/personas/import?on_conflict=replace`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function personasNamed(server: RunningServer, prefix: string) {
  const rows = await server.services.db.all<{ id: string; name: string; description: string }>(
    "SELECT id, name, description FROM personas",
  );
  return rows.filter((row) => row.name.startsWith(prefix)).map((row) => ({ ...row }));
}

async function replaceRules(env: Record<string, string>): Promise<void> {
  const fake = FakeOllama.start();
  const server = await startTestServer({ OLLAMA_HOST: fake.url, ...env });
  try {
    fake.behavior.reply = () => '{"openness": 0.5}';
    const created = await fetch(`${server.apiUrl}/personas`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Qim", description: "The original Qim." }),
    });
    const id = (await created.json()).persona_id as string;

    for (const lookalike of ["Qirn", "Q\u0456m"]) {
      const refused = await importCard(server, card(lookalike, "An impostor."));
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.match(refused.body.error.message, new RegExp(`persona ${id} is "Qim"`));
      assert.match(refused.body.error.message, /only looks like it/);
    }
    assert.deepEqual(await personasNamed(server, "Q"), [
      { id, name: "Qim", description: "The original Qim." },
    ], "the look-alike persona is untouched");

    const exact = await importCard(server, card("Qim", "Qim, from the card."));
    assert.equal(exact.status, 201, JSON.stringify(exact.body));
    assert.deepEqual([exact.body.persona.id, exact.body.replaced], [id, true]);
    const sameName = await importCard(server, card("QIM", "Qim, shouted."));
    assert.equal(sameName.status, 201, JSON.stringify(sameName.body));
    assert.deepEqual([sameName.body.persona.id, sameName.body.replaced], [id, true]);

    // Rating a card takes the model 300 ms: all ten look the name up before one creates it.
    fake.behavior.json = { firstTokenDelayMs: 300 };
    const imports = await Promise.all(
      Array.from({ length: 10 }, (_, i) => importCard(server, card("Tamsin", `Take ${i}.`))),
    );
    for (const answer of imports) assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const ids = new Set(imports.map((answer) => answer.body.persona.id));
    assert.equal(ids.size, 1, "one persona");
    assert.equal(imports.filter((answer) => !answer.body.replaced).length, 1, "one created it");
    assert.equal((await personasNamed(server, "Tamsin")).length, 1);

    // A look-alike created while the card is rated (the lookup found the name free): the
    // import's create conflicts, and its retry refuses the look-alike instead of replacing it.
    let lookalike: Promise<Response> | undefined;
    fake.behavior.reply = () => {
      lookalike ??= fetch(`${server.apiUrl}/personas`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: "V\u0435x", description: "The other Vex." }),
      });
      return '{"openness": 0.5}';
    };
    const raced = await importCard(server, card("Vex", "The card's Vex."));
    const other = await (await lookalike!).json();
    assert.ok(other.persona_id, JSON.stringify(other));
    assert.equal(raced.status, 409, JSON.stringify(raced.body));
    assert.match(raced.body.error.message, /only looks like it/);
    assert.deepEqual(await personasNamed(server, "V"), [
      { id: other.persona_id, name: "V\u0435x", description: "The other Vex." },
    ], "the look-alike created meanwhile is untouched");
  } finally {
    await server.shutdown();
    await fake.stop();
  }
}

Deno.test("SQLite: card replace takes the same name only; parallel first imports all succeed", async () => {
  await replaceRules({});
});

Deno.test({
  name: "PostgreSQL: card replace takes the same name only; parallel first imports all succeed",
  ignore: POSTGRES_SKIPPED,
  fn: () => withPostgresEnv(replaceRules),
});
