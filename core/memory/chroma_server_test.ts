import assert from "node:assert/strict";
import { startChromaServer } from "./chroma_server.ts";

Deno.test("a Chroma server started without a path gets a temporary folder, removed when it stops", async () => {
  const chroma = await startChromaServer();
  const folder = chroma.path;
  assert.ok(Deno.statSync(folder).isDirectory);
  await chroma.stop();
  assert.throws(() => Deno.statSync(folder), Deno.errors.NotFound);
});

Deno.test("a Chroma server's own path stays after it stops", async () => {
  const path = await Deno.makeTempDir({ prefix: "chroma-kept-" });
  try {
    const chroma = await startChromaServer({ path });
    await chroma.stop();
    assert.ok(Deno.statSync(path).isDirectory);
  } finally {
    await Deno.remove(path, { recursive: true });
  }
});
