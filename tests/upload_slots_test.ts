/**
 * Upload routes take at most MAX_CONCURRENT_UPLOADS at once (attack14 F1: eight 14 MB uploads at
 * once took 2 GB), MAX_QUEUED_UPLOADS more wait their turn: with four bodies still arriving and
 * sixteen waiting, one more upload is refused with `busy` (429, -32003, Retry-After) and other
 * routes answer; once they end, every waiting one is taken, and uploads go on. A real
 * server on 127.0.0.1, request bodies streamed.
 *
 * @module
 */
import assert from "node:assert/strict";
import { MAX_CONCURRENT_UPLOADS, MAX_QUEUED_UPLOADS } from "../core/server/rest/upload.ts";
import { withTestServer } from "./_helpers.ts";

const CARD = JSON.stringify({ spec: "chara_card_v2", spec_version: "2.0", data: { name: "Slow" } });

/** An upload whose body arrives when `finish` is called. */
function slowUpload(url: string): { response: Promise<Response>; finish: () => void } {
  let control!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (control = c) });
  control.enqueue(new TextEncoder().encode(CARD.slice(0, 10)));
  const response = fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body,
  });
  return {
    response,
    finish: () => {
      control.enqueue(new TextEncoder().encode(CARD.slice(10)));
      control.close();
    },
  };
}

Deno.test("an upload past four running and sixteen waiting is busy (429); other routes answer; the waiting ones are taken", async () => {
  await withTestServer(async ({ server }) => {
    const url = `${server.apiUrl}/personas/import?on_conflict=rename`;
    const slow = Array.from(
      { length: MAX_CONCURRENT_UPLOADS + MAX_QUEUED_UPLOADS },
      () => slowUpload(url),
    );
    let refused: Response | undefined;
    try {
      // The slow ones reach the server in their own time: try until one more is refused.
      for (let attempt = 0; attempt < 100 && !refused; attempt++) {
        const response = await fetch(url, { method: "POST", body: CARD });
        if (response.status === 429) refused = response;
        else {
          await response.body?.cancel();
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    } finally {
      // Ended whatever happened: a server does not stop while a body is still arriving.
      for (const upload of slow) upload.finish();
    }
    assert.ok(refused, "a fifth upload was refused");
    assert.equal(refused.headers.get("retry-after"), "1");
    const { error } = await refused.json();
    assert.equal(error.code, -32003);
    assert.match(error.message, /Too many uploads at once \(4 running, 16 waiting\)/);
    assert.equal((await fetch(`${server.apiUrl}/personas?limit=1`)).status, 200);

    for (const upload of slow) {
      const response = await upload.response;
      assert.equal(response.status, 201);
      await response.body?.cancel();
    }
    const after = await fetch(url, { method: "POST", body: CARD });
    assert.equal(after.status, 201);
    await after.body?.cancel();
  });
});
