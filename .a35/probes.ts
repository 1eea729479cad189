/**
 * attack35: hostile memory texts, queries and names against one server started from a tree,
 * each search timed with the server's resident memory after it.
 *
 *   deno run -A .a35/probes.ts [tree] [port=22720] [probes, comma-separated; all by default]
 *
 * Probes: members (60 memories of ~1,400 pets, each someone else's), chains (possessive chains
 * 10,000 characters long), invisible (zero-width and right-to-left marks inside dates, weekdays
 * and words), slip_delete (a slip found, its memory deleted, searched again), slip_letters (a
 * new word of each first letter stored between searches of 26 slips), names (look-alike persona
 * names with invisible and direction characters).
 */
import { Rpc, seeded, startServer, timed } from "./wire.ts";

const [tree, port = "22720", only = ""] = Deno.args;
const random = seeded(35);
const letters = (n: number, first = "") => {
  let w = first;
  while (w.length < n) w += String.fromCharCode(97 + Math.floor(random() * 26));
  return w;
};
const fill = (piece: (i: number) => string, limit = 9_990) => {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length + piece(i).length + 1 <= limit; i++) {
    parts.push(piece(i));
    length += piece(i).length + 1;
  }
  return parts.join(" ");
};
const server = await startServer(tree || undefined, Number(port));
const rpc = await Rpc.open(server.ws);
let personas = 0;
async function persona(): Promise<string> {
  const { persona_id } = await rpc.call("persona.create", {
    name: `P${++personas}`,
    description: "x",
  });
  return persona_id;
}
async function store(persona_id: string, texts: string[]): Promise<string[]> {
  const ids: string[] = [];
  const [ms] = await timed(async () => {
    for (const content of texts) {
      ids.push(
        (await rpc.call("memory.store", { persona_id, content, importance: 0.5 })).memory_id,
      );
    }
  });
  console.log(`  stored ${texts.length} in ${ms} ms, rss ${server.rss().toFixed(0)} MiB`);
  return ids;
}
// deno-lint-ignore no-explicit-any
async function search(label: string, persona_id: string, query: string, times = 2): Promise<any> {
  // deno-lint-ignore no-explicit-any
  let last: any;
  for (let i = 0; i < times; i++) {
    const [ms, reply] = await timed(() =>
      rpc.raw("memory.search", { persona_id, query, n_results: 5 })
    );
    last = reply;
    const what = reply.error
      ? `error ${JSON.stringify(reply.error).slice(0, 160)}`
      : `${reply.result.memories.length} hits, first ${
        JSON.stringify(reply.result.memories[0]?.content?.slice(0, 50))
      }`;
    console.log(`  ${label} #${i + 1}: ${ms} ms, ${what}, rss ${server.rss().toFixed(0)} MiB`);
  }
  return last;
}
const probes: Record<string, () => Promise<void>> = {
  async members() {
    const id = await persona();
    const pets = "dog cat hamster rabbit parrot tortoise goldfish budgie".split(" ");
    const owners = ["his", "her", "their", "dev's", "my neighbour's"];
    await store(
      id,
      Array.from(
        { length: 60 },
        (_, m) => fill((i) => `${owners[(i + m) % 5]} ${pets[(i * 3 + m) % 8]}`),
      ),
    );
    await store(id, ["our dog Biscuit is nine", "I take my cat to the vet on Fridays"]);
    await search("what pets do I have", id, "what pets do I have", 3);
  },
  async chains() {
    const id = await persona();
    await store(
      id,
      Array.from(
        { length: 40 },
        (_, m) =>
          fill((i) => ["my", "mum's", "friend's", "dog's", "vet's", "cat's"][(i + m) % 6]!) +
          " cat",
      ),
    );
    await search("whose cat", id, "what pets do I have", 2);
    await search("chain query", id, fill(() => "friend's", 1_990) + " cat", 2);
  },
  async invisible() {
    const id = await persona();
    const zw = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u2066", "\u200f"];
    const texts = Array.from(
      { length: 30 },
      (_, m) =>
        fill((i) =>
          `lesson${zw[(i + m) % 8]} on Tues${zw[i % 8]}day 1${zw[(i + 1) % 8]}2 march${zw[m % 8]}`
        ),
    );
    texts.push("my piano lesson is on Tuesdays", "the piano lesson moved to Thursdays");
    await store(id, texts);
    await search("invisible", id, "when is my piano\u200b lesson\u202e", 2);
    await search(
      "long invisible word",
      id,
      "a".repeat(1_000) + "\u200b".repeat(1_000) + "b".repeat(1_000),
      2,
    );
  },
  async slip_delete() {
    const id = await persona();
    const [slip] = await store(id, [
      "my dauther Ines plays chess on Saturdays",
      "the garden shed leaks",
    ]);
    const before = await search("slip before delete", id, "what does my daughter play", 1);
    await rpc.call("memory.delete", { memory_id: slip });
    const after = await search("slip after delete", id, "what does my daughter play", 1);
    const held = (reply: { result?: { memories: { content: string }[] } }) =>
      reply.result?.memories.some((memory) => memory.content.includes("dauther"));
    console.log(`  found before: ${held(before)}, after delete: ${held(after)}`);
    await store(id, ["my daugher Ines plays chess now"]);
    const again = await search("new slip of the same letter", id, "what does my daughter play", 1);
    console.log(
      `  new slip found: ${
        again.result?.memories.some((memory: { content: string }) =>
          memory.content.includes("daugher")
        )
      }`,
    );
  },
  async slip_letters() {
    const id = await persona();
    const queryWords = Array.from(
      { length: 26 },
      (_, i) => letters(9, String.fromCharCode(97 + i)),
    );
    await store(
      id,
      Array.from(
        { length: 50 },
        () => fill(() => letters(9, String.fromCharCode(97 + Math.floor(random() * 26)))),
      ),
    );
    for (let round = 0; round < 4; round++) {
      // One new word of each first letter: every memo entry of the last search is stale.
      await store(id, [
        Array.from({ length: 26 }, (_, i) => letters(9, String.fromCharCode(97 + i))).join(" "),
      ]);
      await search(`26 slips, round ${round}`, id, queryWords.join(" "), 2);
    }
  },
  async slip_hub() {
    // Two 16-letter words, each with every two-letter substitution after its first letter stored
    // (C(15, 2) × 25² = 65,625 terms, plus the one-letter ones): each word's close terms pass
    // SLIP_MEMO_ENTRIES, so each lookup empties the memo and the other word scans again.
    const id = await persona();
    const hubs = ["qwertyuiopasdfgh", "zxcvbnmlkjhgfdsa"];
    const abc = "abcdefghijklmnopqrstuvwxyz";
    const variants = (word: string) => {
      const found: string[] = [];
      for (let i = 1; i < word.length; i++) {
        for (let j = i + 1; j < word.length; j++) {
          for (const a of abc) {
            if (a === word[i]) continue;
            for (const b of abc) {
              if (b === word[j]) continue;
              found.push(word.slice(0, i) + a + word.slice(i + 1, j) + b + word.slice(j + 1));
            }
          }
        }
      }
      return found;
    };
    const terms = Number(Deno.env.get("A35_HUB_TERMS") ?? "70000");
    for (const hub of hubs) {
      const words = variants(hub).slice(0, terms);
      const texts: string[] = [];
      for (let at = 0; at < words.length; at += 580) {
        texts.push(words.slice(at, at + 580).join(" "));
      }
      await store(id, texts);
    }
    for (let round = 0; round < 3; round++) {
      await search(`hub ${hubs[round % 2]}`, id, `where is ${hubs[round % 2]}`, 2);
      await search(`hub both`, id, `${hubs[0]} and ${hubs[1]}`, 1);
    }
  },
  async names() {
    const tries = [
      "Aria",
      "\u0410ria",
      "Ari\u200ba",
      "Ar\u202eia",
      "ARIA",
      "Ａｒｉａ",
      "Arla",
      "Aria\u0301",
      "A".repeat(65),
    ];
    for (const name of tries) {
      const reply = await rpc.raw("persona.create", { name, description: "x" });
      console.log(
        `  persona.create ${JSON.stringify(name).slice(0, 30)}: ${
          reply.error
            ? `error ${reply.error.code} ${String(reply.error.message).slice(0, 80)}`
            : "created"
        }`,
      );
    }
  },
};
try {
  for (const [name, run] of Object.entries(probes)) {
    if (only && !only.split(",").includes(name)) continue;
    console.log(name);
    await run();
  }
} finally {
  rpc.close();
  await server.stop();
}
