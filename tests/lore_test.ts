/**
 * Lorebooks end to end: import (V3 file, SillyTavern World Info), attach to personas and rooms,
 * activation in chats with `lore_used` and `lore_skipped`, recursion, budgets, the dry run, REST.
 */
import assert from "node:assert/strict";
import { lorebookV3File } from "./_cards.ts";
import { type RpcCallError, withTestServer } from "./_helpers.ts";

const withLore = withTestServer;

type Used = { label: string; via: string; step: number; lorebook_name: string };

Deno.test("an attached lorebook fires in chats and lore_used says which entries and why", async () => {
  await withLore(async ({ fake, client }) => {
    const { lorebook_id } = await client.call<{ lorebook_id: string }>("lorebook.import", {
      lorebook: lorebookV3File(),
      persona_id: "aria",
    });
    const result = await client.call<{ lore_used: Used[]; lore_skipped: unknown[] }>(
      "conversation.send_message",
      { persona_id: "Aria", content: "Who keeps the lighthouse these days?" },
    );
    assert.deepEqual(result.lore_used.map((u) => [u.label, u.via, u.lorebook_name]), [
      ["lighthouse", "key", "Harbor town"],
    ]);
    assert.match(
      fake.chatRequests().at(-1)?.messages[0]?.content ?? "",
      /has not been lit for a year/,
    );
    const plain = await client.call<{ lore_used: Used[] }>("conversation.send_message", {
      persona_id: "Kira",
      content: "Who keeps the lighthouse these days?",
    });
    assert.deepEqual(plain.lore_used, [], "not attached to Kira");
    await client.call("lorebook.detach", { lorebook_id, persona_id: "Aria" });
    const detached = await client.call<{ lore_used: Used[] }>("conversation.send_message", {
      persona_id: "Aria",
      content: "And the lighthouse?",
    });
    assert.deepEqual(detached.lore_used, []);
  });
});

Deno.test("recursion, budget cut-off and a SillyTavern World Info file, seen through lore_used and lore_skipped", async () => {
  await withLore(async ({ client }) => {
    const long = "x".repeat(600); // 150 estimated tokens
    await client.call("lorebook.create", {
      name: "Chain",
      persona_id: "Aria",
      recursive_scanning: true,
      entries: [
        { keys: ["dragon"], content: "The dragon guards the crown.", insertion_order: 50 },
        { keys: ["crown"], content: "The crown was forged by elves.", insertion_order: 40 },
      ],
    });
    await client.call("lorebook.create", {
      name: "Heavy",
      persona_id: "Aria",
      token_budget: 100,
      entries: [
        {
          keys: ["dragon"],
          comment: "small",
          content: "Dragons sleep for years.",
          insertion_order: 10,
        },
        { keys: ["dragon"], comment: "big", content: `Lowest order ${long}`, insertion_order: 5 },
      ],
    });
    const result = await client.call<{
      lore_used: Used[];
      lore_skipped: Array<{ label: string; reason: string }>;
    }>("conversation.send_message", { persona_id: "Aria", content: "Tell me of the dragon." });
    assert.deepEqual(result.lore_used.map((u) => [u.label, u.via, u.step]), [
      ["small", "key", 0],
      ["crown", "recursion", 1],
      ["dragon", "key", 0],
    ]);
    assert.deepEqual(result.lore_skipped.map((s) => [s.label, s.reason]), [["big", "budget"]]);

    const world = await client.call<{ lorebook_id: string; source: string }>("lorebook.import", {
      name: "Eldwood",
      lorebook: {
        entries: {
          "0": {
            uid: 0,
            key: ["glade"],
            keysecondary: ["safe"],
            selective: true,
            selectiveLogic: 2,
            content: "The glade is warded.",
            order: 100,
            position: 1,
            disable: false,
          },
        },
      },
    });
    assert.equal(world.source, "sillytavern_world");
    const dry = await client.call<{ fired: Array<{ content: string; position: string }> }>(
      "lorebook.test",
      {
        lorebook_ids: [world.lorebook_id],
        messages: [{ name: "Robin", text: "Is the glade far?" }],
      },
    );
    assert.deepEqual(dry.fired.map((f) => [f.content, f.position]), [[
      "The glade is warded.",
      "after_char",
    ]]);
    const notAny = await client.call<{ fired: unknown[] }>("lorebook.test", {
      lorebook_ids: [world.lorebook_id],
      messages: [{ text: "Is the glade safe?" }],
    });
    assert.deepEqual(notAny.fired, [], "NOT ANY: a secondary key present blocks it");
  });
});

Deno.test("room lorebooks apply to everyone in the room; lorebooks over REST", async () => {
  await withLore(async ({ fake, server, client }) => {
    const imported = await fetch(`${server.apiUrl}/lorebooks/import?name=Harbor`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(lorebookV3File()),
    });
    assert.equal(imported.status, 201);
    const { lorebook_id } = await imported.json();
    const { room_id } = await client.call<{ room_id: string }>("room.create", {
      persona_ids: ["Aria", "Kira"],
      lorebook_ids: [lorebook_id],
    });
    const result = await client.call<{ replies: Array<{ lore_used: Used[] }> }>("room.send", {
      room_id,
      content: "Kira, is the harbor busy?",
    });
    assert.deepEqual(result.replies[0]?.lore_used.map((u) => u.label), ["harbor"]);
    assert.match(fake.chatRequests().at(-1)?.messages[0]?.content ?? "", /retired pirate/);
    const exported = await (await fetch(`${server.apiUrl}/lorebooks/${lorebook_id}/export`)).json();
    assert.ok(exported.entries, "SillyTavern World Info by default");
    assert.equal(exported.originalData.name, "Harbor");
    const v3 = await (await fetch(
      `${server.apiUrl}/lorebooks/${lorebook_id}/export?format=lorebook_v3`,
    )).json();
    assert.equal(v3.spec, "lorebook_v3");
    assert.equal(v3.data.name, "Harbor");
    const attach = await fetch(`${server.apiUrl}/personas/kira/lorebooks/${lorebook_id}`, {
      method: "PUT",
    });
    assert.deepEqual((await attach.json()).lorebook.persona_ids.length, 1);
    await assert.rejects(
      client.call("lorebook.create", {
        name: "Bad",
        entries: [{ keys: 5, content: "x", enabled: "maybe" }],
      }),
      (error: RpcCallError) =>
        error.code === -32602 &&
        JSON.stringify(error.data).includes("lorebook.entries.0.enabled"),
    );
    await assert.rejects(
      client.call("lorebook.get", { lorebook_id: "lore_nope" }),
      (error: RpcCallError) => error.code === -32602 && /No lorebook/.test(error.message),
    );
  });
});
