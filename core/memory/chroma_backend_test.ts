import { ChromaClient } from "chromadb";
import { ChromaBackend } from "./chroma_backend.ts";
import { startChromaServer } from "./chroma_server.ts";
import { runMemoryContract } from "./testing/contract.ts";

Deno.test("the memory contract holds for the chroma backend (a real Chroma server)", async (t) => {
  const chroma = await startChromaServer();
  try {
    const settings = {
      url: chroma.url,
      tenant: "default_tenant",
      database: "default_database",
      token: "",
      timeoutMs: 60_000, // a real server on a loaded machine: no test here is about time
    };
    const client = new ChromaClient({ host: "127.0.0.1", port: chroma.port });
    // Each case starts from an empty server: cases share it, and summaries span all personas.
    const beforeEach = async () => {
      for (const collection of await client.listCollections()) {
        await client.deleteCollection({ name: collection.name });
      }
    };
    await runMemoryContract(t, () => new ChromaBackend(settings), { beforeEach });
  } finally {
    await chroma.stop();
  }
});
