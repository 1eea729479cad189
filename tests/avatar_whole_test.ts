/**
 * Avatars are checked as whole files (attack17 F9): a PNG signature followed by junk, or a PNG
 * cut short, is refused over REST (with a message about the file, not base64) and over
 * JSON-RPC; a whole image is set. Real sockets and SQLite, the test model server.
 *
 * @module
 */
import assert from "node:assert/strict";
import { toBase64 } from "../core/characters/assets.ts";
import { avatarPng } from "./_cards.ts";
import { type RpcCallError, withTestServer } from "./_helpers.ts";

Deno.test("an avatar that is a header followed by junk, or a cut file, is refused", async () => {
  await withTestServer(async ({ server, client }) => {
    const junk = new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      ...Array(20).fill(0x6a),
    ]);
    const whole = new Uint8Array(avatarPng());
    for (const body of [junk, whole.slice(0, 20)]) {
      const put = await fetch(`${server.apiUrl}/personas/Aria/avatar`, { method: "PUT", body });
      const json = await put.json();
      assert.equal(put.status, 400);
      assert.equal(json.error?.code, -32602);
      assert.match(json.error?.message ?? "", /is not a complete PNG image/);
      assert.doesNotMatch(json.error?.message ?? "", /base64/);
    }
    const raw = await fetch(`${server.apiUrl}/personas/Aria/avatar`, {
      method: "PUT",
      body: "plain text",
    });
    assert.equal(raw.status, 400);
    assert.doesNotMatch((await raw.json()).error?.message ?? "", /base64/);
    await assert.rejects(
      client.call("persona.update", { persona_id: "Aria", avatar: toBase64(junk) }),
      (error: RpcCallError) => error.code === -32602 && /complete PNG/.test(error.message),
    );
    const ok = await fetch(`${server.apiUrl}/personas/Aria/avatar`, { method: "PUT", body: whole });
    assert.equal(ok.status, 200);
    await ok.body?.cancel();
  });
});
