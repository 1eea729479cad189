/**
 * `GET /api/system/settings` (what the dashboard's System page shows) never shows a URL's
 * password, however the password is spelled (attack20 F4).
 */
import assert from "node:assert/strict";
import { startTestServer } from "./_helpers.ts";

Deno.test("system settings over HTTP mask URL passwords with @ or spaces", async () => {
  const server = await startTestServer({
    OLLAMA_HOST: "http://ollama:p@ss-w0rd@127.0.0.1:9",
    CHROMA_URL: "http://chroma:pass word@127.0.0.1:9",
  });
  try {
    const response = await fetch(`${server.apiUrl}/system/settings`);
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.ok(!text.includes("p@ss-w0rd") && !text.includes("ss-w0rd"), "no part of it");
    assert.ok(!text.includes("pass word") && !text.includes("pass%20word"));
    assert.match(text, /"http:\/\/\*{8}@127\.0\.0\.1:9"/);
  } finally {
    await server.shutdown();
  }
});
