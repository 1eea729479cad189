import assert from "node:assert/strict";
import { carryShippedData, readShippedData } from "./shipped_data.ts";
import { WordVectors } from "./word_vectors.ts";

// Before any test here decodes the shared tables (once per process): the carried data is read then.

Deno.test("each word data file reads as its JSON module gives it", async () => {
  const modules = {
    "word_vectors.gen.json": await import("./word_vectors.gen.json", { with: { type: "json" } }),
    "word_relations.gen.json": await import("./word_relations.gen.json", {
      with: { type: "json" },
    }),
  };
  for (const [file, module] of Object.entries(modules)) {
    assert.deepEqual(await readShippedData(file as keyof typeof modules), module.default, file);
  }
});

Deno.test("data a bundle carries is read instead of the file, and once decoded keeps no encoded copy of the vectors", async () => {
  // What core/server/bundle_main.ts hands over: JSON modules, loaded for the life of the process, whose
  // base64 vectors (4.5 MB of heap) and word lists would sit beside their decoded tables.
  const { default: vectors } = await import("./word_vectors.gen.json", { with: { type: "json" } });
  const relations = { ...(await readShippedData("word_relations.gen.json") as object) };
  carryShippedData("word_vectors.gen.json", vectors);
  carryShippedData("word_relations.gen.json", relations);
  assert.ok(await readShippedData("word_relations.gen.json") === relations, "the carried data");
  const words = await WordVectors.shared();
  for (const field of ["words", "stems", "ranks", "scales", "vectors"] as const) {
    assert.ok(vectors[field] === "", `${field} is not emptied`);
  }
  assert.ok(words.similarity("physician", "doctor") > 0.3);
});
