/**
 * The memory contract suite: the same cases against every backend (`sqlite_backend_test.ts`,
 * `chroma_backend_test.ts`), each on a fresh service. Test code only.
 *
 * @module
 */
import { type BackendFactory, memoryFixture } from "./contract_fixture.ts";
import { LIFECYCLE_CASES } from "./contract_lifecycle.ts";
import { SEARCH_CASES } from "./contract_search.ts";
import { SUPERSESSION_CASES } from "./contract_supersession.ts";
import { VISIBILITY_CASES } from "./contract_visibility.ts";

/** Runs every contract case as a step of `t` over backends made by `factory`. */
export async function runMemoryContract(
  t: Deno.TestContext,
  factory: BackendFactory,
  options: { beforeEach?: () => Promise<void> } = {},
): Promise<void> {
  const cases = [...SEARCH_CASES, ...VISIBILITY_CASES, ...LIFECYCLE_CASES, ...SUPERSESSION_CASES];
  for (const [name, run] of cases) {
    await t.step(name, async () => {
      await options.beforeEach?.();
      const fixture = await memoryFixture(factory);
      try {
        await run(fixture);
      } finally {
        await fixture.close();
      }
    });
  }
}
