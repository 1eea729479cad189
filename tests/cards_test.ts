/**
 * Character Cards end to end: import over REST (raw and form uploads) and JSON-RPC, export and
 * re-import, limits, Big Five inference, name conflicts. Real sockets, a real SQLite file, the
 * Ollama-compatible test server.
 */
import assert from "node:assert/strict";
import { readPngCard } from "../core/characters/png.ts";
import { avatarPng, charxWith, pngWith, v1Card, v2Card, v3Card, v3Files } from "./_cards.ts";
import { seraphinaLikeCard } from "./_sillytavern_cards.ts";
import type { FakeChatRequest } from "./fake_ollama.ts";
import { RpcCallError, type TestHarness, withTestServer } from "./_helpers.ts";

interface Harness extends TestHarness {
  api: string;
}

function withServer(
  test: (harness: Harness) => Promise<void>,
  env: Record<string, string> = {},
): Promise<void> {
  return withTestServer((harness) => test({ ...harness, api: harness.server.apiUrl }), env);
}

async function upload(
  api: string,
  body: BodyInit | Uint8Array,
  options: { type?: string; query?: string } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${api}/personas/import${options.query ?? ""}`, {
    method: "POST",
    headers: options.type ? { "Content-Type": options.type } : {},
    body: body instanceof Uint8Array ? new Uint8Array(body) : body,
  });
  return { status: response.status, json: await response.json() };
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The fields a card round trip must keep (everything but ids and times). */
function cardFields(persona: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, created_at: _c, updated_at: _u, memory_stats: _m, lorebooks: _l, ...rest } =
    persona;
  const avatar = rest.avatar as { mime: string; size_bytes: number } | null;
  return { ...rest, avatar: avatar && { mime: avatar.mime, size_bytes: avatar.size_bytes } };
}

const BIG_FIVE_REPLY = (request: FakeChatRequest) =>
  request.messages[0]?.content.startsWith("You rate fictional characters")
    ? '{"openness": 0.8, "conscientiousness": "0.3", "extraversion": 72, "agreeableness": 0.9, "neuroticism": 0.2}'
    : "Hello there.";

Deno.test("V1, V2 and V3 cards import over REST as JSON, PNG (raw and form) and CHARX", async () => {
  await withServer(async ({ api, client }) => {
    const v1 = await upload(api, JSON.stringify(v1Card()), { type: "application/json" });
    assert.equal(v1.status, 201, JSON.stringify(v1.json));
    assert.equal(v1.json.spec, "v1");
    assert.equal(v1.json.format, "json");

    const form = new FormData();
    form.append(
      "file",
      new Blob([new Uint8Array(pngWith({ chara: v2Card() }))], { type: "image/png" }),
      "vale.png",
    );
    const v2 = await upload(api, form);
    assert.equal(v2.status, 201, JSON.stringify(v2.json));
    assert.deepEqual([v2.json.spec, v2.json.format, v2.json.avatar], ["v2", "png", true]);
    const book = await client.call<{ lorebook: { entry_count: number; owner_persona_id: string } }>(
      "lorebook.get",
      { lorebook_id: v2.json.lorebook_id },
    );
    assert.equal(book.lorebook.entry_count, 4);
    assert.equal(book.lorebook.owner_persona_id, v2.json.persona_id);

    const v3 = await upload(api, charxWith(v3Card(), v3Files()), { type: "application/zip" });
    assert.equal(v3.status, 201, JSON.stringify(v3.json));
    assert.deepEqual([v3.json.spec, v3.json.format, v3.json.assets], ["v3", "charx", 3]);
    const avatar = await fetch(`${api}/personas/${v3.json.persona_id}/avatar`);
    assert.equal(avatar.headers.get("content-type"), "image/png");
    assert.deepEqual(
      new Uint8Array(await avatar.arrayBuffer()),
      v3Files()["assets/icon/images/main.png"],
    );

    const { persona } = await client.call<{ persona: Record<string, unknown> }>("persona.get", {
      persona_id: "captain vale",
    });
    assert.equal(persona.personality, "bold, sardonic, fiercely protective of the crew");
    assert.deepEqual(persona.tags, ["adventure", "airship", "Female"]);
    assert.equal(persona.character_version, "1.2");
    assert.deepEqual((persona.extensions as Record<string, unknown>)["agnai/voice"], {
      service: "none",
    });
    assert.equal((persona.avatar as { mime: string }).mime, "image/png");
    const lumen = await client.call<{ persona: Record<string, unknown> }>("persona.get", {
      persona_id: "Professor Lumen",
    });
    assert.equal((lumen.persona.card_extras as Record<string, unknown>).nickname, "Lumi");
  });
});

Deno.test("persona.import_card takes a base64 file or the card's JSON; export → import is identity", async () => {
  await withServer(async ({ client }) => {
    const first = await client.call<Record<string, unknown>>("persona.import_card", {
      data: base64(charxWith(v3Card(), v3Files())),
    });
    const lorebook = (id: string) =>
      client.call<{ lorebook: { book: unknown } }>("lorebook.get", { lorebook_id: id });
    const original = (await client.call<{ persona: Record<string, unknown> }>("persona.get", {
      persona_id: first.persona_id,
    })).persona;
    const originalBook = (await lorebook(first.lorebook_id as string)).lorebook.book;
    let n = 0;
    for (const format of ["png", "json", "charx"]) {
      for (const spec of ["v3", "v2"]) {
        const exported = await client.call<{ data: string; card?: Record<string, unknown> }>(
          "persona.export_card",
          { persona_id: first.persona_id, format, spec },
        );
        if (format === "json") {
          const card = exported.card as { data: { extensions: Record<string, unknown> } };
          assert.equal(card.data.extensions["risu/flag"], true, "unknown extensions survive");
          assert.ok(card.data.extensions["persona-mcp"], "our data is namespaced");
        }
        const again = await client.call<Record<string, unknown>>("persona.import_card", {
          data: exported.data,
          name: `Copy ${++n}`,
        });
        const copy = (await client.call<{ persona: Record<string, unknown> }>("persona.get", {
          persona_id: again.persona_id,
        })).persona;
        assert.deepEqual(
          { ...cardFields(copy), name: original.name },
          cardFields(original),
          `${format} ${spec}`,
        );
        assert.deepEqual(
          { ...(await lorebook(again.lorebook_id as string)).lorebook.book as object, name: "" },
          { ...originalBook as object, name: "" },
          `${format} ${spec} lorebook`,
        );
      }
    }
    const byJson = await client.call<Record<string, unknown>>("persona.import_card", {
      card: v1Card(),
    });
    assert.equal(byJson.spec, "v1");
  });
});

Deno.test("GET /api/personas/:id/card serves png with both chunks, json and charx by format or Accept", async () => {
  await withServer(async ({ api }) => {
    const { json } = await upload(api, pngWith({ chara: v2Card() }, avatarPng(7)), {
      type: "image/png",
    });
    const id = json.persona_id as string;
    const png = await fetch(`${api}/personas/${id}/card`, { headers: { Accept: "image/png" } });
    assert.equal(png.headers.get("content-type"), "image/png");
    assert.match(png.headers.get("content-disposition") ?? "", /Captain%20Vale\.png/);
    const bytes = new Uint8Array(await png.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    assert.ok(text.includes("chara\0") && text.includes("ccv3\0"), "both chunks");
    assert.deepEqual(readPngCard(bytes).image, avatarPng(7), "over the avatar");
    const asJson = await fetch(`${api}/personas/${id}/card?spec=v2`, {
      headers: { Accept: "application/json" },
    });
    assert.equal((await asJson.json()).spec, "chara_card_v2");
    const zip = await fetch(`${api}/personas/${id}/card?format=charx`);
    assert.equal(zip.headers.get("content-type"), "application/zip");
    assert.equal(new Uint8Array(await zip.arrayBuffer())[0], 0x50);
  });
});

Deno.test("broken uploads are refused cleanly: truncated PNG 400, zip bomb and 20 MB 413, then the server still works", async () => {
  await withServer(async ({ api, client }) => {
    const png = pngWith({ chara: v2Card() });
    const truncated = await upload(api, png.subarray(0, png.length - 30), { type: "image/png" });
    assert.equal(truncated.status, 400);
    assert.equal((truncated.json.error as { code: number }).code, -32602);
    assert.match((truncated.json.error as { message: string }).message, /truncated or corrupt/);

    const big = new Uint8Array(20 * 1024 * 1024);
    const tooBig = await upload(api, big, { type: "image/png" });
    assert.equal(tooBig.status, 413);
    assert.equal((tooBig.json.error as { code: number }).code, -32602);

    const noCard = await upload(api, avatarPng(), { type: "image/png" });
    assert.equal(noCard.status, 400);
    assert.equal((await client.call<{ total_count: number }>("persona.list")).total_count, 2);
  }, { CARD_MAX_BYTES: String(16 * 1024 * 1024) });
});

Deno.test("a zip bomb CHARX and an over-limit card over JSON-RPC are -32602 with the limit named", async () => {
  await withServer(async ({ api, client }) => {
    const zeros = new Uint8Array(3 * 1024 * 1024);
    const bomb = charxWith(v3Card(), { "assets/other/other/zeros.bin": zeros });
    assert.ok(bomb.length < 100_000);
    const refused = await upload(api, bomb, { type: "application/zip" });
    assert.equal(refused.status, 413);
    assert.match((refused.json.error as { message: string }).message, /expands to more than/);
    try {
      await client.call("persona.import_card", { data: base64(new Uint8Array(300_000)) });
      assert.fail("expected -32602");
    } catch (error) {
      assert.ok(error instanceof RpcCallError);
      assert.equal(error.code, -32602);
      assert.deepEqual((error.data as { limit_bytes: number }).limit_bytes, 200_000);
    }
  }, { CARD_MAX_BYTES: "200000" });
});

Deno.test("Big Five: inferred by the model when it answers, else neutral, and marked either way", async () => {
  await withServer(async ({ fake, client }) => {
    fake.behavior.reply = BIG_FIVE_REPLY;
    const inferred = await client.call<{ persona: Record<string, unknown>; traits_source: string }>(
      "persona.import_card",
      { card: v2Card() },
    );
    assert.equal(inferred.traits_source, "inferred");
    assert.deepEqual(inferred.persona.personality_traits, {
      openness: 0.8,
      conscientiousness: 0.3,
      extraversion: 0.72,
      agreeableness: 0.9,
      neuroticism: 0.2,
    });
    const asked = fake.chatRequests().find((r) => r.messages[0]?.content.startsWith("You rate"));
    assert.match(asked?.messages[1]?.content ?? "", /Captain Vale commands the airship Kestrel/);
    fake.behavior.reply = () => "I cannot rate people.";
    const neutral = await client.call<{ persona: Record<string, unknown>; traits_source: string }>(
      "persona.import_card",
      { card: v1Card() },
    );
    assert.equal(neutral.traits_source, "neutral");
    assert.equal((neutral.persona.personality_traits as { openness: number }).openness, 0.5);
  });
  await withServer(async ({ client }) => {
    const started = performance.now();
    const result = await client.call<{ traits_source: string }>("persona.import_card", {
      card: v1Card(),
    });
    assert.equal(result.traits_source, "neutral", "no model reachable");
    assert.ok(performance.now() - started < 30_000);
  }, { OLLAMA_HOST: "http://127.0.0.1:9" });
});

Deno.test("a taken name is an error (409 over REST) unless renamed or replaced", async () => {
  await withServer(async ({ api, client }) => {
    await client.call("persona.import_card", { card: v2Card() });
    const again = await upload(api, JSON.stringify(v2Card()), { type: "application/json" });
    assert.equal(again.status, 409);
    const renamed = await client.call<{ persona: { name: string }; notes: string[] }>(
      "persona.import_card",
      { card: v2Card(), on_conflict: "rename" },
    );
    assert.equal(renamed.persona.name, "Captain Vale (2)");
    assert.equal(renamed.notes.length, 1);
    const changed = v2Card();
    (changed.data as Record<string, unknown>).scenario = "A new scenario.";
    const replaced = await client.call<{ persona: { scenario: string }; replaced: boolean }>(
      "persona.import_card",
      { card: changed, on_conflict: "replace" },
    );
    assert.deepEqual([replaced.replaced, replaced.persona.scenario], [true, "A new scenario."]);
    const named = await upload(api, JSON.stringify(v2Card()), {
      type: "application/json",
      query: "?name=Vale%20Two",
    });
    assert.equal(named.status, 201);
  });
});

Deno.test("the community-style card imports with its greeting, book and SillyTavern extensions", async () => {
  await withServer(async ({ api, client }) => {
    const { status, json } = await upload(api, pngWith({ chara: seraphinaLikeCard() }), {
      type: "image/png",
    });
    assert.equal(status, 201);
    const switched = await client.call<{ greeting: string }>("persona.switch", {
      persona_id: "seraphine",
      user: "Robin",
    });
    assert.match(switched.greeting, /"Easy now, Robin," \*Seraphine says softly/);
    const exported = await fetch(`${api}/personas/${json.persona_id}/card?format=json&spec=v2`);
    const card = await exported.json();
    assert.equal(card.data.extensions.world, "Eldwood");
    assert.equal(card.data.character_book.entries[1].extensions.display_index, 1);
  });
});

Deno.test("persona.list shows each persona's avatar (the card's main icon) or null, as persona.get does", async () => {
  await withServer(async ({ api, client }) => {
    type Listed = { id: string; name: string; avatar: Record<string, unknown> | null };
    const list = async () =>
      new Map(
        (await client.call<{ personas: Listed[] }>("persona.list")).personas.map((
          p,
        ) => [p.name, p]),
      );
    const v3 = await upload(api, charxWith(v3Card(), v3Files()), { type: "application/zip" });
    assert.equal(v3.status, 201, JSON.stringify(v3.json));
    const before = await list();
    const lumen = before.get("Professor Lumen")!;
    const main = v3Files()["assets/icon/images/main.png"]!;
    assert.deepEqual(lumen.avatar, {
      mime: "image/png",
      size_bytes: main.length,
      url: `/api/personas/${lumen.id}/avatar`,
    });
    const { persona } = await client.call<{ persona: Listed }>("persona.get", {
      persona_id: lumen.id,
    });
    assert.deepEqual(persona.avatar, lumen.avatar);
    const served = await fetch(`${api.replace(/\/api$/, "")}${lumen.avatar!.url}`);
    assert.deepEqual(new Uint8Array(await served.arrayBuffer()), main);
    assert.equal(before.get("Aria")!.avatar, null);

    // Set by persona.update, removed with null.
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 0xff, 0xd9]);
    const aria = before.get("Aria")!;
    await client.call("persona.update", {
      persona_id: aria.id,
      avatar: btoa(String.fromCharCode(...jpeg)),
    });
    assert.deepEqual((await list()).get("Aria")!.avatar, {
      mime: "image/jpeg",
      size_bytes: jpeg.length,
      url: `/api/personas/${aria.id}/avatar`,
    });
    await client.call("persona.update", { persona_id: aria.id, avatar: null });
    assert.equal((await list()).get("Aria")!.avatar, null);
  });
});
