import assert from "node:assert/strict";
import {
  buildPostings,
  POSTINGS_ASIDE,
  POSTINGS_ASIDE_READS,
  type PostingsBuild,
} from "./postings_build.ts";
import type { LoadRow } from "./index_rows.ts";
import { analyse, LexicalIndex, LocalTerms } from "./lexical_index.ts";
import { SeededRandom } from "../simulation/mod.ts";

const ALL = { minImportance: 0, visibilities: ["private", "shared", "public"] } as const;
const WORDS = "cat dog fish bird tree stone river cloud lamp door wind rain moon star".split(" ");

/** `count` random texts of 0-12 words from a small vocabulary (so words repeat). */
function texts(random: SeededRandom, count: number): string[] {
  return Array.from(
    { length: count },
    () => Array.from({ length: random.int(0, 12) }, () => random.pick(WORDS)).join(" "),
  );
}

/** The texts analysed end to end, as an index load reads them. */
function analysed(all: readonly string[], terms: LocalTerms): Uint32Array {
  const lists = all.map((text) => analyse(text, terms));
  const joined = new Uint32Array(lists.reduce((sum, list) => sum + list.length, 0));
  let at = 0;
  for (const list of lists) {
    joined.set(list, at);
    at += list.length;
  }
  return joined;
}

/** Each term's documents and frequencies, in order, the plain way. */
function plainPostings(joined: Uint32Array, n: number): Map<number, Array<[number, number]>> {
  const postings = new Map<number, Array<[number, number]>>();
  for (let doc = 0, at = 0; doc < n; doc++) {
    const counts = new Map<number, number>();
    for (let i = at + 1; i <= at + joined[at]!; i++) {
      counts.set(joined[i]!, (counts.get(joined[i]!) ?? 0) + 1);
    }
    for (const [term, tf] of counts) {
      postings.set(term, [...postings.get(term) ?? [], [doc, tf]]);
    }
    at += 1 + joined[at]!;
  }
  return postings;
}

function builtPostings(build: PostingsBuild): Map<number, Array<[number, number]>> {
  const postings = new Map<number, Array<[number, number]>>();
  for (let term = 0; term < build.termSize.length; term++) {
    const start = build.termStart[term]!;
    const entries: Array<[number, number]> = [];
    for (let i = start; i < start + build.termSize[term]!; i++) {
      entries.push([build.slots[i]!, build.tfs[i]!]);
    }
    if (entries.length > 0) postings.set(term, entries);
  }
  return postings;
}

Deno.test("a build holds every term's documents in order, with their frequencies and lengths", () => {
  const random = new SeededRandom(3);
  for (const count of [0, 1, 5, 70, 300]) {
    const all = texts(random, count);
    const joined = analysed(all, new LocalTerms());
    const build = buildPostings(joined, count);
    assert.equal(build.n, count);
    assert.ok(
      build.capacity >= Math.max(64, count) && (build.capacity & (build.capacity - 1)) === 0,
    );
    const expected = plainPostings(joined, count);
    const sortedEntries = (map: Map<number, Array<[number, number]>>) =>
      [...map].sort(([a], [b]) => a - b);
    assert.deepEqual(sortedEntries(builtPostings(build)), sortedEntries(expected));
    let total = 0;
    for (let doc = 0, at = 0; doc < count; doc++) {
      assert.equal(build.lengths[doc], joined[at]);
      total += joined[at]!;
      const own = [...build.docTerms.subarray(
        build.docStart[doc]!,
        build.docStart[doc]! + build.docCount[doc]!,
      )];
      assert.deepEqual(own, [...new Set(joined.subarray(at + 1, at + 1 + joined[at]!))]);
      at += 1 + joined[at]!;
    }
    assert.equal(build.totalLength, total);
  }
});

Deno.test("the worker's derivation is the same build, from the index read's row", () => {
  const random = new SeededRandom(4);
  const all = texts(random, 120);
  const joined = analysed(all, new LocalTerms());
  const derive = new Function(`return (${POSTINGS_ASIDE});`)() as (
    rows: unknown[],
  ) => { value: PostingsBuild; transfer: ArrayBuffer[] };
  // The column arrives as bytes, here at an odd offset (copied to align).
  const bytes = new Uint8Array(joined.byteLength + 1);
  bytes.set(new Uint8Array(joined.buffer), 1);
  const { value, transfer } = derive([{ version: 3 }, {
    n: all.length,
    terms: bytes.subarray(1),
  }]);
  assert.deepEqual(value, buildPostings(joined, all.length));
  assert.equal(transfer.length, 9);
  assert.ok(transfer.every((buffer) => buffer instanceof ArrayBuffer));
  assert.equal(derive([{ version: 1 }, { n: 0, terms: null }]).value, undefined);
});

Deno.test("the worker's derivation reads no BLOB but POSTINGS_ASIDE_READS: the others leave early", () => {
  assert.deepEqual(POSTINGS_ASIDE_READS, ["terms"]);
  const random = new SeededRandom(5);
  const all = texts(random, 60);
  const joined = analysed(all, new LocalTerms());
  const derive = new Function(`return (${POSTINGS_ASIDE});`)() as (
    rows: unknown[],
  ) => { value: PostingsBuild };
  /** A whole `INDEX_LOAD` row: every BLOB column filled. */
  const loadRow = (): LoadRow => ({
    n: all.length,
    seqs: all.map((_, i) => i + 1).join(","),
    importance: all.map(() => 5).join(","),
    types: all.map(() => "conversation").join(" "),
    flags: new Uint8Array(all.length).fill(9),
    terms: new Uint8Array(joined.slice().buffer),
    rows: new Uint8Array(all.length * 16).fill(1),
  });
  // As the worker holds it once the early rows are posted: every other BLOB transferred away.
  const held = loadRow();
  for (const [name, value] of Object.entries(held)) {
    if (value instanceof Uint8Array && !POSTINGS_ASIDE_READS.includes(name)) {
      structuredClone(value, { transfer: [value.buffer as ArrayBuffer] });
      assert.equal(value.byteLength, 0, `${name} is emptied, as on the worker`);
    }
  }
  const read = new Set<string>();
  const watched = new Proxy(held, {
    get: (row, name) => {
      read.add(String(name));
      return row[name as keyof LoadRow];
    },
  });
  const { value } = derive([{ version: 1 }, watched]);
  assert.deepEqual(value, buildPostings(joined, all.length), "the same build as from a whole row");
  assert.deepEqual(value, derive([{ version: 1 }, loadRow()]).value);
  const blobs = Object.entries(loadRow()).filter(([, value]) => value instanceof Uint8Array);
  const readBlobs = blobs.map(([name]) => name).filter((name) => read.has(name));
  assert.deepEqual(readBlobs, [...POSTINGS_ASIDE_READS], "the BLOBs it reads are the held ones");
});

Deno.test("an index taken over from a build searches as one built memory by memory, also after writes", () => {
  const random = new SeededRandom(9);
  const all = texts(random, 200);
  const terms = new LocalTerms();
  const joined = analysed(all, terms);
  const ids = all.map((_, i) => i * 3 + 1);
  const fields = {
    importance: ids.map(() => 0.5),
    types: ids.map(() => 0),
    typeNames: ["conversation"],
    visibility: ids.map(() => 1),
  };
  const adopted = new LexicalIndex<number>(terms);
  adopted.loadAnalysed({ ids, fields, terms: joined, built: buildPostings(joined, all.length) });
  const plain = new LexicalIndex<number>(terms);
  all.forEach((text, i) => {
    plain.upsert(ids[i]!, text, {
      importance: 0.5,
      memoryType: "conversation",
      visibility: "private",
    });
  });
  const compare = () => {
    assert.equal(adopted.size, plain.size);
    assert.equal(adopted.averageLength, plain.averageLength);
    for (let q = 0; q < 40; q++) {
      const query = {
        terms: [...new Set(Array.from({ length: random.int(1, 4) }, () => random.pick(WORDS)))],
      };
      assert.deepEqual(adopted.search(query, 7, ALL), plain.search(query, 7, ALL));
      assert.deepEqual(adopted.lexicalMany(ids, query), plain.lexicalMany(ids, query));
    }
  };
  compare();
  // Writes grow postings that are views of the build, and reuse freed slots.
  for (let i = 0; i < 150; i++) {
    const id = random.pick(ids);
    const text = texts(random, 1)[0]!;
    const fieldsOf = {
      importance: 0.5,
      memoryType: "conversation",
      visibility: "private",
    } as const;
    if (random.int(0, 2) === 0) {
      adopted.remove(id);
      plain.remove(id);
    } else {
      adopted.upsert(id, text, fieldsOf);
      plain.upsert(id, text, fieldsOf);
    }
    const added = 10_000 + i;
    adopted.upsert(added, text, fieldsOf);
    plain.upsert(added, text, fieldsOf);
    ids.push(added);
  }
  compare();
  assert.throws(
    () =>
      new LexicalIndex<number>(terms).loadAnalysed({
        ids: ids.slice(0, 3),
        fields,
        terms: joined,
        built: buildPostings(joined, all.length),
      }),
    /Postings of 200 documents for 3/,
  );
});
