/**
 * YAML characters (text-generation-webui's, as SillyTavern imports them) over REST and JSON-RPC:
 * raw, with a YAML media type and as a form's file; a billion laughs is a clear 400. Real
 * sockets, a real SQLite file.
 */
import assert from "node:assert/strict";
import { withTestServer } from "./_helpers.ts";

const CHARACTER = `name: Chiharu Yamada
greeting: "*Chiharu waves.* Hey!"
context: Chiharu is a computer engineer-nerd.
example_dialogue: "{{user}}: Hi\\n{{char}}: Hello!"
your_name: You
`;

const LAUGHS = ["name: Laughs", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"].concat(
  ["b", "c", "d", "e", "f", "g"].map((name, i) =>
    `${name}: &${name} [${Array(9).fill(`*${"abcdefg"[i]}`).join(", ")}]`
  ),
).join("\n");

Deno.test("a YAML character imports over REST (raw, YAML type, form) and JSON-RPC; a billion laughs is 400", async () => {
  await withTestServer(async ({ server, client }) => {
    const api = server.apiUrl;
    const post = async (body: BodyInit, type?: string, query = "") => {
      const response = await fetch(`${api}/personas/import${query}`, {
        method: "POST",
        headers: type ? { "Content-Type": type } : {},
        body,
      });
      return { status: response.status, json: await response.json() };
    };
    const raw = await post(CHARACTER, "application/x-www-form-urlencoded");
    assert.equal(raw.status, 201, JSON.stringify(raw.json));
    assert.equal(raw.json.format, "yaml");
    const persona = raw.json.persona as Record<string, string>;
    assert.equal(persona.name, "Chiharu Yamada");
    assert.equal(persona.description, "Chiharu is a computer engineer-nerd.");
    assert.equal(persona.first_mes, "*Chiharu waves.* Hey!");
    assert.equal(persona.mes_example, "{{user}}: Hi\n{{char}}: Hello!");
    // Each YAML media type a client may send is taken as a raw file.
    for (const type of ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"]) {
      const typed = await post(CHARACTER, type, `?name=${encodeURIComponent(type)}`);
      assert.equal(typed.status, 201, `${type}: ${JSON.stringify(typed.json)}`);
    }
    const form = new FormData();
    form.append("file", new File([CHARACTER], "Chiharu.yaml", { type: "application/x-yaml" }));
    form.append("name", "Form");
    const formed = await post(form);
    assert.equal(formed.status, 201, JSON.stringify(formed.json));
    const rpc = await client.call<{ format: string; persona: { name: string } }>(
      "persona.import_card",
      { data: btoa(CHARACTER), name: "Rpc" },
    );
    assert.deepEqual([rpc.format, rpc.persona.name], ["yaml", "Rpc"]);
    const laughs = await post(LAUGHS, "text/yaml");
    assert.equal(laughs.status, 400);
    const error = laughs.json.error as { code: number; message: string };
    assert.equal(error.code, -32602);
    assert.match(error.message, /YAML character file expands its aliases too far/);
    // The server still works.
    assert.equal((await post(CHARACTER, "text/yaml", "?name=After")).status, 201);
  });
});
