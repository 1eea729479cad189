/**
 * Persona names that look alike are one name or none: stored in NFC (a decomposed spelling
 * collides with the precomposed one, and finds it), control characters refused, invisible and
 * direction-changing characters refused but where a script needs a joiner (emoji sequences,
 * Persian). Real sockets, a real SQLite file.
 */
import assert from "node:assert/strict";
import { type RpcCallError, withTestServer } from "./_helpers.ts";

Deno.test("a name in NFD is the same name as in NFC: stored NFC, collides, and finds the persona", async () => {
  await withTestServer(async ({ client }) => {
    const nfc = "\u00c1ria Solis";
    const nfd = "A\u0301ria Solis";
    const { persona } = await client.call<{ persona: { id: string; name: string } }>(
      "persona.create",
      { name: nfd, description: "d" },
    );
    assert.equal(persona.name, nfc, "stored in NFC");
    await assert.rejects(
      client.call("persona.create", { name: nfc, description: "d" }),
      (error: RpcCallError) => /already has it/.test(error.message),
    );
    const found = await client.call<{ persona: { id: string } }>("persona.get", {
      persona_id: nfd,
    });
    assert.equal(found.persona.id, persona.id);
  });
});

Deno.test("control, invisible and direction-changing characters in a name are -32602; joiners a script needs are kept", async () => {
  await withTestServer(async ({ client }) => {
    const refused = [
      "Line\nBreak",
      "Carriage\rReturn",
      "Tab\tName",
      "Next\u0085Line",
      "Bell\u0007",
      "Evil\u202eoG",
      "Isolate\u2066d\u2069",
      "Mark\u200fed",
      "Zero\u200bWidth",
      "Word\u2060Joiner",
      "Bom\ufeffName",
      "Join\u200ded",
      "Non\u200cjoined",
    ];
    for (const name of refused) {
      await assert.rejects(
        client.call("persona.create", { name, description: "d" }),
        (error: RpcCallError) => {
          assert.equal(error.code, -32602, JSON.stringify(name));
          const fields = (error.data as { fields: Array<{ field: string }> }).fields;
          assert.equal(fields[0]?.field, "name");
          return true;
        },
        JSON.stringify(name),
      );
    }
    const { persona } = await client.call<{ persona: { id: string } }>("persona.create", {
      name: "Zoë",
      description: "d",
    });
    await assert.rejects(
      client.call("persona.update", { persona_id: persona.id, name: "Zo\u200bë" }),
      (error: RpcCallError) => error.code === -32602,
    );
    for (
      const name of [
        "\u{1F469}\u200d\u{1F4BB} Coder",
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
      ]
    ) {
      const created = await client.call<{ persona: { name: string } }>("persona.create", {
        name,
        description: "d",
      });
      assert.equal(created.persona.name, name);
    }
  });
});

/** Names that show as nothing (attack25 F5): fillers, blanks, marks alone, default-ignorables. */
const BLANK_NAMES = [
  "\u3164",
  "\uffa0",
  "\u115f\u1160",
  "\u2800",
  "\u2800\u2800 \u2800",
  "\u0301\u0301\u0301",
  "\u034f\u034f",
  "\ufe0f",
  "\u{E0001}\u{E0041}",
  "\u00ad",
  "\u3164\u0301",
];

Deno.test("a name that shows nothing (fillers, blanks, combining marks alone) is -32602; one visible character suffices", async () => {
  await withTestServer(async ({ client }) => {
    for (const name of BLANK_NAMES) {
      await assert.rejects(
        client.call("persona.create", { name, description: "d" }),
        (error: RpcCallError) => {
          assert.equal(error.code, -32602, JSON.stringify(name));
          assert.match(error.message, /visible character/, JSON.stringify(name));
          return true;
        },
        JSON.stringify(name),
      );
    }
    const { persona } = await client.call<{ persona: { id: string } }>("persona.create", {
      name: "Eve",
      description: "d",
    });
    await assert.rejects(
      client.call("persona.update", { persona_id: persona.id, name: "\u2800" }),
      (error: RpcCallError) => error.code === -32602,
    );
    for (const name of ["\u2605", "!?", "7", "e\u0301\u0301", "\u3164Ann"]) {
      const created = await client.call<{ persona: { name: string } }>("persona.create", {
        name,
        description: "d",
      });
      assert.equal(created.persona.name, name.normalize("NFC"));
    }
  });
});
