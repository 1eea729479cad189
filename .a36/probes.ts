/**
 * attack36: hostile memory texts and queries against the session-35 surfaces (relation names,
 * dotted abbreviations), over the wire, each search timed with the server's resident memory.
 *
 *   deno run -A .a36/probes.ts [tree] [port=23720] [probes, comma-separated; all by default]
 *
 * Probes: owned_names (one "our son Kuba" and hundreds of memories of "Kuba's friend" ×700),
 * many_names (memories naming ~900 sons each), rel_query (a query of relation words only),
 * dots ("d.r." thousands of times, "a.b.c.d..." 10,000 characters), scripts (relation words and
 * names in many scripts).
 */
import { Rpc, seeded, startServer, timed } from "./wire.ts";

const [tree, port = "23720", only = ""] = Deno.args;
const count = Number(Deno.env.get("A36_COUNT") ?? "200");
const random = seeded(36);
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
      const reply = await rpc.raw("memory.store", { persona_id, content, importance: 0.5 });
      if (reply.error) console.log("  store error", JSON.stringify(reply.error).slice(0, 200));
      else ids.push(reply.result.memory_id);
    }
  });
  console.log(
    `  stored ${ids.length}/${texts.length} in ${ms} ms, rss ${server.rss().toFixed(0)} MiB`,
  );
  return ids;
}
async function search(
  label: string,
  persona_id: string,
  query: string,
  { times = 3, n_results = 5 } = {},
  // deno-lint-ignore no-explicit-any
): Promise<any> {
  // deno-lint-ignore no-explicit-any
  let last: any;
  for (let i = 0; i < times; i++) {
    const [ms, reply] = await timed(() =>
      rpc.raw("memory.search", { persona_id, query, n_results })
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
const name = () =>
  letters(1 + Math.floor(random() * 5), "").replace(/^./, (c) => c.toUpperCase()) + letters(3);
const probes: Record<string, () => Promise<void>> = {
  async owned_names() {
    const id = await persona();
    await store(id, ["our son Kuba is 16 and loves football"]);
    await store(
      id,
      Array.from(
        { length: count },
        (_, m) => fill((i) => `Kuba's ${i % 2 ? "friend" : "mate"}${m % 3 ? "" : " Ola"}`),
      ),
    );
    await search("son q n5", id, "what does my son want to do for a job");
    await search("son q n100", id, "what does my son want to do for a job", { n_results: 100 });
  },
  async many_names() {
    const id = await persona();
    const rels = ["son", "daughter", "friend", "boss", "wife", "neighbour"];
    await store(
      id,
      Array.from({ length: count }, (_, m) => fill((i) => `my ${rels[(i + m) % 6]} ${name()},`)),
    );
    await search("kids q", id, "when are the kids birthdays");
    await search(
      "rel q",
      id,
      "what does my son my daughter my friend my boss my wife my neighbour do",
      { n_results: 100 },
    );
  },
  async rel_query() {
    const id = await persona();
    await store(id, [
      "our son Kuba is 16",
      "my wife Kasia is a nurse",
      "my boss is called Declan",
      "Kuba want to be electrician",
      "Kasia likes tea",
      "Declan is strict",
    ]);
    const kin =
      "son daughter mum dad mother father brother sister wife husband aunt uncle cousin niece nephew grandma grandpa granny boss friend partner neighbour kids children parents"
        .split(" ");
    let q = "";
    for (let i = 0; q.length < 1_990; i++) q += `my ${kin[i % kin.length]} `;
    await search("500 rel words", id, q.trim().slice(0, 2000));
    await search("rel words no my", id, kin.join(" ").repeat(8).slice(0, 2000));
  },
  async dots() {
    const id = await persona();
    await store(id, [
      "d.r. ".repeat(1_990).slice(0, 9_990),
      "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.".repeat(200).slice(0, 9_990),
      ".".repeat(9_990) + "x",
      "Dr. O'Sullivan is my GP",
      fill(() => `${letters(1)}.${letters(1)}.`),
    ]);
    await search("d.r. query", id, "d.r. ".repeat(400).slice(0, 2000));
    await search("dots query", id, "a.b.c.d.".repeat(250).slice(0, 2000));
    await search("dr question", id, "when is my doctor appointment");
    await search("all dots", id, ".".repeat(1999) + "x");
  },
  async caps_run() {
    const id = await persona();
    await store(id, Array.from({ length: count }, (_, m) => `Kuba ${m} ' ` + "A".repeat(9_980)));
    await search("kuba q", id, "what did Kuba do");
  },
  async scripts() {
    const id = await persona();
    await store(id, [
      "мой сын Кирилл учится в школе",
      "我的儿子小明喜欢足球",
      "my son Κώστας is 10",
      "my son Ünal is 9",
      "my son Σ is",
      "our son İbrahim likes chess",
      "my son ǅemal is 7",
      "my son Ǆ",
      fill(() =>
        `my son ${String.fromCodePoint(0x1d400 + Math.floor(random() * 26))}${letters(3)}`
      ),
      fill(() => `my son ${["Κ", "Ж", "Ü", "İ", "ǅ"][Math.floor(random() * 5)]}${letters(3)}`),
    ]);
    await search("son q", id, "what does my son do");
    await search("mixed", id, "мой сын my son 我的儿子 ο γιος μου mi hijo mein Sohn");
  },
};
for (const [label, run] of Object.entries(probes)) {
  if (only && !only.split(",").includes(label)) continue;
  console.log(`${label} (load ${Deno.loadavg()[0]})`);
  try {
    await run();
  } catch (error) {
    console.log(`  ${label} failed: ${error}`);
  }
}
rpc.close();
await server.stop();
