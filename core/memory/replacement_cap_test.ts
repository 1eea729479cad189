/**
 * A chain longer than {@linkcode MAX_REPLACEMENT_LINKS} (attack37 A1): a search ranks that many
 * of its links and links the last it reached to the chain's head, instead of putting thousands
 * of links through alignment and ranking on every search.
 */
import assert from "node:assert/strict";
import type { Candidate, MemoryBackend } from "./backend.ts";
import { rank } from "./rank.ts";
import { MAX_REPLACEMENT_LINKS, replacementCandidates } from "./replacement_candidates.ts";
import type { MemoryRecord } from "./schema.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { poolSize } from "./search_candidates.ts";

/**
 * `links + 1` records, each superseded by the next (the last the head; or, with `backTo`, linked
 * back to that record: a cycle), and a backend whose chain read gives them all.
 */
function chain(
  links: number,
  options: { backTo?: number; headImportance?: number; headNext?: string } = {},
) {
  const records: MemoryRecord[] = Array.from({ length: links + 1 }, (_, i) =>
    sampleRecord({
      id: `r${i}`,
      content: `version ${i} of the plan`,
      importance: i === links ? options.headImportance ?? 0.5 : 0.5,
    }));
  records.forEach((record, i) => {
    const next = i < links
      ? `r${i + 1}`
      : options.backTo === undefined
      ? options.headNext ?? null
      : `r${options.backTo}`;
    records[i] = { ...record, superseded_by: next };
  });
  const byId = new Map(records.map((record) => [record.id, record]));
  const backend = {
    chainFrom(ids: readonly string[]) {
      const found = new Map<string, MemoryRecord>();
      const pending = [...ids];
      while (pending.length > 0) {
        const record = byId.get(pending.pop()!);
        if (record === undefined || found.has(record.id)) continue;
        found.set(record.id, record);
        if (record.superseded_by !== null) pending.push(record.superseded_by);
      }
      return Promise.resolve([...found.values()]);
    },
  } as unknown as MemoryBackend;
  const found: Candidate = { record: records[0]!, similarity: 0.5, lexical: 0.9 };
  return { records, backend, found };
}

Deno.test("the cap is as many links as a retrieval path's most candidates, for the most results", () => {
  // memory.search's most n_results is 100 (`schema.ts`): 1,000 asked of a path, clamped to 500.
  assert.equal(MAX_REPLACEMENT_LINKS, poolSize(100));
  assert.equal(MAX_REPLACEMENT_LINKS, 500);
});

const idsOf = (candidates: readonly Candidate[]) => candidates.map(({ record }) => record.id);

Deno.test("a chain of MAX_REPLACEMENT_LINKS links joins whole, with no link to its head", async () => {
  const { backend, found } = chain(MAX_REPLACEMENT_LINKS);
  const added = await replacementCandidates(backend, [found], { minImportance: 0 });
  assert.equal(added.length, MAX_REPLACEMENT_LINKS);
  assert.equal(added.at(-1)!.record.superseded_by, null, "the head is the last link");
  assert.ok([found, ...added].every((candidate) => candidate.linkTo === undefined));
});

Deno.test("past MAX_REPLACEMENT_LINKS the last link reached is linked to the head (attack37 A1)", async () => {
  const links = MAX_REPLACEMENT_LINKS + 2;
  const { backend, found } = chain(links);
  const added = await replacementCandidates(backend, [found], { minImportance: 0 });
  // r1..r500 link by link, then the head r502; r501 is left out.
  assert.equal(added.length, MAX_REPLACEMENT_LINKS + 1);
  assert.deepEqual(
    idsOf(added),
    [...Array.from({ length: MAX_REPLACEMENT_LINKS }, (_, i) => `r${i + 1}`), `r${links}`],
  );
  const withLink = [found, ...added].filter((candidate) => candidate.linkTo !== undefined);
  assert.deepEqual(
    withLink.map((candidate) => [candidate.record.id, candidate.linkTo]),
    [[`r${MAX_REPLACEMENT_LINKS}`, `r${links}`]],
  );
});

Deno.test("past the cap the head is the last memory read, its link to one not read aside", async () => {
  // An old database's link to a memory since gone (or another persona's): the chain ends there.
  const { backend, found, records } = chain(MAX_REPLACEMENT_LINKS + 5, { headNext: "gone" });
  const added = await replacementCandidates(backend, [found], { minImportance: 0 });
  assert.equal(added.at(-1)!.record.id, records.at(-1)!.id);
  assert.equal(added.find((one) => one.linkTo)?.linkTo, records.at(-1)!.id);
});

Deno.test("past the cap a head the filter refuses, or a cycle, ends the chain where it was reached", async () => {
  const refused = chain(MAX_REPLACEMENT_LINKS + 5, { headImportance: 0.1 });
  const added = await replacementCandidates(refused.backend, [refused.found], {
    minImportance: 0.3,
  });
  assert.equal(added.length, MAX_REPLACEMENT_LINKS);
  assert.ok(added.every((candidate) => candidate.linkTo === undefined));
  // An old database's cycle past the cap has no head: nothing more, and the walk ends.
  const cycle = chain(MAX_REPLACEMENT_LINKS + 5, { backTo: 1 });
  const inCycle = await replacementCandidates(cycle.backend, [cycle.found], { minImportance: 0 });
  assert.equal(inCycle.length, MAX_REPLACEMENT_LINKS);
  assert.ok(inCycle.every((candidate) => candidate.linkTo === undefined));
});

Deno.test("ranking hands a found memory's relevance to the head its candidate is linked to", async () => {
  const { backend, found, records } = chain(MAX_REPLACEMENT_LINKS + 40);
  const added = await replacementCandidates(backend, [found], { minImportance: 0 });
  const ranked = rank([found, ...added], { now: Date.UTC(2026, 5, 1), limit: 3 });
  // The head is current: first, above every version it replaces, the found one among them.
  assert.equal(ranked[0]!.record.id, records.at(-1)!.id);
  assert.ok(ranked.every((item, i) => i === 0 || item.score < ranked[0]!.score));
  // Without the link the last link reached would rank as if nothing replaced it.
  assert.equal(ranked[1]!.record.id, `r${MAX_REPLACEMENT_LINKS}`);
});

Deno.test("a replacement at exactly the least importance asked is added, the head past the cap too", async () => {
  const { backend, found, records } = chain(MAX_REPLACEMENT_LINKS + 5);
  const added = await replacementCandidates(backend, [found], { minImportance: 0.5 });
  assert.equal(added.length, MAX_REPLACEMENT_LINKS + 1);
  assert.equal(added.at(-1)!.record.id, records.at(-1)!.id);
});

Deno.test("past the cap a head that is a candidate already is linked to, not added again", async () => {
  const { backend, found, records } = chain(MAX_REPLACEMENT_LINKS + 5);
  const head: Candidate = { record: records.at(-1)!, similarity: 0.5, lexical: 0.9 };
  const added = await replacementCandidates(backend, [found, head], { minImportance: 0 });
  assert.equal(added.length, MAX_REPLACEMENT_LINKS);
  assert.ok(added.every((candidate) => candidate.record.id !== head.record.id));
  assert.equal(added.at(-1)!.linkTo, head.record.id);
});

Deno.test("where the store reads links alone, past the cap only the levels ranked and the head are read", async () => {
  const { records, found } = chain(MAX_REPLACEMENT_LINKS + 5);
  const byId = new Map(records.map((record) => [record.id, record]));
  const read: string[][] = [];
  const backend = {
    chainLinks(ids: readonly string[]) {
      const links = [];
      for (let at: string | null = ids[0]!; at !== null; at = byId.get(at)!.superseded_by) {
        links.push({ id: at, superseded_by: byId.get(at)!.superseded_by });
      }
      return Promise.resolve(links);
    },
    getMany(ids: readonly string[]) {
      read.push([...ids]);
      return Promise.resolve(ids.map((id) => byId.get(id)!));
    },
  } as unknown as MemoryBackend;
  const added = await replacementCandidates(backend, [found], { minImportance: 0 });
  const head = records.at(-1)!.id;
  assert.equal(added.at(-1)!.record.id, head);
  assert.equal(added.length, MAX_REPLACEMENT_LINKS + 1);
  assert.equal(added.at(-2)!.linkTo, head);
  // One read: r1..r500 and the head; none of the links between.
  assert.equal(read.length, 1);
  assert.deepEqual(read[0], [...idsOf(added)]);
});

Deno.test("chains that meet count each memory once toward the cap", async () => {
  // r0 and another found memory both lead into r1..r500: 500 memories, within the cap.
  const { backend, found } = chain(MAX_REPLACEMENT_LINKS);
  const other: Candidate = {
    record: sampleRecord({ id: "other", content: "a draft of the plan", superseded_by: "r2" }),
    similarity: 0.5,
    lexical: 0.9,
  };
  const added = await replacementCandidates(backend, [found, other], { minImportance: 0 });
  assert.equal(added.length, MAX_REPLACEMENT_LINKS);
  assert.ok(added.every((candidate) => candidate.linkTo === undefined));
});
