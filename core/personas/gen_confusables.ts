/**
 * Writes `confusables.gen.json` from `npm:unhomoglyph`'s data (Unicode's confusables.txt):
 * `deno task gen:confusables` after the package's version changes in `deno.json`.
 * `confusables_test.ts` fails while the file differs from what this writes.
 *
 * @module
 */
import table from "unhomoglyph/data.json" with { type: "json" };
import { packConfusables } from "./confusables.ts";

/** Where the table comes from, as the file names it. */
export const CONFUSABLES_SOURCE = "npm:unhomoglyph@1.0.6 data.json";

/** The file's text. */
export function confusablesFile(): string {
  return JSON.stringify(packConfusables(table, CONFUSABLES_SOURCE), null, 2) + "\n";
}

if (import.meta.main) {
  await Deno.writeTextFile(new URL("./confusables.gen.json", import.meta.url), confusablesFile());
}
