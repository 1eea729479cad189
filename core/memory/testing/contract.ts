/**
 * The memory contract suite: the same cases against every backend (`sqlite_backend_test.ts`,
 * `chroma_backend_test.ts`, `postgres_backend_test.ts`, `pgvector_store_test.ts`), each on a
 * fresh service and database. Test code only.
 *
 * @module
 */
import type { Database } from "../../storage/mod.ts";
import { type BackendFactory, memoryFixture } from "./contract_fixture.ts";
import { BROAD_CASES } from "./contract_broad.ts";
import { DECAY_CASES } from "./contract_decay.ts";
import { LIFECYCLE_CASES } from "./contract_lifecycle.ts";
import { PARITY_CASES } from "./contract_parity.ts";
import { PRUNING_CASES } from "./contract_pruning.ts";
import { QUERY_CASES } from "./contract_query.ts";
import { RECORD_CASES } from "./contract_records.ts";
import { RELATION_CASES } from "./contract_relations.ts";
import { KIND_CASES } from "./contract_kinds.ts";
import { SEARCH_CASES } from "./contract_search.ts";
import { SEVERAL_CASES } from "./contract_several.ts";
import { SLIP_CASES } from "./contract_slips.ts";
import { SUPERSESSION_CASES } from "./contract_supersession.ts";
import { VISIBILITY_CASES } from "./contract_visibility.ts";

/** Runs every contract case as a step of `t` over backends made by `factory`. */
export async function runMemoryContract(
  t: Deno.TestContext,
  factory: BackendFactory,
  options: {
    beforeEach?: () => Promise<void>;
    /** A fresh database per case (SQLite in memory by default). */
    database?: () => Promise<Database>;
    /** The database gets pgvector's column. */
    pgvector?: boolean;
  } = {},
): Promise<void> {
  const cases = [
    ...SEARCH_CASES,
    ...RECORD_CASES,
    ...VISIBILITY_CASES,
    ...LIFECYCLE_CASES,
    ...DECAY_CASES,
    ...PRUNING_CASES,
    ...SUPERSESSION_CASES,
    ...QUERY_CASES,
    ...PARITY_CASES,
    ...SLIP_CASES,
    ...RELATION_CASES,
    ...KIND_CASES,
    ...BROAD_CASES,
    ...SEVERAL_CASES,
  ];
  for (const [name, run] of cases) {
    await t.step(name, async () => {
      await options.beforeEach?.();
      const database = await options.database?.();
      const fixture = await memoryFixture(factory, { database, pgvector: options.pgvector });
      try {
        await run(fixture);
      } finally {
        await fixture.close();
      }
    });
  }
}
