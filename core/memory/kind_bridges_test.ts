import assert from "node:assert/strict";
import type { Candidate, CandidateQuery } from "./backend.ts";
import {
  KIND_NAME_SHARE,
  KIND_NAMES,
  KIND_SOURCES,
  KIND_TERMS,
  kindBridges,
  OWN_KIND_NAME_SHARE,
} from "./kind_bridges.ts";
import { addNamedParts } from "./relation_expansion.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { bridgeQueryOf } from "./testing/bridge_fixture.ts";

const PERSONA = "aria";

function candidate(
  id: string,
  content: string,
  lexical: number,
  options: { persona?: string; supersededBy?: string } = {},
): Candidate {
  const record = sampleRecord({ id, content, persona_id: options.persona ?? PERSONA });
  return {
    record: { ...record, superseded_by: options.supersededBy ?? null },
    similarity: 0,
    lexical,
  };
}

function queryOf(text: string): CandidateQuery {
  return bridgeQueryOf(text, PERSONA);
}

/** A backend whose lookups answer `found` (by the looked-up term when a map) and remember what they were asked. */
function lookups(found: Candidate[] | Record<string, Candidate[]>) {
  const asked: CandidateQuery[] = [];
  return {
    asked,
    candidates: (query: CandidateQuery) => {
      asked.push(query);
      const answer = Array.isArray(found) ? found : found[query.terms.join(" ")] ?? [];
      return Promise.resolve(answer.map((one) => ({ ...one })));
    },
  };
}

async function bridgesOf(
  text: string,
  found: Candidate[] | Record<string, Candidate[]>,
  taken?: ReadonlySet<string>,
) {
  const backend = lookups(found);
  const candidateQuery = queryOf(text);
  const bridges = await kindBridges(
    { text, own: candidateQuery.terms, candidateQuery, taken },
    backend,
  );
  return { bridges, asked: backend.asked };
}

Deno.test("kind bridges: one lexical lookup of KIND_SOURCES memories per asked word, KIND_TERMS at most", async () => {
  assert.equal(KIND_TERMS, 4);
  assert.equal(KIND_SOURCES, 16);
  const { asked } = await bridgesOf("when are the beagle's jabs due at the vets in October", []);
  // "October" has a capital: a name asks for itself. Four of the five other words.
  assert.deepEqual(asked.map((one) => one.terms), [["beagl"], ["jab"], ["due"], ["vet"]]);
  for (const one of asked) {
    assert.equal(one.limit, KIND_SOURCES);
    assert.equal(one.lexicalOnly, true);
    assert.deepEqual(one.priors, [1]);
  }
  // A compound's key is looked up by all its terms.
  const compound = await bridgesOf("what does my brother-in-law do", []);
  assert.deepEqual(compound.asked.map((one) => one.terms), [["brother", "law"]]);
});

Deno.test("kind bridges: a name a found memory ties to the asked word, at KIND_NAME_SHARE and capped", async () => {
  assert.equal(KIND_NAME_SHARE, 0.3);
  // "a beagle": any one, not the speaker's (no "the", "my", "our" before it): a guessed tie.
  const { bridges } = await bridgesOf("when are a beagle's jabs due", {
    beagl: [
      candidate("b1", "our beagle Biscuit is 5", 0.8),
      // Someone else's memory, and a match of no weight, tie nothing.
      candidate("b2", "our beagle Rolo is 3", 0.8, { persona: "other" }),
      candidate("b3", "our beagle Sandy is old", 0),
      // A tie to another kind is not this word's.
      candidate("b4", "Bernie's son Mike, the beagle fan, has a collie called Bess", 0.5),
    ],
  });
  assert.deepEqual(
    bridges.map(({ name, term, from, share, cap }) => ({ name, term, from, share, cap })),
    [
      { name: "biscuit", term: "beagl", from: "b1", share: KIND_NAME_SHARE, cap: true },
    ],
  );
});

Deno.test("kind bridges: the speaker's own one of a kind, asked for as theirs, at OWN_KIND_NAME_SHARE uncapped", async () => {
  assert.equal(OWN_KIND_NAME_SHARE, 1);
  const found = {
    cat: [
      candidate("c1", "Miso — our cat. tabby, 7", 0.8),
      candidate("c2", "Gizmo, the cat next door, is a menace", 0.8),
    ],
  };
  const shares = async (text: string) =>
    (await bridgesOf(text, found)).bridges.map(({ name, share, cap }) => [name, share, cap]);
  // "the cat", "our cat": the speaker's one; "Miso — our cat" says whose it is.
  for (const text of ["the cat", "how is our cat"]) {
    assert.deepEqual(await shares(text), [
      ["miso", OWN_KIND_NAME_SHARE, false],
      ["gizmo", KIND_NAME_SHARE, true],
    ], text);
  }
  // "cat food", "Pat's cat": no one's in particular, or someone else's.
  for (const text of ["cat food", "Pat's cat"]) {
    assert.deepEqual(await shares(text), [
      ["miso", KIND_NAME_SHARE, true],
      ["gizmo", KIND_NAME_SHARE, true],
    ], text);
  }
});

Deno.test("kind bridges: at most KIND_NAMES names, none the question's own or already bridged", async () => {
  assert.equal(KIND_NAMES, 3);
  const found = [
    candidate("c1", "Elmhurst is the care home on the hill", 0.9),
    candidate("c2", "Oakwood is the care home by the river", 0.9),
    candidate("c3", "Larches is the care home near the shops", 0.9),
    candidate("c4", "Beeches is the care home by the park", 0.9),
  ];
  const all = await bridgesOf("what does the care home cost", { home: found });
  assert.deepEqual(all.bridges.map((one) => one.name), ["elmhurst", "oakwood", "larch"]);
  const own = await bridgesOf("what does the Elmhurst care home cost", { home: found });
  assert.deepEqual(own.bridges.map((one) => one.name), ["oakwood", "larch", "beech"]);
  const taken = await bridgesOf(
    "what does the care home cost",
    { home: found },
    new Set(["oakwood"]),
  );
  assert.deepEqual(taken.bridges.map((one) => one.name), ["elmhurst", "larch", "beech"]);
});

Deno.test("kind bridges: a tying memory that holds another word of the question bridges nothing", async () => {
  const { bridges } = await bridgesOf("wedding photographer in Brussels", {
    photograph: [candidate("d1", "My best friend Dev is a wedding photographer in Brussels", 0.9)],
  });
  assert.deepEqual(bridges, []);
  const alone = await bridgesOf("wedding photographer in Brussels", {
    photograph: [candidate("d1", "My best friend Dev is a photographer", 0.9)],
  });
  assert.deepEqual(alone.bridges.map((one) => one.name), ["dev"]);
});

Deno.test("kind bridges: a superseded tie stands unless its successor gives the kind to another name", async () => {
  const kept = await bridgesOf("which nut must my eldest avoid", {
    eldest: [
      candidate("e1", "our eldest, Priya, is 15 and in year 10", 0.9, { supersededBy: "e2" }),
      candidate("e2", "Priya's in year 11 and our eldest now", 0.5),
    ],
  });
  assert.deepEqual(kept.bridges.map((one) => one.name), ["priya"]);
  const moved = await bridgesOf("what does the care home cost", {
    home: [
      candidate("h1", "Elmhurst is the care home for Dad", 0.9, { supersededBy: "h2" }),
      candidate("h2", "Oakwood is the care home for Dad now", 0.9),
    ],
  });
  assert.deepEqual(moved.bridges.map((one) => one.name), ["oakwood"]);
});

Deno.test("kind parts: capped at the bridge's share of the tying memory's lexical part", async () => {
  const candidateQuery = queryOf("when are the beagle's jabs due");
  const pool = [
    candidate("b1", "our beagle Biscuit is 5", 0.5),
    candidate("j1", "my flu jab is due", 0.6),
  ];
  const bridge = {
    name: "biscuit",
    term: "beagl",
    stems: ["beagl"],
    from: "b1",
    voice: "group" as const,
    share: KIND_NAME_SHARE,
    cap: true,
  };
  const backend = lookups([candidate("n1", "Biscuit needs his jabs", 1)]);
  await addNamedParts(pool, [bridge], {
    candidateQuery,
    backend,
    termWeights: (query) => Promise.resolve(query.terms.map(() => 1)),
  });
  const added = pool.find((one) => one.record.id === "n1");
  // Uncapped it would be 1 × (0.3 × 1) / 3 = 0.1; the cap is 0.3 × 0.5 = 0.15: the smaller.
  assert.ok(added && Math.abs(added.lexical - 0.1) < 1e-9, String(added?.lexical));
  // With the tying memory's part small, the cap rules: 0.3 × 0.2 = 0.06.
  const small = [candidate("b1", "our beagle Biscuit is 5", 0.2)];
  await addNamedParts(small, [bridge], {
    candidateQuery,
    backend,
    termWeights: (query) => Promise.resolve(query.terms.map(() => 1)),
  });
  const capped = small.find((one) => one.record.id === "n1");
  assert.ok(capped && Math.abs(capped.lexical - 0.06) < 1e-9, String(capped?.lexical));
  // A tying memory outside the pool caps the part to nothing.
  const none: Candidate[] = [];
  await addNamedParts(none, [bridge], {
    candidateQuery,
    backend,
    termWeights: (query) => Promise.resolve(query.terms.map(() => 1)),
  });
  assert.deepEqual(none, []);
});

Deno.test("kind bridges: only the asked words some memory ties to a name are looked up, in order", async () => {
  const text = "when are the beagle's jabs due at the vets";
  const candidateQuery = queryOf(text);
  const ask = async (tied: ReadonlySet<string> | undefined) => {
    const backend = { keys: [] as string[][] };
    const found = lookups({ beagl: [candidate("m1", "our beagle Biscuit is 5", 0.8)] });
    const bridges = await kindBridges(
      { text, own: candidateQuery.terms, candidateQuery },
      {
        candidates: found.candidates,
        tiedKinds: (query, keys) => {
          assert.equal(query, candidateQuery);
          backend.keys.push([...keys]);
          return Promise.resolve(tied);
        },
      },
    );
    return { bridges, asked: found.asked.map((one) => one.terms), keys: backend.keys };
  };
  // Asked about the first KIND_TERMS words, then only the tied ones looked up.
  const some = await ask(new Set(["vet", "beagl"]));
  assert.deepEqual(some.keys, [["beagl", "jab", "due", "vet"]]);
  assert.deepEqual(some.asked, [["beagl"], ["vet"]]);
  assert.deepEqual(some.bridges.map((bridge) => bridge.name), ["biscuit"]);
  // None tied: no lookup at all.
  const none = await ask(new Set());
  assert.deepEqual(none.asked, []);
  assert.deepEqual(none.bridges, []);
  // Not known (ties still being read): every word looked up, as without them.
  const unknown = await ask(undefined);
  assert.deepEqual(unknown.asked, [["beagl"], ["jab"], ["due"], ["vet"]]);
  assert.deepEqual(unknown.bridges.map((bridge) => bridge.name), ["biscuit"]);
});
