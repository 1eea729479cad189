/**
 * A persona's own words a slip away from a query's, in PostgreSQL (`store_vocabulary.ts` says
 * why): its terms are the rows of `memory_term_stats` (one per term, with the number of memories
 * holding it), kept by the tables' triggers, so every node reads every other node's writes at
 * once and nothing is kept in the process. A slip keeps its first letter and changes a word's
 * length by at most its edits (`typoApart`), so each looked-up word reads only its first letter's
 * range of the primary key's `(persona_id, term)` order (plain letters: the only words
 * `typoApart` compares), of lengths within two of its own, in one
 * query for every word; `typoApart` then keeps the slips. The same query reads the words' own
 * rows and their clippings' terms by the key (`meaning/short_forms.ts`, `clippingTerms`: at most
 * six a word).
 *
 * @module
 */
import type { Database, SqlValue } from "../storage/database.ts";
import { JSON_TEXTS } from "./postgres_rows.ts";
import {
  closeSlips,
  heldClippings,
  type SlipAsk,
  slipShaped,
  type StoreSlips,
} from "./store_vocabulary.ts";
import { clippingTerms } from "./meaning/short_forms.ts";
import { typoEditsFor } from "./meaning/typo_pairs.ts";
import { TYPO_MAX_LETTERS } from "./meaning/typo_forms.ts";

/**
 * For each of `words`, how many of `personaId`'s memories hold it, and its slips and short forms
 * (and `ask`'s) among them.
 */
export async function storeSlips(
  db: Database,
  personaId: string,
  words: readonly string[],
  ask: SlipAsk = {},
): Promise<StoreSlips> {
  const docs = await db.get<{ docs: number }>(
    "SELECT docs FROM memory_doc_stats WHERE persona_id = ?",
    personaId,
  );
  const shaped = words.filter(slipShaped);
  // One range per first letter, of the lengths its words' slips may have.
  const ranges = new Map<string, { shortest: number; longest: number }>();
  for (const word of shaped) {
    const edits = typoEditsFor(word.length + 2);
    const range = ranges.get(word[0]!);
    const shortest = word.length - edits;
    const longest = word.length + edits;
    ranges.set(word[0]!, {
      shortest: Math.min(shortest, range?.shortest ?? shortest),
      longest: Math.max(longest, range?.longest ?? longest),
    });
  }
  // The words themselves and their clippings' terms, looked up exactly (`heldClippings`).
  const exact = new Set(words);
  for (const word of words) for (const clipping of clippingTerms(word)) exact.add(clipping);
  for (const forms of ask.shortForms ?? []) for (const form of forms) exact.add(form);
  const clauses = [`term IN ${JSON_TEXTS}`];
  const params: SqlValue[] = [personaId, JSON.stringify([...exact])];
  for (const [first, range] of ranges) {
    // A plain-letter term of first letter `first`, up to 24 letters, sorts between it and it
    // followed by 24 "z"s in any collation that orders letters alphabetically (not so "first"
    // and the next letter: some collations pass over the punctuation after "z").
    clauses.push("(term >= ? AND term <= ? AND length(term) BETWEEN ? AND ?)");
    params.push(first, first + "z".repeat(TYPO_MAX_LETTERS), range.shortest, range.longest);
  }
  const rows = await db.all<{ term: string; df: number }>(
    `SELECT term, df FROM memory_term_stats WHERE persona_id = ? AND (${clauses.join(" OR ")})`,
    ...params,
  );
  const counts = new Map(rows.map((row) => [row.term, Number(row.df)]));
  const byFirst = Map.groupBy(rows.map((row) => row.term), (term) => term[0]!);
  const documents = (term: string) => counts.get(term) ?? 0;
  return {
    documents: Number(docs?.docs ?? 0),
    own: words.map(documents),
    slips: words.map((word) =>
      slipShaped(word) ? closeSlips(word, byFirst.get(word[0]!) ?? [], documents) : []
    ),
    clippings: heldClippings(words, documents, ask),
  };
}
