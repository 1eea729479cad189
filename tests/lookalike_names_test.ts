/**
 * Look-alike persona names over the wire (attack6 F3): full-width, Cyrillic and Greek spellings
 * of a persona's name are refused on create, rename and import (-32602, the field named), and
 * find the persona; a name that reads as an id is refused the same way. Real sockets.
 */
import assert from "node:assert/strict";
import { RpcCallError, withTestServer } from "./_helpers.ts";

const ALIKES = ["\uff21\uff52\uff49\uff41", "Ari\u0430", "\u0391ria"];

/** Asserts `call` fails with -32602 naming `field`; returns the message. */
async function refused(call: Promise<unknown>, field: string): Promise<string> {
  const error = await call.then(() => null, (e) => e);
  assert.ok(error instanceof RpcCallError, `refused: ${field}`);
  assert.equal(error.code, -32602, error.message);
  const fields = (error.data as { fields: { field: string }[] }).fields;
  assert.equal(fields[0]?.field, field, error.message);
  return error.message;
}

const card = (name: string) => ({
  spec: "chara_card_v2",
  spec_version: "2.0",
  data: { name, description: "d", first_mes: "hi" },
});

Deno.test("a look-alike of a persona's name is -32602 on create, rename and import, and finds the persona", async () => {
  await withTestServer(async ({ client }) => {
    const { personas } = await client.call<{ personas: { id: string; name: string }[] }>(
      "persona.list",
      {},
    );
    const aria = personas.find((persona) => persona.name === "Aria")!;
    const kira = personas.find((persona) => persona.name === "Kira")!;
    const { bundle } = await client.call<{ bundle: { persona: Record<string, unknown> } }>(
      "persona.export",
      { persona_id: aria.id },
    );
    for (const name of ALIKES) {
      const message = await refused(client.call("persona.create", { name }), "name");
      assert.ok(message.includes(aria.id), message);
      await refused(client.call("persona.update", { persona_id: kira.id, name }), "name");
      await refused(client.call("persona.import_card", { card: card(name) }), "name");
      const renamed = { ...bundle, persona: { ...bundle.persona, name } };
      await refused(client.call("persona.import", { bundle: renamed }), "name");
      const found = await client.call<{ persona: { id: string } }>("persona.get", {
        persona_id: name,
      });
      assert.equal(found.persona.id, aria.id, name);
    }
    const after = await client.call<{ personas: unknown[] }>("persona.list", {});
    assert.equal(after.personas.length, personas.length, "nothing was created");
  });
});

Deno.test("a name that reads as a UUID is -32602 on create and rename, and mended on import", async () => {
  await withTestServer(async ({ client }) => {
    const { personas } = await client.call<{ personas: { id: string; name: string }[] }>(
      "persona.list",
      {},
    );
    const [aria, kira] = personas;
    for (const name of [aria!.id, crypto.randomUUID().toUpperCase()]) {
      const message = await refused(client.call("persona.create", { name }), "name");
      assert.match(message, /persona id/);
      await refused(client.call("persona.update", { persona_id: kira!.id, name }), "name");
      // An import mends it (a persona stored before the rule may be exported): said in the notes.
      const imported = await client.call<{ persona: { name: string }; notes: string[] }>(
        "persona.import_card",
        { card: card(name) },
      );
      assert.equal(imported.persona.name, `${name} (renamed)`);
      assert.match(imported.notes.join(" "), /reads as a persona id/);
      await refused(
        client.call("persona.import_card", { card: card("Eve"), name }),
        "name",
      );
    }
    // The id still names its own persona.
    const found = await client.call<{ persona: { name: string } }>("persona.get", {
      persona_id: aria!.id,
    });
    assert.equal(found.persona.name, aria!.name);
  });
});
