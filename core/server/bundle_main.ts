/**
 * The entry of `deno task bundle`: the server (`main.ts`) with its word data inside the one
 * file. `deno run main.ts` reads the data from its files so that the module graph holds no copy
 * of them (`core/memory/meaning/shipped_data.ts`); a bundle has no files beside it, so this entry
 * imports them as JSON modules and hands them over before it starts the server (`main.ts` is not
 * the main module here, bundled or not, so it does not start by itself).
 *
 * @module
 */
import vectors from "../memory/meaning/word_vectors.gen.json" with { type: "json" };
import relations from "../memory/meaning/word_relations.gen.json" with { type: "json" };
import { carryShippedData } from "../memory/meaning/shipped_data.ts";
import { main } from "../../main.ts";

carryShippedData("word_vectors.gen.json", vectors);
carryShippedData("word_relations.gen.json", relations);
await main();
