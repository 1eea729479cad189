/**
 * Pins `has_more` of a room's transcript paging at its edge, on a real SQLite file: a page that
 * ends exactly at the first line says nothing follows.
 */
import assert from "node:assert/strict";
import { createServices } from "../services.ts";
import { loadConfig } from "../config.ts";
import { createLogger } from "../log.ts";
import { PersonaCreate } from "../personas/schema.ts";
import { RoomRepository } from "./repository.ts";

Deno.test("room history: has_more is false on a page that ends at the first line", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "persona-roomhistory-" });
  const services = await createServices(
    loadConfig({
      env: {
        DATA_DIR: dataDir,
        SEED_PERSONAS: "false",
        MEMORY_EXTRACTION: "false",
        MEMORY_REFLECTION: "false",
      },
      dotenv: "",
    }),
    { log: createLogger("error", { write: () => {} }) },
  );
  try {
    const ann = await services.personas.create(PersonaCreate.parse({ name: "Ann" }));
    const room = await services.rooms.create({ personas: [ann] });
    const lines = new RoomRepository(services.db);
    for (let i = 0; i < 3; i++) {
      await lines.append({
        id: `l${i}`,
        room_id: room.id,
        speaker_kind: "user",
        persona_id: null,
        speaker: "User",
        content: `line ${i}`,
        reason: null,
        model: null,
        tokens: 0,
        created_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      });
    }
    const exact = await services.rooms.history(room.id, { limit: 3 });
    assert.deepEqual([exact.messages.length, exact.has_more], [3, false]);
    const short = await services.rooms.history(room.id, { limit: 2 });
    assert.deepEqual([short.messages.length, short.has_more], [2, true]);
    const rest = await services.rooms.history(room.id, { limit: 1, beforeId: "l1" });
    assert.deepEqual([rest.messages.map((m) => m.id), rest.has_more], [["l0"], false]);
  } finally {
    await services.memory.close();
    await services.db.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});
