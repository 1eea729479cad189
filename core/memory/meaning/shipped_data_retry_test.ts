/**
 * A failed word data read is not remembered: with the files missing the load fails, and once they
 * are back the next call loads. Runs on a copy of the word vectors' modules in a temporary folder
 * (its own module instances, so its own once-per-process state), so that the shipped files are
 * never moved while other tests read them.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { tempDirSync } from "../../testing/temp_dirs.ts";
import { copyModuleGraph } from "../../../tests/_module_graph.ts";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const WORD_FILES = ["word_vectors.gen.json", "word_relations.gen.json"];

Deno.test("a failed word data read is forgotten: the next call reads the files again", async () => {
  const folder = tempDirSync("fix164-words-");
  await copyModuleGraph("core/memory/meaning/word_vectors.ts", { root: REPO, into: folder });
  const meaning = join(folder, "core/memory/meaning");
  for (const file of WORD_FILES) assert.throws(() => Deno.statSync(join(meaning, file)));
  type Modules = typeof import("./word_vectors.ts") & typeof import("./shipped_data.ts");
  const { WordVectors } = await import(
    pathToFileURL(join(meaning, "word_vectors.ts")).href
  ) as Modules;
  const { assertShippedDataReadable } = await import(
    pathToFileURL(join(meaning, "shipped_data.ts")).href
  ) as Modules;

  // The start check names the missing file and the flag a user needs.
  assert.throws(
    () => assertShippedDataReadable(),
    (error: Error) =>
      error.message.includes(join(meaning, "word_vectors.gen.json")) &&
      error.message.includes(`--allow-read that includes ${meaning}/`),
  );
  await assert.rejects(WordVectors.shared(), /Cannot read the word data .*\.gen\.json/);
  assert.equal(WordVectors.loading, undefined, "the failed load is forgotten");

  for (const file of WORD_FILES) {
    Deno.copyFileSync(join(REPO, "core/memory/meaning", file), join(meaning, file));
  }
  assertShippedDataReadable();
  const words = await WordVectors.shared();
  assert.ok(words.unitOfStem("spider"), "the table loaded once the files were back");
});
