/**
 * Avatars are raster images only (PNG, JPEG, WebP, GIF, told by their bytes): an SVG icon of a
 * card or bundle is dropped on import with a note, one stored before that check is not served,
 * and every avatar is served with `nosniff` and a sandboxing CSP. Real sockets, a real SQLite file.
 */
import assert from "node:assert/strict";
import { AssetRepository } from "../core/characters/mod.ts";
import { avatarPng } from "./_cards.ts";
import { withTestServer } from "./_helpers.ts";

const SVG =
  `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>`;

function iconCard(name: string, icon: { ext: string; uri: string }): Record<string, unknown> {
  return {
    spec: "chara_card_v3",
    spec_version: "3.0",
    data: {
      name,
      description: "d",
      first_mes: "",
      assets: [{ type: "icon", name: "main", ...icon }],
    },
  };
}

function dataUrl(mime: string, bytes: Uint8Array): string {
  return `data:${mime};base64,${btoa(String.fromCharCode(...bytes))}`;
}

Deno.test("an SVG icon of a card is dropped on import (noted), and no avatar is served", async () => {
  await withTestServer(async ({ server }) => {
    const api = server.apiUrl;
    const svg = new TextEncoder().encode(SVG);
    const response = await fetch(`${api}/personas/import`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(iconCard("Svg", { ext: "svg", uri: dataUrl("image/svg+xml", svg) })),
    });
    const imported = await response.json();
    assert.equal(response.status, 201);
    assert.equal(imported.avatar, false);
    assert.equal(imported.assets, 0);
    assert.match(imported.notes.join("\n"), /icon "main" \(svg\) was dropped/);
    const avatar = await fetch(`${api}/personas/${imported.persona_id}/avatar`);
    assert.equal(avatar.status, 404);
    await avatar.body?.cancel();
  });
});

Deno.test("an icon is typed by its bytes: a PNG called svg is served as image/png, nosniff and sandboxed", async () => {
  await withTestServer(async ({ server, client }) => {
    const api = server.apiUrl;
    const png = avatarPng(4);
    const response = await fetch(`${api}/personas/import`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(iconCard("Png", { ext: "svg", uri: dataUrl("image/svg+xml", png) })),
    });
    const imported = await response.json();
    assert.equal(imported.avatar, true);
    const avatar = await fetch(`${api}/personas/${imported.persona_id}/avatar`);
    assert.equal(avatar.headers.get("content-type"), "image/png");
    assert.equal(avatar.headers.get("x-content-type-options"), "nosniff");
    assert.equal(avatar.headers.get("content-security-policy"), "sandbox");
    assert.deepEqual(new Uint8Array(await avatar.arrayBuffer()), png);
    const { persona } = await client.call<{ persona: { avatar: { mime: string } } }>(
      "persona.get",
      { persona_id: imported.persona_id },
    );
    assert.equal(persona.avatar.mime, "image/png");
  });
});

Deno.test("an SVG icon of a bundle is dropped with a note", async () => {
  await withTestServer(async ({ client }) => {
    const bundle = {
      format: "persona-mcp/bundle",
      version: 1,
      exported_at: new Date().toISOString(),
      persona: { name: "Bundled", description: "d" },
      assets: [
        { type: "icon", name: "main", ext: "svg", data: btoa(SVG) },
        { type: "icon", name: "side", ext: "png", data: btoa(String.fromCharCode(...avatarPng())) },
      ],
    };
    const result = await client.call<
      { persona_id: string; restored: { assets: number }; notes: string[] }
    >("persona.import", { bundle });
    assert.equal(result.restored.assets, 1);
    assert.match(result.notes.join("\n"), /icon "main" \(svg\) was dropped/);
    const { persona } = await client.call<{ persona: { avatar: { mime: string } } }>(
      "persona.get",
      { persona_id: result.persona_id },
    );
    assert.equal(persona.avatar.mime, "image/png", "the PNG icon is the avatar now");
  });
});

Deno.test("an SVG avatar stored before icons were checked is neither served nor listed", async () => {
  await withTestServer(async ({ server, client }) => {
    const { persona } = await client.call<{ persona: { id: string } }>("persona.create", {
      name: "Old",
      description: "d",
    });
    const svg = new TextEncoder().encode(SVG);
    await new AssetRepository(server.services.db).replace(persona.id, [
      { type: "icon", name: "main", ext: "svg", data: svg },
    ]);
    const avatar = await fetch(`${server.apiUrl}/personas/${persona.id}/avatar`);
    assert.equal(avatar.status, 404);
    await avatar.body?.cancel();
    const listed = await client.call<{ personas: Array<{ id: string; avatar: unknown }> }>(
      "persona.list",
      {},
    );
    assert.equal(listed.personas.find((p) => p.id === persona.id)?.avatar, null);
    const got = await client.call<{ persona: { avatar: unknown } }>("persona.get", {
      persona_id: persona.id,
    });
    assert.equal(got.persona.avatar, null);
  });
});
