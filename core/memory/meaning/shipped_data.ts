/**
 * The word data files shipped beside this module (`word_vectors.gen.json`, 6.4 MB, and
 * `word_relations.gen.json`, 3.5 MB), read as files when first needed rather than imported as
 * JSON modules. Deno holds the source text of every module its graph reaches for the life of the
 * process, and a literal `import()` puts a module in the graph even when it never runs: as JSON
 * modules the two files cost a server ~13 MB of RSS on top of their decoded tables (see
 * core/server/README.md, "Memory of an idle socket"). A file read is parsed once and
 * let go.
 *
 * A build with no files beside it must carry the data inside itself: `deno task bundle` bundles
 * `core/server/bundle_main.ts`, which imports both files as JSON modules and hands them over with
 * {@linkcode carryShippedData} before the server starts; `deno task compile` embeds the files
 * themselves (`--include`), which its executable reads as files.
 *
 * @module
 */

/** The files {@linkcode readShippedData} reads. */
export type ShippedDataFile = "word_vectors.gen.json" | "word_relations.gen.json";

/** Every file {@linkcode readShippedData} reads. */
const SHIPPED_FILES: readonly ShippedDataFile[] = [
  "word_vectors.gen.json",
  "word_relations.gen.json",
];

/** What a bundle carries, by file. */
const carried = new Map<ShippedDataFile, unknown>();

/** Hands over `file`'s parsed data, which {@linkcode readShippedData} then gives instead of the file's. */
export function carryShippedData(file: ShippedDataFile, data: unknown): void {
  carried.set(file, data);
}

/**
 * The parsed JSON of `file`: what a bundle carries ({@linkcode carryShippedData}), else the file
 * beside this module. A file that cannot be read (a bundle without its carried data, a compiled
 * executable without `--include`, a read permission that leaves it out) is an error naming it.
 */
export async function readShippedData(file: ShippedDataFile): Promise<unknown> {
  if (carried.has(file)) return carried.get(file);
  const url = new URL(`./${file}`, import.meta.url);
  let text: string;
  try {
    text = await Deno.readTextFile(url);
  } catch (error) {
    throw new Error(
      `Cannot read the word data ${url.pathname}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return JSON.parse(text);
}

/**
 * Throws, naming the path and the flag, when a word data file the server will read (one no bundle
 * carries) cannot be opened. A server calls it before it reports ready: the files are read after
 * start, so a read permission scoped to the data directory would otherwise leave a server that
 * says it is up while every memory call fails (review44a S1).
 */
export function assertShippedDataReadable(): void {
  for (const file of SHIPPED_FILES) {
    if (carried.has(file)) continue;
    const url = new URL(`./${file}`, import.meta.url);
    try {
      Deno.openSync(url).close();
    } catch (error) {
      const folder = new URL(".", url).pathname;
      throw new Error(
        `cannot read the word data ${url.pathname} (${(error as Error).message}); ` +
          `run with --allow-read, or a scoped --allow-read that includes ${folder}`,
        { cause: error },
      );
    }
  }
}
