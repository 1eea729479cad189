/**
 * `PUT /api/personas/:id/avatar` (attack14 F11) through `app.request()`: an avatar larger than a
 * JSON request may be (MAX_FRAME_BYTES) is set from the image's bytes, checked as
 * `persona.update`'s avatar is; over CARD_MAX_BYTES is 413. And uploads without a file type
 * (`curl --data-binary @card.json`, F9) are read as files.
 *
 * @module
 */
import assert from "node:assert/strict";
import { buildServer } from "../server.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";
import { noisyPng } from "../../../tests/_cards.ts";

async function restApp(env: Record<string, string> = {}) {
  const parts = await buildServer(testConfig(env), { log: testLogger(), databasePath: ":memory:" });
  return { ...parts, [Symbol.asyncDispose]: () => parts.services.db.close() };
}

Deno.test("PUT /api/personas/:id/avatar sets an avatar over the JSON body limit; bad images are 400, too big 413", async () => {
  await using app = await restApp({ CARD_MAX_BYTES: "3000000" });
  const image = noisyPng(1_500_000);
  assert.ok(image.length > 1024 * 1024, "larger than MAX_FRAME_BYTES");
  const put = await app.rest.request("/api/personas/Aria/avatar", {
    method: "PUT",
    headers: { "Content-Type": "image/png" },
    body: image,
  });
  assert.equal(put.status, 200);
  const body = await put.json();
  assert.deepEqual(body.avatar, { mime: "image/png", size_bytes: image.length });
  const got = await app.rest.request("/api/personas/Aria/avatar");
  assert.deepEqual(new Uint8Array(await got.arrayBuffer()), image);

  // No Content-Type, or curl's default: bytes all the same.
  for (
    const headers of [{}, { "Content-Type": "application/x-www-form-urlencoded" }] as Record<
      string,
      string
    >[]
  ) {
    const again = await app.rest.request("/api/personas/Kira/avatar", {
      method: "PUT",
      headers,
      body: image,
    });
    assert.equal(again.status, 200, JSON.stringify(headers));
  }

  const svg = await app.rest.request("/api/personas/Aria/avatar", {
    method: "PUT",
    headers: { "Content-Type": "image/png" },
    body: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  });
  assert.equal(svg.status, 400);
  const refused = await svg.json();
  assert.equal(refused.error.code, -32602);
  assert.equal(refused.error.data.fields[0].field, "avatar");

  const empty = await app.rest.request("/api/personas/Aria/avatar", {
    method: "PUT",
    headers: { "Content-Type": "image/png" },
    body: new Uint8Array(),
  });
  assert.equal(empty.status, 400);

  const tooBig = await app.rest.request("/api/personas/Aria/avatar", {
    method: "PUT",
    headers: { "Content-Type": "image/png" },
    body: noisyPng(3_200_000),
  });
  assert.equal(tooBig.status, 413);
  assert.equal((await tooBig.json()).error.data.limit_bytes, 3_000_000);

  const nobody = await app.rest.request("/api/personas/Nobody/avatar", {
    method: "PUT",
    headers: { "Content-Type": "image/png" },
    body: image,
  });
  assert.equal(nobody.status, 404);
  // The avatar set first is still there.
  const still = await app.rest.request("/api/personas/Aria/avatar");
  assert.equal((await still.arrayBuffer()).byteLength, image.length);
});

Deno.test("uploads sent as curl --data-binary sends them (no -H) or as text are read as files", async () => {
  await using app = await restApp();
  const card = JSON.stringify({
    spec: "chara_card_v2",
    spec_version: "2.0",
    data: { name: "Curl" },
  });
  for (
    const [path, type, body] of [
      ["/api/personas/import", "application/x-www-form-urlencoded", card],
      ["/api/personas/import?name=Text", "text/plain;charset=UTF-8", card],
      ["/api/lorebooks/import", "application/x-www-form-urlencoded", '{"entries": []}'],
    ]
  ) {
    const response = await app.rest.request(path!, {
      method: "POST",
      headers: { "Content-Type": type! },
      body,
    });
    assert.equal(response.status, 201, `${path} ${type}: ${await response.clone().text()}`);
  }
});
