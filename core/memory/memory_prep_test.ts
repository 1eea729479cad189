import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import type { WarmPage } from "./backend_reads.ts";
import type { SearchHit } from "./search_hits.ts";
import {
  PREPARE_PAGE,
  PREPARE_SHARE,
  PREPARE_SLICE_MS,
  prepareCandidate,
  type PreparedText,
  prepareInIdle,
  prepareMemory,
  prepareStored,
} from "./memory_prep.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { input, type MemoryFixture, memoryFixture } from "./testing/contract_fixture.ts";
import { memoSizes, rememberedByText, TEXT_MEMO_LIMIT, textMemosBelow } from "./text_memo.ts";
import { parsedTime } from "./created_time.ts";

/** A preparation that takes `ms` of CPU per memory (the real one takes ~0.1 ms). */
const slow = (ms: number, seen: PreparedText[] = []) => (memory: PreparedText) => {
  seen.push(memory);
  const until = performance.now() + ms;
  while (performance.now() < until) { /* busy */ }
};

/** A SQLite backend that counts the warm-up's page reads. */
class CountedPages extends SqliteBackend {
  pages = 0;
  override warmPage(personaId: string, page: { after: number; limit: number }): Promise<WarmPage> {
    this.pages++;
    return super.warmPage(personaId, page);
  }
}

async function withMemories(count: number, test: (fixture: MemoryFixture) => Promise<void>) {
  const fixture = await memoryFixture((db) => new CountedPages(db as SqliteDatabase));
  try {
    await fixture.memory.storeMany(
      fixture.aria,
      Array.from({ length: count }, (_, i) => input({ content: `Note ${i} about the harbour` })),
    );
    await test(fixture);
  } finally {
    await fixture.close();
  }
}

Deno.test("preparation runs in slices of at most PREPARE_SLICE_MS, every memory once, in order", async () => {
  await withMemories(PREPARE_PAGE + 12, async ({ backend, aria }) => {
    const seen: PreparedText[] = [];
    const slices: number[] = [];
    // Timer turns of the event loop: each slice ends with one (requests are served there).
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const turnsAtSlices: number[] = [];
    const onSlice = (n: number) => (slices.push(n), turnsAtSlices.push(turns));
    const signal = new AbortController().signal;
    try {
      const options = { signal, prepare: slow(1, seen), onSlice };
      assert.equal(await prepareInIdle(backend, [aria.id], options), PREPARE_PAGE + 12);
    } finally {
      clearInterval(ticker);
    }
    assert.ok(
      turnsAtSlices.every((at, i) => i === 0 || at > turnsAtSlices[i - 1]!),
      `${turnsAtSlices}`,
    );
    assert.deepEqual(
      seen.map((memory) => memory.content),
      Array.from({ length: PREPARE_PAGE + 12 }, (_, i) => `Note ${i} about the harbour`),
    );
    assert.equal((backend as CountedPages).pages, 2, "two pages");
    // 1 ms a memory: a slice ends once PREPARE_SLICE_MS have passed (the page read counts).
    assert.ok(slices.length >= (PREPARE_PAGE + 12) / (PREPARE_SLICE_MS + 1), `${slices}`);
    assert.ok(slices.every((n) => n <= PREPARE_SLICE_MS + 1), `${slices}`);
  });
});

Deno.test("a search during preparation is answered before preparation ends", async () => {
  await withMemories(60, async ({ backend, memory, aria }) => {
    let done = false;
    const preparing = prepareInIdle(backend, [aria.id], {
      signal: new AbortController().signal,
      prepare: slow(1),
    }).then((prepared) => (done = true, prepared));
    // Preparation has begun (its first slice ran) when the search is asked.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const hits = await memory.search(aria, {
      query: "harbour note",
      n_results: 3,
      min_importance: 0,
    });
    assert.equal(hits.length, 3);
    assert.equal(done, false, "answered while 60 ms of preparation were still under way");
    assert.equal(await preparing, 60);
  });
});

/** A SQLite backend whose requests the test makes move (`activity`). */
class Busy extends CountedPages {
  moves = 0;
  override get activity(): number {
    return super.activity + this.moves;
  }
}

Deno.test("preparation waits while the backend serves requests, then goes on", async () => {
  const fixture = await memoryFixture((db) => new Busy(db as SqliteDatabase));
  try {
    await fixture.memory.storeMany(
      fixture.aria,
      Array.from({ length: 60 }, (_, i) => input({ content: `Busy note ${i}` })),
    );
    const backend = fixture.backend as Busy;
    // A request every 5 ms for 120 ms: never PREPARE_QUIET_MS without one.
    const mover = setInterval(() => backend.moves++, 5);
    const seen: PreparedText[] = [];
    const preparing = prepareInIdle(backend, [fixture.aria.id], {
      signal: new AbortController().signal,
      prepare: slow(0.2, seen),
    });
    await new Promise((resolve) => setTimeout(resolve, 120));
    clearInterval(mover);
    // At most the first slice ran before the first request came.
    assert.ok(seen.length <= PREPARE_SLICE_MS / 0.2 + 1, `${seen.length} prepared meanwhile`);
    assert.equal(await preparing, 60, "all, once the requests stopped");
  } finally {
    await fixture.close();
  }
});

Deno.test("preparation stops at the memos' bound and when aborted", async () => {
  await withMemories(30, async ({ backend, aria }) => {
    let room = 7;
    const bounded = await prepareInIdle(backend, [aria.id], {
      signal: new AbortController().signal,
      prepare: () => room--,
      hasRoom: () => room > 0,
    });
    assert.equal(bounded, 7, "as many as there was room for");
    const stop = new AbortController();
    const aborted = await prepareInIdle(backend, [aria.id], {
      signal: stop.signal,
      prepare: slow(1),
      onSlice: () => stop.abort(),
    });
    assert.ok(aborted > 0 && aborted <= PREPARE_SLICE_MS + 1, `${aborted}`);
  });
});

Deno.test("a slice prepares at least one memory even when the page read outlasts it", async () => {
  await withMemories(5, async ({ backend, aria }) => {
    const slowPages = {
      get activity() {
        return backend.activity;
      },
      warmPage: (...args: Parameters<NonNullable<typeof backend.warmPage>>) => {
        const until = performance.now() + PREPARE_SLICE_MS * 2;
        while (performance.now() < until) { /* a page read on a loaded machine */ }
        return backend.warmPage!(...args);
      },
    };
    const stop = new AbortController();
    const prepared = await prepareInIdle(slowPages, [aria.id], {
      signal: stop.signal,
      prepare: () => {},
      onSlice: () => stop.abort(),
    });
    assert.equal(prepared, 1, "one memory, then the slice is over");
  });
});

Deno.test("text memos are below a share of their bound until that many texts are held", () => {
  const memo = rememberedByText((text) => text.length);
  try {
    const share = 0.75;
    for (let i = 0; i < TEXT_MEMO_LIMIT * share - 1; i++) memo(`t${i}`);
    assert.equal(textMemosBelow(share), true);
    memo("one more");
    assert.equal(memo.size, TEXT_MEMO_LIMIT * share);
    assert.equal(textMemosBelow(share), false);
  } finally {
    memo.forget();
  }
  assert.equal(textMemosBelow(0.75), true, "forgotten");
});

Deno.test("the warm-up prepares the loaded personas' memories; searches answer as without", async () => {
  await withMemories(40, async (fixture) => {
    const query = { query: "note 7 harbour", n_results: 5, min_importance: 0 };
    // What ranking made of them (access counts move with every search).
    const ranked = (hits: SearchHit[]) => hits.map(({ id, relevance }) => ({ id, relevance }));
    const cold = ranked(await (await fixture.reopen()).search(fixture.aria, query));
    // A new backend, warmed: its rows read ahead, every text's facts worked out.
    const warmed = await fixture.reopen();
    parsedTime.forget();
    assert.deepEqual(await warmed.warm(), [fixture.aria.id]);
    assert.equal(parsedTime.size, 1, "every memory's creation time (one: the clock stood still)");
    assert.deepEqual(ranked(await warmed.search(fixture.aria, query)), cold);
    // Rows it kept follow later writes as a search's would.
    await warmed.delete(cold[0]!.id);
    assert.deepEqual(
      ranked(await warmed.search(fixture.aria, query)),
      ranked(await (await fixture.reopen()).search(fixture.aria, query)),
    );
  });
});

Deno.test("prepareStored works out every-candidate facts and content words until PREPARE_SHARE", () => {
  const asked: string[] = [];
  const every = rememberedByText((text) => (asked.push(text), text.length), {
    everyCandidate: true,
  });
  const worded: string[] = [];
  const words = { contentWords: (text: string) => (worded.push(text), []) };
  const memory = (content: string) => ({ content, created_at: "2026-06-01T00:00:00.000Z" });
  /** Fills `every` with `count` texts of its own (not counted as asked). */
  const fill = (count: number) => {
    every.forget();
    for (let i = 0; every.size < count; i++) every(`t${i}`);
    asked.length = 0;
  };
  try {
    assert.equal(prepareStored([memory("first stored"), memory("second stored")], words), 2);
    assert.deepEqual(asked, ["first stored", "second stored"]);
    assert.deepEqual(worded, ["first stored", "second stored"]);
    // A memo at PREPARE_SHARE of its bound: no more preparation, for any memory.
    fill(TEXT_MEMO_LIMIT * PREPARE_SHARE);
    assert.equal(prepareStored([memory("third stored")], words), 0);
    assert.deepEqual(asked, []);
    assert.deepEqual(worded, ["first stored", "second stored"]);
    // Just below it, one more: the memory that brings it there is the last prepared.
    fill(TEXT_MEMO_LIMIT * PREPARE_SHARE - 1);
    assert.equal(prepareStored([memory("fourth stored"), memory("fifth stored")]), 1);
    assert.deepEqual(asked, ["fourth stored"]);
  } finally {
    every.forget();
  }
});

Deno.test("stored memories are prepared until the memos hold three quarters of their bound", () => {
  assert.equal(PREPARE_SHARE, 0.75);
  const memo = rememberedByText((text) => text.length);
  try {
    for (let i = 0; memo.size < TEXT_MEMO_LIMIT * 0.75; i++) memo(`t${i}`);
    const stored = { content: "stored at three quarters", created_at: "2026-06-01T00:00:00.000Z" };
    assert.equal(prepareStored([stored]), 0);
  } finally {
    memo.forget();
  }
});

Deno.test("idle preparation works out what a stored memory's does and the names after its words too", () => {
  /** How many memos a preparation of a new text made grow. */
  const grown = (prepare: (memory: PreparedText) => void, content: string) => {
    const before = memoSizes();
    prepare({ content, created_at: "2026-06-01T00:00:00.000Z" });
    return memoSizes().filter((size, i) => size > (before[i] ?? 0)).length;
  };
  const candidate = grown(prepareCandidate, "Gwen, my neighbour, feeds the cat on Sundays");
  const memory = grown(prepareMemory, "Idris, my cousin, feeds the dog on Mondays");
  assert.ok(memory > candidate, `${memory} memos against ${candidate}`);
});
