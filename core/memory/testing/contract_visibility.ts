/**
 * Contract cases, part 3: visibility. Another persona's private memories never appear in any
 * search, at the service and at the backend. Test code only; `contract.ts` runs them.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { ContractCase } from "./contract_search.ts";
import { input } from "./contract_fixture.ts";
import { LocalEmbedder } from "../embedder.ts";
import type { Visibility } from "../schema.ts";

/** The visibility cases. */
export const VISIBILITY_CASES: ContractCase[] = [
  [
    "another persona's private memories never appear in any search, whatever min_importance",
    async (f) => {
      await f.memory.storeMany(f.kira, [
        input({ content: "Kira private: the vault code is seven", importance: 1 }),
        input({ content: "Kira shared: the vault is under the library", visibility: "shared" }),
        input({ content: "Kira public: the vault opens at dawn", visibility: "public" }),
      ]);
      await f.memory.store(f.aria, input({ content: "Aria private: I never found the vault" }));
      for (const min_importance of [0, 0.5, 1]) {
        const own = await f.memory.search(f.aria, { query: "vault", n_results: 5, min_importance });
        for (const hit of own) {
          assert.equal(
            hit.persona_id,
            f.aria.id,
          );
        }
        const cross = await f.memory.searchCrossPersona(f.aria, {
          query: "vault",
          n_results: 10,
          min_importance,
          include_shared: true,
          include_public: true,
        });
        assert.ok(
          cross.every((hit) => !hit.content.startsWith("Kira private")),
          `min ${min_importance}`,
        );
      }
      const cross = await f.memory.searchCrossPersona(f.aria, {
        query: "vault",
        n_results: 10,
        min_importance: 0,
        include_shared: true,
        include_public: true,
      });
      assert.deepEqual(cross.map((hit) => hit.content.split(":")[0]).sort(), [
        "Aria private",
        "Kira public",
        "Kira shared",
      ]);
      const kiraHit = cross.find((hit) => hit.persona_id === f.kira.id)!;
      assert.equal(kiraHit.source, "cross_persona");
      assert.equal(kiraHit.source_persona_name, "Kira");
      const publicOnly = await f.memory.searchCrossPersona(f.aria, {
        query: "vault",
        n_results: 10,
        min_importance: 0,
        include_shared: false,
        include_public: true,
      });
      assert.ok(
        publicOnly.every((hit) => hit.visibility !== "shared" || hit.persona_id === f.aria.id),
      );
      const shared = await f.memory.sharedStats();
      assert.equal(shared.shared_memories, 1);
      assert.equal(shared.public_memories, 1);
      assert.deepEqual(
        shared.by_persona.map(({ name, shared, public: open }) => [name, shared, open]),
        [["Aria", 0, 0], ["Kira", 1, 1]],
      );
    },
  ],
  [
    "the backend itself never offers another persona's private memories as candidates",
    async (f) => {
      await f.memory.storeMany(f.kira, [
        input({ content: "Kira private vault", importance: 1 }),
        input({ content: "Kira shared vault", visibility: "shared" }),
      ]);
      await f.memory.store(f.aria, input({ content: "Aria private vault" }));
      const [vector] = await new LocalEmbedder().embed(["vault"]);
      const scopes: Array<[Visibility[], string[]]> = [
        [[], ["Aria private vault"]],
        [["public"], ["Aria private vault"]],
        [["shared", "public"], ["Aria private vault", "Kira shared vault"]],
      ];
      for (const [othersVisibility, expected] of scopes) {
        const found = await f.backend.candidates({
          personaId: f.aria.id,
          othersVisibility,
          vector: vector!,
          embedder: f.memory.embedderId,
          terms: ["vault"],
          minImportance: 0,
          limit: 50,
        });
        const contents = [...new Set(found.map((item) => item.record.content))].sort();
        assert.deepEqual(contents, expected, othersVisibility.join(","));
      }
    },
  ],
  [
    "a cross-persona hit names its replacement only when the searcher may see it (attack30 F4)",
    async (f) => {
      const kept = await f.memory.store(
        f.kira,
        input({ content: "Kira public: the vault code is 4711", visibility: "public" }),
      );
      const shown = await f.memory.store(
        f.kira,
        input({ content: "Kira public: the gate code is 12", visibility: "public" }),
      );
      const secret = await f.memory.store(f.kira, {
        ...input({ content: "Kira private: a new number for the vault" }),
        supersedes: [kept.id],
      });
      const open = await f.memory.store(f.kira, {
        ...input({ content: "Kira public: the gate code is 13 now", visibility: "public" }),
        supersedes: [shown.id],
      });
      const cross = await f.memory.searchCrossPersona(f.aria, {
        query: "vault gate code",
        n_results: 10,
        min_importance: 0,
        include_shared: true,
        include_public: true,
      });
      const replacedBy = new Map(cross.map((hit) => [hit.id, hit.superseded_by]));
      assert.equal(replacedBy.get(kept.id), null, "a private replacement is not named");
      assert.equal(replacedBy.get(shown.id), open.id, "a public one is");
      assert.ok(!JSON.stringify(cross).includes(secret.id));
      // Kira's own search still names both.
      const own = await f.memory.get(kept.id);
      assert.equal(own.superseded_by, secret.id);
    },
  ],
  [
    "a cross-persona hit names no private memory among its supersedes and source_ids (review42 R5)",
    async (f) => {
      const secret = await f.memory.store(
        f.kira,
        input({ content: "Kira private: the vault code is 4711" }),
      );
      const kept = await f.memory.store(
        f.kira,
        input({ content: "Kira public: the vault has a code", visibility: "public" }),
      );
      const open = await f.memory.store(f.kira, {
        ...input({ content: "Kira public: the vault code changed", visibility: "public" }),
        supersedes: [secret.id],
        source_ids: [secret.id, kept.id],
      });
      const cross = await f.memory.searchCrossPersona(f.aria, {
        query: "vault code",
        n_results: 10,
        min_importance: 0,
        include_shared: true,
        include_public: true,
      });
      const hit = cross.find((item) => item.id === open.id)!;
      assert.deepEqual(hit.supersedes, []);
      assert.deepEqual(hit.source_ids, [kept.id], "a public source is still named");
      assert.ok(!JSON.stringify(cross).includes(secret.id));
      // Kira's own view keeps every link.
      const own = await f.memory.get(open.id);
      assert.deepEqual(own.supersedes, [secret.id]);
    },
  ],
];
