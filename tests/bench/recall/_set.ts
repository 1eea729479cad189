/**
 * The hand-written recall sets (`facts.json`, `distractors.txt`, `queries.json` in this folder,
 * a second, independently written one in `set2/`, and a third in `set3/`, written later without
 * studying the first two and kept out of tuning: all its queries are half b) and the metrics
 * `deno task bench:recall` prints: recall@1, recall@5 and MRR per query kind, per half.
 *
 * @module
 */

/** The kinds of query, in the order they are reported. */
export const KINDS = ["exact", "paraphrase", "forms", "update", "multi", "synonym"] as const;
/** One kind. */
export type Kind = typeof KINDS[number];

/** Sets kept out of tuning: only their totals may be looked at, never a query's misses. */
export const HELD_OUT_SETS: readonly string[] = ["set3", "set7", "set8"];

/**
 * Throws when `names` lists a held-out set, however written (`./set3`, `x/../set3/`, a path,
 * `%73et3`, `multi-set3`: the folder it names, as the tools' `new URL` reads it): for the tools
 * that print a query's misses.
 */
export function refuseHeldOut(names: readonly string[]): void {
  const held = names.filter(isHeldOut);
  if (held.length > 0) {
    throw new Error(`${held.join(", ")} held out: only their totals may be looked at`);
  }
}

/** Whether `name` denotes a held-out set (or its several-facts questions), however written. */
export function isHeldOut(name: string): boolean {
  const folder = setFolder(name);
  return HELD_OUT_SETS.some((set) => folder === set || folder === `multi-${set}`);
}

/** The name of the folder a set's name denotes under this one (its URL's last segment, decoded). */
function setFolder(name: string): string {
  const segments = new URL(`./${name}/`, DEFAULT_SET_DIR).pathname.split("/").filter(Boolean);
  try {
    return decodeURIComponent(segments.at(-1) ?? "");
  } catch {
    return name; // Not a name any tool could load.
  }
}
/** Half a is looked at while tuning; half b is held out. */
export type Half = "a" | "b";

/** One memory to store: a labelled fact, an update of one, or a distractor. */
export interface LabelledMemory {
  label: string;
  text: string;
  /** Label of the older fact this one replaces. */
  supersedes?: string;
}

/** One labelled query. */
export interface LabelledQuery {
  half: Half;
  kind: Kind;
  text: string;
  /** Labels of the memories that answer it (all of them, for `multi`). */
  expect: string[];
  /** For `update`: the older fact that must rank below `expect[0]`. */
  older?: string;
}

/** The whole set. */
export interface RecallSet {
  memories: LabelledMemory[];
  queries: LabelledQuery[];
}

/** The shape of `facts.json`: facts by label, and updates naming the fact they replace. */
interface FactsFile {
  facts: Record<string, string>;
  updates: Record<string, { supersedes: string; text: string }>;
}

/** The folder of the first set (this module's); other sets live in subfolders of it. */
export const DEFAULT_SET_DIR: URL = new URL("./", import.meta.url);

/** Reads the set from the files in `dir` (a folder URL ending in `/`; default the first set). */
export function loadRecallSet(dir: URL = DEFAULT_SET_DIR): RecallSet {
  const read = (name: string) => Deno.readTextFileSync(new URL(name, dir));
  const factsFile = JSON.parse(read("facts.json")) as FactsFile;
  const queriesFile = JSON.parse(read("queries.json")) as { queries: LabelledQuery[] };
  const distractorText = read("distractors.txt");
  // One distractor a line; a kept exchange ("Theo said: ...\\nJuno replied: ...") writes its line
  // break as a backslash and an n, so that it stays one line of the file.
  const distractors = distractorText.split("\n").map((line) => line.trim()).filter(Boolean)
    .map((line) => line.replaceAll("\\n", "\n"));
  const memories: LabelledMemory[] = [
    ...Object.entries(factsFile.facts).map(([label, text]) => ({ label, text })),
    ...distractors.map((text, i) => ({ label: `d${String(i + 1).padStart(3, "0")}`, text })),
    ...Object.entries(factsFile.updates).map(([label, update]) => ({
      label,
      text: update.text,
      supersedes: update.supersedes,
    })),
  ];
  return { memories, queries: queriesFile.queries };
}

/** How one query fared: its ranked labels (best first) and what it expected. */
export interface QueryOutcome {
  query: LabelledQuery;
  ranked: string[];
}

/** The figures of a group of queries (means over queries). */
export interface Figures {
  count: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
  /** For updates: share of queries where the newer fact ranks above the older one. */
  newerFirst?: number;
}

/** Share of `expected` among the first `k` of `ranked`. */
export function recallAt(ranked: readonly string[], expected: readonly string[], k: number) {
  const top = new Set(ranked.slice(0, k));
  return expected.filter((label) => top.has(label)).length / expected.length;
}

/** 1 / rank of the first expected label (0 when none is ranked). */
export function reciprocalRank(ranked: readonly string[], expected: readonly string[]): number {
  const at = ranked.findIndex((label) => expected.includes(label));
  return at < 0 ? 0 : 1 / (at + 1);
}

/** Whether the newer fact ranks above the older one (an absent older fact counts as below). */
export function newerFirst(ranked: readonly string[], newer: string, older: string): boolean {
  const at = ranked.indexOf(newer);
  const olderAt = ranked.indexOf(older);
  return at >= 0 && (olderAt < 0 || at < olderAt);
}

/** The figures of `outcomes`. */
export function figures(outcomes: readonly QueryOutcome[]): Figures {
  const mean = (values: number[]) =>
    values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
  const updates = outcomes.filter(({ query }) => query.older !== undefined);
  return {
    count: outcomes.length,
    recallAt1: mean(outcomes.map(({ query, ranked }) => recallAt(ranked, query.expect, 1))),
    recallAt5: mean(outcomes.map(({ query, ranked }) => recallAt(ranked, query.expect, 5))),
    mrr: mean(outcomes.map(({ query, ranked }) => reciprocalRank(ranked, query.expect))),
    newerFirst: updates.length === 0 ? undefined : mean(
      updates.map(({ query, ranked }) =>
        newerFirst(ranked, query.expect[0]!, query.older!) ? 1 : 0
      ),
    ),
  };
}

/**
 * A set by name: `""` or `set1` (this folder), `setN` (the folder `setN/`: `set2` to `set20`),
 * or `multi-setN` (setN's memories with the several-facts questions of `multi/setN.json`,
 * session 18).
 */
export function loadNamedSet(name: string): RecallSet {
  const dir = (set: string) =>
    set === "" || set === "set1" ? undefined : new URL(`./${set}/`, DEFAULT_SET_DIR);
  if (!name.startsWith("multi-")) return loadRecallSet(dir(name));
  const set = loadRecallSet(dir(name.slice("multi-".length)));
  const file = new URL(`./multi/${name.slice("multi-".length)}.json`, DEFAULT_SET_DIR);
  const { queries } = JSON.parse(Deno.readTextFileSync(file)) as { queries: LabelledQuery[] };
  return { memories: set.memories, queries };
}
