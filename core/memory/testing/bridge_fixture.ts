/**
 * Shared pieces of the bridge tests (relation names, kinds of named things): the candidate
 * query a bridge is asked with, and the names a bridge finds in a contract fixture's store.
 * Test code only.
 *
 * @module
 */
import { LocalEmbedder } from "../embedder.ts";
import { queryTerms } from "../lexical_index.ts";
import type { CandidateQuery, MemoryBackend } from "../backend.ts";
import type { RelationBridge } from "../relation_expansion.ts";
import { input, type MemoryFixture } from "./contract_fixture.ts";

/** A bridge finder: `relationBridges` or `kindBridges`. */
export type BridgeFinder = (
  asked: { text: string; own: readonly string[]; candidateQuery: CandidateQuery },
  backend: Pick<MemoryBackend, "candidates">,
) => Promise<RelationBridge[]>;

/** The query a unit test asks a bridge with: `text`'s terms, each of prior 1, for `personaId`. */
export function bridgeQueryOf(text: string, personaId: string): CandidateQuery {
  const terms = queryTerms(text);
  return {
    personaId,
    othersVisibility: [],
    vector: new Float32Array(4),
    embedder: "test",
    terms,
    priors: terms.map(() => 1),
    minImportance: 0,
    limit: 50,
  };
}

/** The names `find` bridges `text` to in Aria's memories, as the search finds them, sorted. */
export async function bridgedNames(
  f: MemoryFixture,
  text: string,
  find: BridgeFinder,
): Promise<string[]> {
  const [vector] = await new LocalEmbedder().embed([text]);
  const own = queryTerms(text);
  const bridges = await find({
    text,
    own,
    candidateQuery: {
      personaId: f.aria.id,
      othersVisibility: [],
      vector: vector!,
      embedder: f.memory.embedderId,
      terms: own,
      minImportance: 0,
      limit: 50,
    },
  }, f.backend);
  return bridges.map((bridge) => bridge.name).sort();
}

/** Stores `content` as one of Aria's memories; its id. */
export async function storeContent(f: MemoryFixture, content: string): Promise<string> {
  return (await f.memory.store(f.aria, input({ content }))).id;
}
