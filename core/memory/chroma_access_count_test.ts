/**
 * The Chroma backend's access count saturates at `COUNT_MAX` (10^9), as on SQLite and PostgreSQL
 * (core/memory/access_count_test.ts), on a real Chroma server: touches past it leave it there,
 * as read back by the same backend and by a fresh one.
 */
import assert from "node:assert/strict";
import { COUNT_MAX } from "../numbers.ts";
import { ChromaBackend } from "./chroma_backend.ts";
import { startChromaServer } from "./chroma_server.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

Deno.test("a memory's access count stops at 10^9 on Chroma (a real Chroma server)", async () => {
  const chroma = await startChromaServer();
  const open = () =>
    new ChromaBackend({
      url: chroma.url,
      tenant: "default_tenant",
      database: "default_database",
      token: "",
      timeoutMs: 60_000, // a real server on a loaded machine: no test here is about time
    });
  const backend = open();
  try {
    const record = sampleRecord({ id: "m1", accessed_count: COUNT_MAX - 1 });
    await backend.insert([{ record, vector: new Float32Array([1, 0]) }]);
    const stored = (await backend.get("m1"))!;
    assert.equal(stored.accessed_count, COUNT_MAX - 1);
    // Each touch adds one to the count it is given: the second starts from the max.
    await backend.touch([stored], "2026-06-01T10:00:00.000Z");
    const full = (await backend.get("m1"))!;
    assert.equal(full.accessed_count, COUNT_MAX);
    for (const at of ["2026-06-01T10:00:01.000Z", "2026-06-01T10:00:02.000Z"]) {
      await backend.touch([(await backend.get("m1"))!], at);
    }
    // A touch from a stale copy past the max (a count read elsewhere) stops there too.
    await backend.touch([{ ...full, accessed_count: COUNT_MAX + 5 }], "2026-06-01T10:00:03.000Z");
    const again = open();
    try {
      const read = (await again.get("m1"))!;
      assert.equal(read.accessed_count, COUNT_MAX);
      assert.equal(read.last_accessed, "2026-06-01T10:00:03.000Z");
    } finally {
      await again.close();
    }
  } finally {
    await backend.close();
    await chroma.stop();
  }
});
