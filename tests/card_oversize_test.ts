/**
 * Oversize and key-heavy uploads (attack14 F1, F3): a card, lorebook or bundle whose JSON holds
 * objects of very many keys is refused before it is parsed, and a card whose persona would be
 * over the 512 KiB cap is refused before it is copied, validated or rated (the model is never
 * asked), naming its heaviest fields and by how much the persona is over. Real sockets, a real
 * SQLite file, the Ollama-compatible test server (whose requests are counted).
 *
 * @module
 */
import assert from "node:assert/strict";
import { PERSONA_MAX_BYTES } from "../core/personas/mod.ts";
import { pngWith } from "./_cards.ts";
import { type RpcCallError, withTestServer } from "./_helpers.ts";

type Json = Record<string, unknown>;

function manyKeys(count: number): Record<string, number> {
  const keys: Record<string, number> = {};
  for (let i = 0; i < count; i++) keys[`k${i}`] = 1;
  return keys;
}

function card(data: Json): Json {
  return { spec: "chara_card_v2", spec_version: "2.0", data: { name: "Wide", ...data } };
}

async function post(
  url: string,
  body: string | Uint8Array,
  type = "application/json",
): Promise<{ status: number; json: { error?: { code: number; message: string; data?: Json } } }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": type },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
  return { status: response.status, json: await response.json() };
}

function fieldsOf(error: { data?: Json } | undefined): string[] {
  return ((error?.data?.fields ?? []) as { field: string }[]).map((issue) => issue.field);
}

Deno.test("a card, lorebook or bundle with an object of 200,000 keys is refused before the model is asked", async () => {
  await withTestServer(async ({ server, fake }) => {
    const api = server.apiUrl;
    const wide = manyKeys(200_000);
    for (
      const [label, body, type] of [
        ["JSON card, extensions", JSON.stringify(card({ extensions: wide })), "application/json"],
        ["JSON card, unknown data fields", JSON.stringify(card(wide)), "application/json"],
        ["PNG card", pngWith({ chara: card({ extensions: wide }) }), "image/png"],
      ] as const
    ) {
      const result = await post(`${api}/personas/import`, body, type);
      assert.equal(result.status, 400, label);
      assert.equal(result.json.error?.code, -32602, label);
      assert.match(result.json.error?.message ?? "", /more than 10000 keys/, label);
    }
    const lorebook = {
      spec: "lorebook_v3",
      data: { name: "wide", entries: [{ keys: ["k"], content: "c", extensions: wide }] },
    };
    const book = await post(`${api}/lorebooks/import`, JSON.stringify(lorebook));
    assert.equal(book.status, 400);
    assert.match(book.json.error?.message ?? "", /more than 10000 keys/);
    const bundle = await post(
      `${api}/personas/bundles`,
      JSON.stringify({ format: "persona-mcp-bundle", persona: { name: "W", extensions: wide } }),
    );
    assert.equal(bundle.status, 400);
    assert.match(bundle.json.error?.message ?? "", /more than 10000 keys/);
    // Nothing was rated: the refusals came before any model call.
    assert.equal(fake.chatRequests().length, 0);
  });
});

Deno.test("a card or bundle value with an object of over 10,000 keys is refused over JSON-RPC too", async () => {
  await withTestServer(async ({ client, fake }) => {
    const wide = manyKeys(20_000);
    await assert.rejects(
      client.call("persona.import_card", { card: card({ extensions: wide }) }),
      (error: RpcCallError) => {
        assert.equal(error.code, -32602);
        assert.deepEqual(fieldsOf({ data: error.data as Json }), ["card.data.extensions"]);
        return true;
      },
    );
    await assert.rejects(
      client.call("persona.import", {
        bundle: { format: "persona-mcp-bundle", persona: { name: "W", extensions: wide } },
      }),
      (error: RpcCallError) => {
        assert.deepEqual(fieldsOf({ data: error.data as Json }), ["bundle.persona.extensions"]);
        return true;
      },
    );
    assert.equal(fake.chatRequests().length, 0);
  });
});

Deno.test("a lorebook entry's extensions hold at most 900 keys", async () => {
  await withTestServer(async ({ server }) => {
    const lorebook = {
      spec: "lorebook_v3",
      data: {
        name: "wide",
        entries: [{ keys: ["k"], content: "c" }, {
          keys: ["k"],
          content: "c",
          extensions: manyKeys(1500),
        }],
      },
    };
    const book = await post(`${server.apiUrl}/lorebooks/import`, JSON.stringify(lorebook));
    assert.equal(book.status, 400);
    assert.deepEqual(fieldsOf(book.json.error), ["lorebook.data.entries.1.extensions"]);
    assert.match(book.json.error?.message ?? "", /at most 900 keys/);
  });
});

Deno.test("an oversize card is refused naming its heaviest fields and the overage, with no model call", async () => {
  await withTestServer(async ({ server, client, fake }) => {
    const description = "描".repeat(90_000); // 270,000 bytes of UTF-8
    const regex = Array.from(
      { length: 20 },
      (_, i) => ({ scriptName: `ui${i}`, html: "x".repeat(9000) }),
    );
    const big = card({
      description,
      mes_example: "例".repeat(90_000),
      extensions: { regex_scripts: regex, talkativeness: "0.5" },
    });
    const result = await post(`${server.apiUrl}/personas/import`, JSON.stringify(big));
    assert.equal(result.status, 400);
    const error = result.json.error;
    assert.equal(error?.code, -32602);
    assert.deepEqual(fieldsOf(error).slice(0, 3), [
      "card.data.description",
      "card.data.mes_example",
      "card.data.extensions.regex_scripts",
    ]);
    const message = error?.message ?? "";
    assert.match(message, /card\.data\.description 270016 bytes/);
    assert.match(message, new RegExp(`over the ${PERSONA_MAX_BYTES}-byte cap`));
    const over = Number(/(\d+) over the/.exec(message)?.[1]);
    assert.ok(over > 0 && over < 300_000, message);

    // The same over JSON-RPC (the card as a value), and for a bundle's persona.
    await assert.rejects(
      client.call("persona.import_card", { card: card({ description: "x".repeat(600_000) }) }),
      (rpcError: RpcCallError) => {
        assert.equal(rpcError.code, -32602);
        assert.equal(fieldsOf({ data: rpcError.data as Json })[0], "card.data.description");
        return true;
      },
    );
    await assert.rejects(
      client.call("persona.import", {
        bundle: {
          format: "persona-mcp-bundle",
          persona: { name: "B", backstory: "y".repeat(600_000) },
        },
      }),
      (rpcError: RpcCallError) => {
        assert.equal(rpcError.code, -32602);
        assert.equal(fieldsOf({ data: rpcError.data as Json })[0], "bundle.persona.backstory");
        return true;
      },
    );
    assert.equal(fake.chatRequests().length, 0);
  });
});

Deno.test("the model a card names is used only when the caller opts in (use_card_model)", async () => {
  await withTestServer(async ({ server, client }) => {
    const named = (name: string) =>
      card({ name, extensions: { "persona-mcp": { model: "openai:gpt-expensive" } } });
    const plain = await post(`${server.apiUrl}/personas/import`, JSON.stringify(named("Plain")));
    assert.equal(plain.status, 201);
    const body = plain.json as unknown as { persona: { model: string | null }; notes: string[] };
    assert.equal(body.persona.model, null);
    assert.match(body.notes.join("\n"), /names the model "openai:gpt-expensive".*use_card_model/);

    const opted = await client.call<{ persona: { model: string | null }; notes: string[] }>(
      "persona.import_card",
      { card: named("Opted"), use_card_model: true },
    );
    assert.equal(opted.persona.model, "openai:gpt-expensive");
    assert.deepEqual(opted.notes, []);
    const query = await post(
      `${server.apiUrl}/personas/import?use_card_model=true`,
      JSON.stringify(named("Query")),
    );
    assert.equal(
      (query.json as unknown as { persona: { model: string } }).persona.model,
      "openai:gpt-expensive",
    );
  });
});

Deno.test("a card name of 40 emoji imports, cut to a persona name's length with a note", async () => {
  await withTestServer(async ({ server }) => {
    const name = "🐉".repeat(40);
    const result = await post(`${server.apiUrl}/personas/import`, JSON.stringify(card({ name })));
    assert.equal(result.status, 201, JSON.stringify(result.json));
    const body = result.json as unknown as { persona: { name: string }; notes: string[] };
    assert.equal(body.persona.name, "🐉".repeat(32));
    assert.match(body.notes.join("\n"), /longer than a persona name may be/);
  });
});
