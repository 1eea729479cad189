import assert from "node:assert/strict";
import type { Candidate } from "./backend.ts";
import { KIND_SOURCES, kindBridges } from "./kind_bridges.ts";
import { bridgeQueryOf } from "./testing/bridge_fixture.ts";
import { comparisons } from "./testing/lookups.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

/** A distinct capitalised name for `i` ("Kalomi"), two to four syllables. */
function nameOf(i: number): string {
  const syllables = ["ka", "lo", "mi", "ren", "tor", "va", "shu", "pel", "dri", "nox", "qua"];
  let name = "";
  for (let rest = i + 200; rest > 0; rest = Math.floor(rest / 11)) name += syllables[rest % 11];
  return name[0]!.toUpperCase() + name.slice(1);
}

/** A memory opening with `opening` and then `ties` names tied to `kind` ("Kalomi, the dog."). */
function tieLines(opening: string, ties: number, options: { kind: string; salt: number }): string {
  const names = Array.from(
    { length: ties },
    (_, i) => `${nameOf(options.salt * 10_000 + i)}, the ${options.kind}.`,
  );
  return [opening, ...names].join(" ");
}

/** Kind lookups answering `contents` (as the persona's memories), the first superseded by `newer`. */
function lookups(contents: readonly string[], newer?: string) {
  const found: Candidate[] = contents.map((content, i) => ({
    record: {
      ...sampleRecord({ id: `m${i}`, content, persona_id: "aria" }),
      superseded_by: newer === undefined ? null : "newer",
    },
    similarity: 0,
    lexical: 1,
  }));
  if (newer !== undefined) {
    found.push({
      record: { ...sampleRecord({ id: "newer", content: newer, persona_id: "aria" }) },
      similarity: 0,
      lexical: 1,
    });
  }
  return {
    candidates: () => Promise.resolve(found.map((one) => ({ ...one }))),
  };
}

/** The lookups and comparisons `kindBridges` makes for `text` over `backend`'s memories. */
async function work(text: string, backend: ReturnType<typeof lookups>): Promise<number> {
  const candidateQuery = bridgeQueryOf(text, "aria");
  const asked = { text, own: candidateQuery.terms, candidateQuery };
  await kindBridges(asked, backend); // The memos' first reading is not counted.
  return await comparisons(() => kindBridges(asked, backend));
}

Deno.test("kind bridges read a question of many words against memories of many ties in linear work (attack40 K1)", async () => {
  // Each tie of each memory read the question's terms against the memory's terms, one by one:
  // ties × question terms × memory terms (a memory holding the question's last word, "zorbly",
  // gives no bridge, so every tie was read).
  const question = (words: number) =>
    `which dog ${
      Array.from({ length: words }, (_, i) => `w${nameOf(i).toLowerCase()}`).join(" ")
    } zorbly`;
  const memories = (ties: number) =>
    Array.from(
      { length: KIND_SOURCES },
      (_, salt) => tieLines("zorbly.", ties, { kind: "dog", salt }),
    );
  const small = await work(question(50), lookups(memories(100)));
  const large = await work(question(200), lookups(memories(400)));
  // Four times the ties and four times the question's words: four times the work, not sixteen.
  assert.ok(large <= 5 * small, `${small} then ${large} comparisons`);
  assert.ok(large <= 12 * KIND_SOURCES * (400 + 200), `${large} comparisons`);
});

Deno.test("kind bridges read a newer memory's names once a memory, not once a tie (attack40 K2)", async () => {
  // "Does the newer memory give this kind to another name" read the newer memory's names for
  // every tie of the older one: ties × names (its one dog, last, keeps every tie unbridged).
  const run = (ties: number) =>
    work(
      "which dog",
      lookups(
        [tieLines("dog.", ties, { kind: "dog", salt: 1 })],
        `${tieLines("dog.", ties, { kind: "cat", salt: 2 })} Zorbly, the dog.`,
      ),
    );
  const small = await run(100);
  const large = await run(400);
  assert.ok(large <= 5 * small, `${small} then ${large} comparisons`);
});
