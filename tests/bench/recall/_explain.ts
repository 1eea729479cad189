/**
 * Debugging aid for the recall set (not a benchmark): stores the set in a `:memory:` SQLite
 * memory service and prints each channel of the best candidates and of the expected memory for
 * the queries given (or every query of half a).
 *
 *   deno run -A tests/bench/recall/_explain.ts [--unlinked] [--set set2] ["query text" ...]
 *
 * With `--unlinked` updates are stored without `supersedes`. Each query also shows the final
 * ranking `memory.search` returns (label, score, relevance).
 */
import { storeInProcess } from "./_in_process.ts";
import { queryTerms } from "../../../core/memory/lexical_index.ts";
import { LocalEmbedder } from "../../../core/memory/embedder.ts";
import { alignment, weightedQuery } from "../../../core/memory/meaning/alignment.ts";
import { relevance, vectorPart } from "../../../core/memory/ranking.ts";
import { loadRecallSet } from "./_set.ts";

const setAt = Deno.args.indexOf("--set");
const setName = setAt >= 0 ? Deno.args[setAt + 1] ?? "" : "";
const set = setName === ""
  ? loadRecallSet()
  : loadRecallSet(new URL(`./${setName}/`, import.meta.url));
const unlinked = Deno.args.includes("--unlinked");
const args = Deno.args.filter((arg, i) =>
  arg !== "--unlinked" && i !== setAt && (setAt < 0 || i !== setAt + 1)
);
const { fixture, backend, labels } = await storeInProcess(set, { unlinked });
const embedder = new LocalEmbedder();
const vectors = await embedder.wordVectors();
const texts = args.length > 0 ? args : set.queries.filter((q) => q.half === "a").map((q) => q.text);
for (const text of texts) {
  const query = set.queries.find((q) => q.text === text);
  const [vector] = await embedder.embed([text]);
  const terms = queryTerms(text);
  const base = {
    personaId: fixture.aria.id,
    othersVisibility: [],
    vector: vector!,
    embedder: embedder.id,
    terms,
    priors: terms.map((t) => vectors.stemInformativeness(t)),
    minImportance: 0,
    limit: 50,
  };
  const candidates = await backend.candidates(base);
  const idfs = await backend.termWeights(base);
  const weights = new Map(terms.map((t, i) => [t, idfs[i]!]));
  const weighted = weightedQuery(text, (_w, s) => weights.get(s) ?? 0);
  const rows = candidates.map((c) => {
    const a = alignment(weighted, { content: c.record.content, vectors });
    return {
      label: labels.get(c.record.id)!,
      lex: c.lexical,
      ali: a.score,
      vec: vectorPart(c.similarity),
      rel: relevance({ lexical: c.lexical, similarity: c.similarity, alignment: a }),
      text: c.record.content.slice(0, 60),
    };
  }).sort((a, b) => b.rel - a.rel);
  console.log(
    `\n"${text}" want ${query?.expect.join(",") ?? "?"} terms ${
      terms.map((t) => `${t}:${weights.get(t)!.toFixed(1)}`).join(" ")
    }`,
  );
  const wanted = new Set(query?.expect ?? []);
  rows.forEach((row, i) => {
    if (i < 5 || wanted.has(row.label)) {
      console.log(
        `  ${i + 1}. ${row.label} rel ${row.rel.toFixed(3)} lex ${row.lex.toFixed(2)} ali ${
          row.ali.toFixed(2)
        } vec ${row.vec.toFixed(2)}  ${row.text}`,
      );
    }
  });
  for (const label of wanted) {
    if (!rows.some((r) => r.label === label)) console.log(`  -- ${label} not a candidate`);
  }
  const hits = await fixture.memory.search(fixture.aria, {
    query: text,
    n_results: 8,
    min_importance: 0,
  });
  console.log(
    `  search: ${
      hits.map((hit) => `${labels.get(hit.id)} ${hit.score.toFixed(2)}/${hit.relevance.toFixed(2)}`)
        .join(", ")
    }`,
  );
}
await fixture.close();
