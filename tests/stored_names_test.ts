/**
 * Persona names kept from before the name rules, over the wire: a data directory with an NFD name
 * opened by this version, bundles and cards whose name breaks the rules, and avatars listed as
 * they are served. Real SQLite files, real sockets, the Ollama-compatible test server.
 */
import { tempDir } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { AssetRepository } from "../core/characters/repository.ts";
import { PersonaCreate } from "../core/personas/mod.ts";
import { closeServices } from "../core/server/server.ts";
import { createServices } from "../core/services.ts";
import { SqliteDatabase } from "../core/storage/sqlite.ts";
import { avatarPng } from "./_cards.ts";
import { RpcCallError, testConfig, testLogger, withTestServer } from "./_helpers.ts";

const NFD = "A\u0301ria";
const NFC = "\u00c1ria";

Deno.test("a data directory with a name stored in NFD: found by either spelling, its NFC twin refused", async () => {
  const config = testConfig({
    DATA_DIR: await tempDir("persona-names-"),
    SEED_PERSONAS: "false",
  });
  const before = await createServices(config, { log: testLogger() });
  const id = (await before.personas.create(PersonaCreate.parse({ name: "Aria" }))).id;
  // As a version before the name rules stored it.
  await before.db.run("UPDATE personas SET name = ? WHERE id = ?", NFD, id);
  await closeServices(before);

  const services = await createServices(config, { log: testLogger() });
  try {
    assert.equal((await services.personas.findByName(NFD))?.id, id);
    assert.equal((await services.personas.findByName(NFC))?.id, id);
    await assert.rejects(
      services.personas.create(PersonaCreate.parse({ name: NFC })),
      /already has it/,
    );
  } finally {
    await closeServices(services);
  }
});

const card = (name: string) => ({
  spec: "chara_card_v2",
  spec_version: "2.0",
  data: { name, description: "d", first_mes: "hi" },
});

Deno.test("a bundle or card whose name breaks the name rules is imported under the mended name", async () => {
  await withTestServer(async ({ client, server }) => {
    const { id } = (await client.call<{ persona: { id: string } }>("persona.create", {
      name: "Bob",
    })).persona;
    // As a version before the name rules stored it: another process, which the server's persona
    // cache sees once the change stamp is read afresh (a list does).
    const older = new SqliteDatabase(server.services.db.location);
    await older.run("UPDATE personas SET name = ? WHERE id = ?", "Bob\u200bx", id);
    await older.close();
    await server.services.personas.list();
    const { bundle } = await client.call<{ bundle: unknown }>("persona.export", { persona_id: id });
    // "Bobx" looks like the stored "Bob\u200bx" (the zero-width space is unseen): one name.
    const refused = await client.call("persona.import", { bundle }).catch((e) => e);
    assert.ok(refused instanceof RpcCallError);
    assert.equal(refused.code, -32602);
    const imported = await client.call<{ persona: { name: string }; notes: string[] }>(
      "persona.import",
      { bundle, on_conflict: "rename" },
    );
    assert.equal(imported.persona.name, "Bobx (2)");
    assert.match(
      imported.notes.join(" "),
      /The name "Bob\\u200bx" had characters a name may not have; imported as "Bobx"/,
    );
    const fromCard = await client.call<{ persona: { name: string }; notes: string[] }>(
      "persona.import_card",
      { card: card(`Eve\u202e${NFD}`) },
    );
    assert.equal(fromCard.persona.name, `Eve${NFC}`);
    assert.match(fromCard.notes.join(" "), /had characters a name may not have/);
    // Nothing left once mended: refused as before.
    const error = await client.call("persona.import_card", { card: card("\u200b\u200e") })
      .catch((e) => e);
    assert.ok(error instanceof RpcCallError);
    assert.equal(error.code, -32602);
    // A name the client passes is not mended: it is refused.
    const passed = await client.call("persona.import_card", { card: card("Eve"), name: "Z\u200bz" })
      .catch((e) => e);
    assert.ok(passed instanceof RpcCallError);
    assert.equal(passed.code, -32602);
  });
});

Deno.test("a persona stored with a name that shows nothing stays reachable by id; a blank lookup does not find it; its bundle is refused", async () => {
  await withTestServer(async ({ client, server }) => {
    const { id } = (await client.call<{ persona: { id: string } }>("persona.create", {
      name: "Filler",
    })).persona;
    // As a version before the rule stored it (its comparison key was empty then).
    const older = new SqliteDatabase(server.services.db.location);
    await older.run("UPDATE personas SET name = ? WHERE id = ?", "\u3164", id);
    await older.close();
    await server.services.personas.list();
    type Got = { persona: { id: string; name: string } };
    const byId = await client.call<Got>("persona.get", { persona_id: id });
    assert.equal(byId.persona.name, "\u3164");
    assert.equal((await client.call<Got>("persona.get", { persona_id: "\u3164" })).persona.id, id);
    // Other default-ignorables keyed as empty too, and named it (a soft hyphen found it).
    for (const blank of ["\u00ad", "\ufe0f", "\u115f"]) {
      const missing = await client.call("persona.get", { persona_id: blank }).catch((e) => e);
      assert.ok(missing instanceof RpcCallError, JSON.stringify(blank));
      assert.equal(missing.code, -32000, JSON.stringify(blank));
    }
    // Kept as it is through an update that leaves the name alone.
    await client.call("persona.update", { persona_id: id, name: "\u3164", description: "kept" });
    const { bundle } = await client.call<{ bundle: unknown }>("persona.export", { persona_id: id });
    const refused = await client.call("persona.import", { bundle }).catch((e) => e);
    assert.ok(refused instanceof RpcCallError);
    assert.equal(refused.code, -32602);
    for (const name of ["\u3164", "\u2800", "\u0301\u0301"]) {
      const error = await client.call("persona.import_card", { card: card(name) }).catch((e) => e);
      assert.ok(error instanceof RpcCallError, JSON.stringify(name));
      assert.equal(error.code, -32602, JSON.stringify(name));
    }
    // A name that shows something besides is kept as it is.
    const kept = await client.call<Got>("persona.import_card", { card: card("\u3164Ivy") });
    assert.equal(kept.persona.name, "\u3164Ivy");
  });
});

Deno.test("persona.list lists an avatar only when its bytes are a raster image, as GET /avatar serves", async () => {
  await withTestServer(async ({ client, server }) => {
    const create = async (name: string) =>
      (await client.call<{ persona: { id: string } }>("persona.create", { name })).persona;
    const svg = await create("Svg");
    const png = await create("Png");
    const assets = new AssetRepository(server.services.db);
    // Stored before imports checked icons: SVG bytes called png, PNG bytes called webp.
    const svgBytes = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
    await assets.replace(svg.id, [{ type: "icon", name: "main", ext: "png", data: svgBytes }]);
    const pngBytes = avatarPng();
    await assets.replace(png.id, [{ type: "icon", name: "main", ext: "webp", data: pngBytes }]);
    const { personas } = await client.call<
      { personas: { id: string; avatar: { mime: string; size_bytes: number } | null }[] }
    >("persona.list", {});
    const avatar = (id: string) => personas.find((persona) => persona.id === id)?.avatar;
    assert.equal(avatar(svg.id), null);
    assert.equal((await fetch(`${server.apiUrl}/personas/${svg.id}/avatar`)).status, 404);
    assert.equal(avatar(png.id)?.mime, "image/png");
    assert.equal(avatar(png.id)?.size_bytes, pngBytes.length);
    const served = await fetch(`${server.apiUrl}/personas/${png.id}/avatar`);
    assert.equal(served.headers.get("content-type"), "image/png");
    await served.body?.cancel();
  });
});

Deno.test("a persona stored with a name that reads as an id is exported and imported again, renamed with a note", async () => {
  await withTestServer(async ({ client, server }) => {
    const { id } = (await client.call<{ persona: { id: string } }>("persona.create", {
      name: "Uu",
    })).persona;
    // As a version before the rule stored it: another process, seen once a list reads afresh.
    const uuid = "123e4567-e89b-42d3-a456-426614174000";
    const older = new SqliteDatabase(server.services.db.location);
    await older.run("UPDATE personas SET name = ? WHERE id = ?", uuid, id);
    await older.close();
    await server.services.personas.list();
    const { bundle } = await client.call<{ bundle: unknown }>("persona.export", { persona_id: id });
    type Imported = { persona: { name: string }; notes: string[] };
    const imported = await client.call<Imported>("persona.import", { bundle });
    assert.equal(imported.persona.name, `${uuid} (renamed)`);
    assert.match(
      imported.notes.join(" "),
      /The name "123e4567-e89b-42d3-a456-426614174000" reads as a persona id, which a name may not; imported as "123e4567-e89b-42d3-a456-426614174000 \(renamed\)"/,
    );
    // Again: the renamed name is taken now, and a rename on conflict suffixes it as any name.
    const again = await client.call<Imported>("persona.import", {
      bundle,
      on_conflict: "rename",
    });
    assert.equal(again.persona.name, `${uuid} (renamed) (2)`);
    const fromCard = await client.call<Imported>("persona.import_card", {
      card: card(`{${uuid.toUpperCase()}}`),
    });
    assert.equal(fromCard.persona.name, `{${uuid.toUpperCase()}} (renamed)`);
    // The persona stored so still answers to its name and id; only a new name is checked.
    assert.equal((await server.services.personas.resolve(uuid)).id, id);
  });
});
