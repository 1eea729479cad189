/**
 * `PUT /api/personas/:id/avatar` on a real server (attack14 F11): a 2 MB avatar, past the 1 MiB
 * a JSON-RPC frame or a JSON body may carry, is set from its bytes and served back unchanged;
 * `persona.get` over WebSocket shows it. Real sockets and SQLite, the test model server.
 *
 * @module
 */
import assert from "node:assert/strict";
import { noisyPng } from "./_cards.ts";
import { withTestServer } from "./_helpers.ts";

Deno.test("a 2 MB avatar is uploaded raw over REST and served back byte for byte", async () => {
  await withTestServer(async ({ server, client }) => {
    const image = noisyPng(2_000_000);
    const put = await fetch(`${server.apiUrl}/personas/Aria/avatar`, {
      method: "PUT",
      headers: { "Content-Type": "image/png" },
      body: image,
    });
    assert.equal(put.status, 200);
    assert.equal((await put.json()).avatar.size_bytes, image.length);
    const got = await fetch(`${server.apiUrl}/personas/Aria/avatar`);
    assert.equal(got.headers.get("content-type"), "image/png");
    assert.deepEqual(new Uint8Array(await got.arrayBuffer()), image);
    const persona = await client.call<{ persona: { avatar: { size_bytes: number } } }>(
      "persona.get",
      { persona_id: "Aria" },
    );
    assert.equal(persona.persona.avatar.size_bytes, image.length);
  });
});
