// A kept exchange's kind keys hold its sender's (session 44, `senderKeys`): on PostgreSQL a row
// written before them is made unread by `senderKeysMigration` and read again by the background
// fill, so the store's users are known from exchanges stored by an older build too. Real
// PostgreSQL (and Chroma, which the nodes' fixture starts).
import assert from "node:assert/strict";
import { POSTGRES_SKIPPED } from "../storage/testing/databases.ts";
import type { CandidateQuery } from "./backend.ts";
import { fillKindKeys, postgresTiedKinds, senderKeysMigration } from "./postgres_kind_keys.ts";
import { MemoryInput } from "./schema.ts";
import { withAriaOnOneNode } from "./testing/chroma_postgres_nodes.ts";
import { knownUsers } from "./store_users.ts";

Deno.test({
  name:
    "PostgreSQL sender keys: an exchange's row from before them is read again, and its sender is then a user",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    await withAriaOnOneNode(async (one, aria) => {
      const said = await one.memory.store(
        aria,
        MemoryInput.parse({ content: "Theo said: is it cold out?\nAria replied: Bring a coat." }),
      );
      await one.memory.store(
        aria,
        MemoryInput.parse({ content: "Elmhurst is the care home" }),
      );
      const asked = () =>
        postgresTiedKinds(one.db, { personaId: aria.id, keys: ["said:theo", "home"] });
      assert.deepEqual(await asked(), new Set(["said:theo", "home"]), "written by this build");
      // As rows an older build wrote: keys without the sender's.
      await one.db.run("UPDATE memories SET kind_keys = '{}' WHERE id = ?", said.id);
      assert.deepEqual(await asked(), new Set(["home"]));
      const { sql } = senderKeysMigration;
      await one.db.exec(typeof sql === "string" ? sql : sql.postgres!);
      assert.equal(await asked(), undefined, "the exchange's row is unread");
      const unread = await one.db.all<{ id: string }>(
        "SELECT id FROM memories WHERE kind_keys IS NULL",
      );
      assert.deepEqual(unread.map((row) => row.id), [said.id], "only the row holding ' said: '");
      assert.equal(await fillKindKeys(one.db), 1);
      assert.deepEqual(await asked(), new Set(["said:theo", "home"]));
      // And a search knows Theo as a user with no exchange among its candidates.
      const candidateQuery = { personaId: aria.id } as CandidateQuery;
      const users = await knownUsers(
        {
          names: [],
          contents: ["Theo's dog is called Biscuit"],
          ownThings: true,
          speakerVoice: true,
        },
        { backend: one.backend, candidateQuery },
      );
      assert.deepEqual([...users], ["theo"]);
    });
  },
});
