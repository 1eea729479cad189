/**
 * `persona.get` keeps what it reads (avatar, lorebooks) on each node until the data changes on
 * any node: two server processes on one PostgreSQL schema, every change made through one and read
 * through the other, which had read (and kept) the old value first. Another node's change shows
 * within `CHANGE_CHECK_MS` (NOTIFY usually tells sooner); the recent-message count is never kept
 * on PostgreSQL, so a chat on one node counts on the other at once.
 */
import assert from "node:assert/strict";
import { CHANGE_CHECK_MS } from "../core/storage/mod.ts";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { startCluster } from "./_cluster.ts";
import { delay, RpcCallError, RpcClient } from "./_helpers.ts";

/** A 1×1 PNG. */
const PIXEL =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

type Profile = {
  description: string;
  avatar: { mime: string } | null;
  lorebooks: { name: string }[];
  memory_stats: { recent_interactions: number };
};

/** Waits for another node's change: at most CHANGE_CHECK_MS, and a margin for a loaded machine. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = performance.now() + CHANGE_CHECK_MS.postgres + 2_000;
  while (!(await check())) {
    if (performance.now() > deadline) assert.fail(`not seen on the other node: ${what}`);
    await delay(20);
  }
}

Deno.test({
  name: "persona.get on one node shows every change made through another node",
  ignore: POSTGRES_SKIPPED,
  async fn(t) {
    const cluster = await startCluster({ nodes: 2, chroma: false });
    const [a, b] = cluster.nodes as [typeof cluster.nodes[0], typeof cluster.nodes[0]];
    const onA = await RpcClient.connect(a.wsUrl);
    const onB = await RpcClient.connect(b.wsUrl);
    try {
      const { persona_id } = await onA.call<{ persona_id: string }>("persona.create", {
        name: "Keeper",
      });
      const profile = async () =>
        (await onA.call<{ persona: Profile }>("persona.get", { persona_id })).persona;
      // Read (and so kept) on A before each change through B.
      const keepOnA = async () => {
        await profile();
        await profile();
      };

      await t.step("persona.update (description, avatar)", async () => {
        await keepOnA();
        await onB.call("persona.update", {
          persona_id,
          description: "Lights the lamp",
          avatar: PIXEL,
        });
        await eventually(async () => {
          const p = await profile();
          return p.description === "Lights the lamp" && p.avatar?.mime === "image/png";
        }, "description and avatar");
        await onB.call("persona.update", { persona_id, avatar: null });
        await eventually(async () => (await profile()).avatar === null, "avatar removed");
      });

      await t.step("lorebook create, detach and attach", async () => {
        await keepOnA();
        const { lorebook_id } = await onB.call<{ lorebook_id: string }>("lorebook.create", {
          name: "Harbor lore",
          persona_id,
          entries: [{ keys: ["harbor"], content: "The harbor freezes in winter." }],
        });
        await eventually(
          async () => (await profile()).lorebooks.some((book) => book.name === "Harbor lore"),
          "lorebook created",
        );
        await onB.call("lorebook.detach", { lorebook_id, persona_id });
        await eventually(async () => (await profile()).lorebooks.length === 0, "detached");
        await onB.call("lorebook.attach", { lorebook_id, persona_id });
        await eventually(async () => (await profile()).lorebooks.length === 1, "attached");
      });

      await t.step("a chat on B counts on A at once", async () => {
        const before = (await profile()).memory_stats.recent_interactions;
        await onB.call("conversation.send_message", { persona_id, content: "Is the lamp lit?" });
        assert.equal((await profile()).memory_stats.recent_interactions, before + 1);
      });

      await t.step("persona.delete", async () => {
        await keepOnA();
        await onB.call("persona.delete", { persona_id });
        await eventually(async () => {
          try {
            await profile();
            return false;
          } catch (error) {
            return error instanceof RpcCallError && error.code === -32000;
          }
        }, "deleted");
      });
    } finally {
      await onA.close();
      await onB.close();
      await cluster.stop();
    }
  },
});
