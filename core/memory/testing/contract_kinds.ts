/**
 * Contract cases: what named things are, said in other memories (`kind_names.ts`,
 * `kind_bridges.ts`), on every backend: the names the store says are of a kind follow its
 * stores, imports, updates, supersessions and deletes, and a question by the kind finds the
 * name's memories. Test code only; `contract.ts` runs them.
 *
 * @module
 */
import assert from "node:assert/strict";
import { kindBridges } from "../kind_bridges.ts";
import { LocalEmbedder } from "../embedder.ts";
import { input } from "./contract_fixture.ts";
import { bridgedNames, bridgeQueryOf, storeContent } from "./bridge_fixture.ts";
import { type ContractCase, search } from "./contract_search.ts";
import { SENDER_KEY } from "../user_names.ts";

const HOME = "what does the care home cost a week";

/** A kept exchange of `sender`'s, as the chat engine writes it (`exchangeInput`). */
function exchange(sender: string): string {
  return `${sender} said: can you remind me about the train times on Monday?\nAria replied: Sure!`;
}

/** Lines about other things, enough that a search's pool leaves some of the store out. */
const DOG_SHOWS = Array.from(
  { length: 60 },
  (_, i) => `The dog show on day ${i + 1} had ${i + 12} entrants in the agility ring.`,
);

/** Lines of the same shape as the answer, each about a place that is no care home. */
const AROUND = [
  "the manager at Westgate is Brian Hughes",
  "the manager at Parkside is Susan Leigh",
  "the manager at Hollybank is Tom Reid",
  "the manager at Fernlea is Ruth Adams",
];

/** The kind cases. */
export const KIND_CASES: ContractCase[] = [
  [
    "a question by a thing's kind finds the memories of the name the store says is of it",
    async (f) => {
      for (const content of AROUND) await storeContent(f, content);
      await storeContent(f, "Elmhurst is the care home off Forest Road");
      await storeContent(f, "Westgate is the leisure centre by the station");
      const answer = await storeContent(f, "the manager at Elmhurst is Rosa Okafor");
      // Neither "care" nor "home" is in the answer: only the name ties it to the question, and
      // it ranks above the lines of the same shape about other places. (An owned noun right
      // before the name, "our beagle Biscuit", is the older name bridge's, `name_bridge.ts`: a
      // copula's tie is this module's alone.)
      const hits = await search(f, "who is the manager of the care home");
      const ids = hits.map((hit) => hit.id);
      const around = hits.findIndex((hit) => AROUND.includes(hit.content));
      const at = ids.indexOf(answer);
      assert.ok(at >= 0 && at < around, JSON.stringify(hits.map((hit) => hit.content)));
    },
  ],
  ["the names of a kind follow stores, imports, updates and deletes", async (f) => {
    assert.deepEqual(await bridgedNames(f, HOME, kindBridges), []);
    const intro = await storeContent(f, "Elmhurst is the care home off Forest Road");
    assert.deepEqual(await bridgedNames(f, HOME, kindBridges), ["elmhurst"]);
    // An import (`storeMany`) after the first lookup.
    await f.memory.storeMany(f.aria, [
      input({ content: "Larches, the care home by the park, has a waiting list" }),
    ]);
    assert.deepEqual(await bridgedNames(f, HOME, kindBridges), ["elmhurst", "larch"]);
    await f.memory.update(intro, { content: "Oakwood is the care home off Forest Road" });
    assert.deepEqual(await bridgedNames(f, HOME, kindBridges), ["larch", "oakwood"]);
    await f.memory.delete(intro);
    assert.deepEqual(await bridgedNames(f, HOME, kindBridges), ["larch"]);
  }],
  [
    "a superseded memory's kind stands unless its successor gives the kind to another name",
    async (f) => {
      const eldest = await storeContent(f, "our eldest, Priya, is 15 and in year 10");
      await f.memory.store(
        f.aria,
        input({ content: "Priya's in year 11 since September", supersedes: [eldest] }),
      );
      assert.deepEqual(await bridgedNames(f, "which nut must my eldest avoid", kindBridges), [
        "priya",
      ]);
      const home = await storeContent(f, "Elmhurst is the care home off Forest Road");
      await f.memory.store(
        f.aria,
        input({ content: "Oakwood is the care home off Forest Road now", supersedes: [home] }),
      );
      assert.deepEqual(await bridgedNames(f, HOME, kindBridges), ["oakwood"]);
    },
  ],
  [
    "the kinds a backend says its memories tie follow stores, updates and deletes",
    async (f) => {
      const tiedKinds = f.backend.tiedKinds?.bind(f.backend);
      if (tiedKinds === undefined) {
        // A backend that does not say: `kindBridges` looks every asked kind word up,
        // even in a store that ties none to a name, or it would lose bridges it cannot rule out.
        await storeContent(f, "Tom was tired after the match");
        const looked: string[] = [];
        const counting = {
          candidates: (query: Parameters<typeof f.backend.candidates>[0]) => {
            looked.push(query.terms.join("-"));
            return f.backend.candidates(query);
          },
        };
        assert.deepEqual(await bridgedNames(f, HOME, (asked) => kindBridges(asked, counting)), []);
        assert.deepEqual(looked.sort(), ["care", "cost", "home", "week"]);
        return;
      }
      const [vector] = await new LocalEmbedder().embed([HOME]);
      const query = {
        ...bridgeQueryOf(HOME, f.aria.id),
        vector: vector!,
        embedder: f.memory.embedderId,
      };
      const tied = async () => {
        // A backend may read its ties at quiet moments (SQLite): unknown until they are read.
        for (let look = 0; look < 100; look++) {
          const found = await tiedKinds(query, ["home", "beagl", "cat"]);
          if (found !== undefined) return [...found].sort();
          await new Promise((done) => setTimeout(done, 0));
        }
        throw new Error("the kind ties were never read");
      };
      assert.deepEqual(await tied(), []);
      const home = await storeContent(f, "Elmhurst is the care home off Forest Road");
      const beagle = await storeContent(f, "our beagle Biscuit is 5");
      assert.deepEqual(await tied(), ["beagl", "home"]);
      // Apposition set off by a dash and closed by a stop ties as a comma's does.
      const cat = await storeContent(f, "Miso — our cat. tabby, 7");
      assert.deepEqual(await tied(), ["beagl", "cat", "home"]);
      await f.memory.delete(cat);
      assert.deepEqual(await tied(), ["beagl", "home"]);
      await f.memory.update(home, { content: "Elmhurst shut in May" });
      assert.deepEqual(await tied(), ["beagl"]);
      await f.memory.delete(beagle);
      assert.deepEqual(await tied(), []);
    },
  ],
  [
    "the store's users, its exchanges' senders, follow stores, updates and deletes, and own their things outside the pool",
    async (f) => {
      const tiedKinds = f.backend.tiedKinds?.bind(f.backend);
      if (tiedKinds === undefined) return; // Not known: the pool's senders serve, as before.
      const query = bridgeQueryOf("what is my dog called?", f.aria.id);
      const senders = async () => {
        // A backend may read its ties at quiet moments (SQLite): unknown until they are read.
        for (let look = 0; look < 100; look++) {
          const found = await tiedKinds(query, ["theo", "maja"].map((name) => SENDER_KEY + name));
          if (found !== undefined) return [...found].sort();
          await new Promise((done) => setTimeout(done, 0));
        }
        throw new Error("the kind ties were never read");
      };
      const said = await storeContent(f, exchange("Theo"));
      assert.deepEqual(await senders(), ["said:theo"]);
      await f.memory.update(said, { content: exchange("Maja") });
      assert.deepEqual(await senders(), ["said:maja"]);
      await f.memory.delete(said);
      assert.deepEqual(await senders(), []);
      // A user's thing told in the third person is the speaker's own, with no exchange of theirs
      // among the search's candidates; another's named thing is not.
      await storeContent(f, exchange("Theo"));
      await f.memory.storeMany(f.aria, DOG_SHOWS.map((content) => input({ content })));
      const theo = await storeContent(f, "Theo's dog is called Biscuit");
      const pepper = await storeContent(f, "the dog next door is called Pepper");
      const maja = await storeContent(f, "Maja's dog is called Rolo");
      const ids = (await search(f, "what is my dog called?")).map((hit) => hit.id);
      assert.ok(ids.includes(theo) && ids.indexOf(theo) < ids.indexOf(pepper), ids.join());
      assert.ok(ids.indexOf(pepper) < ids.indexOf(maja) || !ids.includes(maja), ids.join());
    },
  ],
];
