/**
 * When one word data file of two cannot be read, the shared table's load fails with that file's
 * own error (not the other's, nor a table built from nothing). Runs on copies of the word
 * vectors' modules in temporary folders (their own module instances, so their own
 * once-per-process state), each beside one of the two files, so that the shipped files are never
 * moved while other tests read them.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { tempDirSync } from "../../testing/temp_dirs.ts";
import { copyModuleGraph } from "../../../tests/_module_graph.ts";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const MEANING = "core/memory/meaning";

/** Copies word_vectors.ts, every local module it imports and the word data file `kept`. */
async function modulesBeside(kept: string): Promise<string> {
  const folder = tempDirSync("mut61-words-");
  await copyModuleGraph(`${MEANING}/word_vectors.ts`, { root: REPO, into: folder });
  Deno.copyFileSync(join(REPO, MEANING, kept), join(folder, MEANING, kept));
  return folder;
}

/** The error of the shared table's load in a copy beside `kept` alone. */
async function loadBeside(kept: string): Promise<unknown> {
  const folder = await modulesBeside(kept);
  const { WordVectors } = await import(
    pathToFileURL(join(folder, MEANING, "word_vectors.ts")).href
  ) as typeof import("./word_vectors.ts");
  try {
    await WordVectors.shared();
  } catch (error) {
    assert.equal(WordVectors.loading, undefined, "the failed load is forgotten");
    return error;
  }
  assert.fail("the load did not fail");
}

Deno.test("WordVectors.shared: the relations missing, the load fails naming the relations file", async () => {
  const error = await loadBeside("word_vectors.gen.json");
  assert.match((error as Error).message, /Cannot read the word data .*word_relations\.gen\.json/);
});

Deno.test("WordVectors.shared: the vectors missing, the load fails naming the vectors file", async () => {
  const error = await loadBeside("word_relations.gen.json");
  assert.match((error as Error).message, /Cannot read the word data .*word_vectors\.gen\.json/);
});
