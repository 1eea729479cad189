/**
 * Choosing the encoder cascade's thresholds (`core/memory/encoder_cascade.ts`) on the open
 * recall sets only: each query is ranked without the encoder (first pass) and with it; then for
 * each pair of thresholds, the ranking the cascade would answer, recall@5 / MRR (updates linked)
 * and how often the encoder would run. Held-out sets are refused.
 *
 *   deno run -A tests/bench/recall/_cascade.ts [--sets set1,set2,set4,set5,set6]
 */
import { EncoderEmbedder } from "../../../core/memory/embedder_encoder.ts";
import { type FirstPassHit, weakEvidence } from "../../../core/memory/encoder_cascade.ts";
import { storeInProcess } from "./_in_process.ts";
import { figures, loadRecallSet, type QueryOutcome, refuseHeldOut } from "./_set.ts";

const setsAt = Deno.args.indexOf("--sets");
const setNames = setsAt >= 0
  ? Deno.args[setsAt + 1]!.split(",")
  : ["set1", "set2", "set4", "set5", "set6"];
refuseHeldOut(setNames);

interface Row {
  set: string;
  first: readonly FirstPassHit[];
  local: QueryOutcome;
  encoded: QueryOutcome;
}
const rows: Row[] = [];
for (const setName of setNames) {
  const set = loadRecallSet(
    setName === "set1" ? undefined : new URL(`./${setName}/`, import.meta.url),
  );
  let first: readonly FirstPassHit[] = [];
  let firstIds: string[] = [];
  const embedder = new EncoderEmbedder({
    cascade: (hits) => {
      first = hits;
      firstIds = (hits as unknown as { record: { id: string } }[]).map((hit) => hit.record.id);
      return true;
    },
  });
  const { fixture, labels } = await storeInProcess(set, { unlinked: false, embedder });
  for (const query of set.queries) {
    const hits = await fixture.memory.search(fixture.aria, {
      query: query.text,
      n_results: 10,
      min_importance: 0,
    });
    rows.push({
      set: setName,
      first,
      local: { query, ranked: firstIds.map((id) => labels.get(id)!) },
      encoded: { query, ranked: hits.map((hit) => labels.get(hit.id)!) },
    });
  }
  await fixture.close();
}

const report = (name: string, pick: (row: Row) => boolean) => {
  const cells = setNames.map((set) => {
    const ofSet = rows.filter((row) => row.set === set);
    return figures(ofSet.map((row) => pick(row) ? row.encoded : row.local));
  });
  const mean = (f: (x: (typeof cells)[number]) => number) =>
    cells.reduce((sum, cell) => sum + f(cell), 0) / cells.length;
  const runs = rows.filter(pick).length / rows.length;
  console.log(
    `${name.padEnd(22)} encoder runs ${(100 * runs).toFixed(0).padStart(3)} % | mean ${
      mean((c) => c.recallAt5).toFixed(3)
    }/${mean((c) => c.mrr).toFixed(3)} | ${
      cells.map((c) => `${c.recallAt5.toFixed(3)}/${c.mrr.toFixed(3)}`).join(" ")
    }`,
  );
};
report("never", () => false);
report("always", () => true);
for (const lexical of [0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]) {
  for (const close of [1.01, 0.98, 0.95, 0.9, 0.85, 0.8]) {
    report(
      `lex<${lexical} close≥${close}`,
      (row) => weakEvidence(row.first, { lexical, close }),
    );
  }
}
