/**
 * The word data's load on a copy of its modules in a temporary folder (its own module instances,
 * so its own once-per-process state), so that the shipped files are never moved while other tests
 * read them.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { tempDirSync } from "../../testing/temp_dirs.ts";
import { copyModuleGraph } from "../../../tests/_module_graph.ts";
import { WORD_RELATION_ID } from "./word_relations.ts";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));

Deno.test("the word data's load reports the relations' failure first, then the table's, and reads both once there", async () => {
  const folder = tempDirSync("split47-words-");
  await copyModuleGraph("core/memory/meaning/word_data.ts", { root: REPO, into: folder });
  const meaning = join(folder, "core/memory/meaning");
  const { readWordData } = await import(
    pathToFileURL(join(meaning, "word_data.ts")).href
  ) as typeof import("./word_data.ts");
  const copy = (file: string) =>
    Deno.copyFileSync(join(REPO, "core/memory/meaning", file), join(meaning, file));

  await assert.rejects(readWordData(), /Cannot read the word data .*word_relations\.gen\.json/);
  copy("word_relations.gen.json");
  await assert.rejects(readWordData(), /Cannot read the word data .*word_vectors\.gen\.json/);
  copy("word_vectors.gen.json");
  const { tables, relations } = await readWordData();
  assert.equal(tables.dimensions, 100);
  assert.equal(relations.id, WORD_RELATION_ID);
});
