/**
 * `on_conflict: "rename"` under concurrent imports: every import of one card (REST and
 * `persona.import_card`) and of one bundle (`persona.import`) gets its own free name. The model
 * that rates a card is slow, so every import has chosen its name before any has created its
 * persona when the name is chosen early (the defect: all but one failed with 409/-32602).
 * Real sockets, a real SQLite file, the Ollama-compatible test server.
 */
import assert from "node:assert/strict";
import { withTestServer } from "./_helpers.ts";

const card = {
  spec: "chara_card_v2",
  spec_version: "2.0",
  data: { name: "Marlow", description: "A ferryman who never charges twice." },
};

Deno.test("imports that rename on a name clash each get their own free name", async () => {
  await withTestServer(async ({ fake, client, server }) => {
    fake.behavior.reply = () => '{"openness": 0.5}';
    fake.behavior.json = { firstTokenDelayMs: 300 };
    await client.call("persona.import_card", { card });

    const overRest = await Promise.all(Array.from({ length: 5 }, async () => {
      const response = await fetch(`${server.apiUrl}/personas/import?on_conflict=rename`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(card),
      });
      const json = await response.json();
      assert.equal(response.status, 201, JSON.stringify(json));
      return json.persona.name as string;
    }));
    const overRpc = await Promise.all(Array.from({ length: 5 }, async () => {
      const result = await client.call<{ persona: { name: string }; notes: string[] }>(
        "persona.import_card",
        { card, on_conflict: "rename" },
      );
      assert.match(result.notes.join(" "), /The name "Marlow" was taken; imported as/);
      return result.persona.name;
    }));
    const { bundle } = await client.call<{ bundle: unknown }>("persona.export", {
      persona_id: "Marlow",
    });
    const bundles = await Promise.all(
      Array.from(
        { length: 5 },
        async () =>
          (await client.call<{ persona: { name: string } }>("persona.import", {
            bundle,
            on_conflict: "rename",
          })).persona.name,
      ),
    );

    const names = [...overRest, ...overRpc, ...bundles];
    assert.equal(new Set(names).size, 15, `each its own name: ${names.join(", ")}`);
    const { personas } = await client.call<{ personas: { name: string }[] }>("persona.list", {});
    const marlows = personas.map((p) => p.name).filter((name) => name.startsWith("Marlow"));
    assert.deepEqual(
      marlows.sort(),
      ["Marlow", ...Array.from({ length: 15 }, (_, i) => `Marlow (${i + 2})`)].sort(),
    );
  });
});
