/**
 * attack34: several hostile memory texts and queries against one server, each search timed with
 * the server's resident memory after it.
 *
 *   deno run -A .a34/probes.ts [tree] [port=7620] [only=probe names, comma-separated]
 */
import { Rpc, seeded, startServer, timed } from "./wire.ts";

const [tree, port = "7620", only = ""] = Deno.args;
const random = seeded(7);
const letters = (n: number, first?: string) => {
  let w = first ?? "";
  while (w.length < n) w += String.fromCharCode(97 + Math.floor(random() * 26));
  return w;
};
const fill = (piece: () => string, limit = 9_990) => {
  let text = "";
  while (true) {
    const next = piece();
    if (text.length + next.length + 1 > limit) return text.trim();
    text += next + " ";
  }
};
const VOCAB = ("garden kitchen brother sister mother father holiday teacher doctor nurse " +
  "hospital school village market bakery guitar piano violin football tennis swimming running " +
  "painting drawing reading writing cooking baking camping fishing hiking cycling travel office " +
  "manager engineer student college university library museum theatre cinema concert festival " +
  "wedding birthday christmas summer winter autumn spring morning evening weekend monday friday " +
  "saturday sunday january february march april august september october november december " +
  "allergy migraine asthma diabetes surgery medicine vitamin breakfast dinner lunch coffee " +
  "chocolate cheese bread butter apple banana orange grape lemon potato tomato carrot onion " +
  "chicken salmon turkey pepper garlic ginger honey sugar flour cream yogurt cereal pasta pizza")
  .split(" ");
const server = await startServer(tree || undefined, Number(port));
const rpc = await Rpc.open(server.ws);
async function persona(name: string): Promise<string> {
  const { persona_id } = await rpc.call("persona.create", { name, description: "x" });
  return persona_id;
}
async function store(persona_id: string, texts: string[]) {
  const [ms] = await timed(async () => {
    for (const content of texts) {
      await rpc.call("memory.store", { persona_id, content, importance: 0.5 });
    }
  });
  return ms;
}
async function search(label: string, persona_id: string, query: string, times = 3) {
  for (let i = 0; i < times; i++) {
    const [ms, reply] = await timed(() =>
      rpc.raw("memory.search", { persona_id, query, n_results: 10 })
    );
    const what = reply.error
      ? `error ${JSON.stringify(reply.error).slice(0, 120)}`
      : `${reply.result.memories.length} hits, first: ${
        JSON.stringify(reply.result.memories[0]?.content?.slice(0, 60))
      }`;
    console.log(`${label} search ${i + 1}: ${ms} ms, ${what}, rss ${server.rss().toFixed(0)} MiB`);
  }
}
const probes: Record<string, () => Promise<void>> = {
  async typo_query() {
    const id = await persona("TypoQ");
    await store(id, [
      "I live in Leeds with my sister.",
      "My dog is called Rex.",
      "I work as a nurse.",
    ]);
    for (let i = 0; i < 3; i++) {
      const query = fill(() => letters(24), 1_990);
      await search(`typo_query fresh ${i}`, id, query, 1);
    }
  },
  async possessive_chain() {
    const id = await persona("Chain");
    const kin = [
      "mum",
      "dad",
      "sister",
      "brother",
      "friend",
      "boss",
      "nan",
      "uncle",
      "aunt",
      "cousin",
    ];
    const chain = () => fill(() => `${kin[Math.floor(random() * kin.length)]}'s`);
    const ms = await store(id, Array.from({ length: 30 }, chain));
    console.log(`possessive_chain stored 30 in ${ms} ms`);
    await search("possessive_chain parents", id, "where do my parents live");
    await search("possessive_chain chain", id, "what is my " + "friend's ".repeat(200) + "name");
  },
  async texted_owners() {
    const id = await persona("Texted");
    const names = Array.from({ length: 400 }, () => letters(6));
    const owned = () => fill(() => `${names[Math.floor(random() * names.length)]}s mum`);
    const ms = await store(id, Array.from({ length: 30 }, owned));
    console.log(`texted_owners stored 30 in ${ms} ms`);
    await search("texted_owners parents", id, "where do my parents live");
  },
  async pronoun_members() {
    // attack34 A2: a member word held by someone else ("his mum") over and over in each text.
    const id = await persona("Pronouns");
    const count = Number(Deno.env.get("A34_COUNT") ?? "60");
    const texts = Array.from({ length: count }, (_, i) => `Note ${i}: ` + fill(() => "his mum"));
    const ms = await store(id, texts);
    console.log(`pronoun_members stored ${count} in ${ms} ms`);
    await search("pronoun_members parents", id, "where do my parents live", 4);
  },
  async slip_flood() {
    // attack34: a query whose every word is a slip of a real word (two neighbours swapped), each
    // read as that word and expanded with its relatives.
    const id = await persona("SlipFlood");
    const texts = Array.from(
      { length: 30 },
      () => fill(() => VOCAB[Math.floor(random() * VOCAB.length)]!),
    );
    await store(id, texts);
    for (let i = 0; i < 3; i++) {
      const query = fill(() => {
        const word = VOCAB[Math.floor(random() * VOCAB.length)]!;
        return word[0]! + word[2]! + word[1]! + word.slice(3);
      }, 1_990);
      await search(`slip_flood fresh ${i}`, id, query, 1);
    }
  },
  async capital_owners() {
    // attack34: every memory names ~1,000 distinct people, capitalised, each with a mum.
    const id = await persona("Capitals");
    const count = Number(Deno.env.get("A34_COUNT") ?? "100");
    const name = () => letters(1, String.fromCharCode(65 + Math.floor(random() * 26))) + letters(5);
    const texts = Array.from({ length: count }, () => fill(() => `${name()}s mum`));
    const ms = await store(id, texts);
    console.log(`capital_owners stored ${count} in ${ms} ms`);
    await search("capital_owners mum", id, "where does my mum live", 4);
    await search("capital_owners parents", id, "where do my parents live", 3);
  },
  async number_series() {
    const id = await persona("Series");
    const texts = Array.from(
      { length: 300 },
      (_, i) => `I weigh ${90 - i / 10} kg now and run ${i} km.`,
    );
    const ms = await store(id, texts);
    console.log(`number_series stored 300 in ${ms} ms`);
    await search("number_series", id, "how much do I weigh now");
    const long = Array.from({ length: 20 }, () => fill(() => String(Math.floor(random() * 1e6))));
    await store(id, long);
    await search("number_series long", id, "how much do I weigh now");
  },
  async split_query() {
    const id = await persona("Split");
    await store(id, ["My birthday is in May.", "My grandchildren visit on Sundays."]);
    await search("split_query", id, fill(() => "birth day grand children", 1_990));
  },
  async amounts() {
    const id = await persona("Amounts");
    const texts = Array.from(
      { length: 30 },
      () => fill(() => `my rent is £${Math.floor(random() * 1000)}`),
    );
    const ms = await store(id, texts);
    console.log(`amounts stored 30 in ${ms} ms`);
    await search("amounts", id, "how much is my rent now");
  },
  async invisible() {
    const id = await persona("Invisible");
    const texts = [
      "My m\u200Bum lives in Leeds.",
      "My \u202Emum\u202C lives in York.",
      "My mum\u0301 lives in Bath.",
      "My \u043Cum lives in Hull.", // Cyrillic em
      "I\u00A0live\u2028in\u2029Paris.",
      "\uFEFFMy dad lives in Bolton.",
      "My d\u0000ad is a teacher.",
      "My sister \uD800 is a nurse.",
      "My \u{1F600}\u{1F600}\u{1F600} mum lives in Cork.",
      "ﬁ".repeat(3000),
      "\u0130".repeat(5000),
      "ß".repeat(5000),
    ];
    for (const content of texts) {
      const reply = await rpc.raw("memory.store", { persona_id: id, content, importance: 0.5 });
      if (reply.error) {
        console.log(
          `invisible store ${JSON.stringify(content.slice(0, 20))}: ${
            JSON.stringify(reply.error).slice(0, 150)
          }`,
        );
      }
    }
    await search("invisible parents", id, "where do my parents live", 1);
    await search("invisible mum", id, "where does my mum live", 1);
    await search("invisible zw query", id, "where does my m\u200Bum l\u200Bive", 1);
    await search("invisible ligature", id, "ﬁ".repeat(1990), 1);
    await search("invisible dotted", id, "\u0130".repeat(1990), 1);
  },
};
try {
  for (const [name, probe] of Object.entries(probes)) {
    if (only && !only.split(",").includes(name)) continue;
    const [ms] = await timed(probe);
    console.log(`== ${name}: ${ms} ms, rss ${server.rss().toFixed(0)} MiB`);
  }
} finally {
  rpc.close();
  await server.stop();
}
