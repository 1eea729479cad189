/**
 * `assertShippedDataReadable` checks only the files no bundle carries, each of them: run on a
 * copy of shipped_data.ts in a temporary folder without the data files (its own module instance,
 * so its own carried data), so that the shipped files are never moved while other tests read them.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { tempDirSync } from "../../testing/temp_dirs.ts";

type ShippedData = typeof import("./shipped_data.ts");

/** A fresh instance of shipped_data.ts in a folder of its own, with no data files beside it. */
async function isolatedShippedData(): Promise<{ module: ShippedData; folder: string }> {
  const folder = tempDirSync("mut61-shipped-");
  Deno.copyFileSync(new URL("./shipped_data.ts", import.meta.url), join(folder, "shipped_data.ts"));
  const module = await import(pathToFileURL(join(folder, "shipped_data.ts")).href) as ShippedData;
  return { module, folder };
}

Deno.test("assertShippedDataReadable: a carried file is not looked for, and the one after it still is", async () => {
  const { module, folder } = await isolatedShippedData();
  // The vectors carried: the relations, checked after them, are still missing and named.
  module.carryShippedData("word_vectors.gen.json", {});
  assert.throws(
    () => module.assertShippedDataReadable(),
    (error: Error) =>
      error.message.includes(join(folder, "word_relations.gen.json")) &&
      !error.message.includes("word_vectors.gen.json"),
  );
  // Both carried: nothing is read from the folder, so nothing is missing.
  module.carryShippedData("word_relations.gen.json", {});
  module.assertShippedDataReadable();
});
