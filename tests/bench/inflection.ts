/**
 * Inflected words in languages without a stemmer here (Russian, Greek, Ukrainian): is a memory
 * found first when the query has another form of its word ("бабушки" for "бабушка"), and does
 * an unrelated query sharing only a word's beginning stay without a match? A real server
 * (SQLite, local embedder) over a WebSocket; prints the hits and the totals.
 *
 * `deno run -A --lock=tests/deno.lock tests/bench/inflection.ts`
 *
 * @module
 */
import { RpcClient, startTestServer } from "../_helpers.ts";

const MEMORIES: Record<string, string> = {
  grandma: "Моя бабушка живёт в Новосибирске и выращивает помидоры.",
  moscow: "В прошлом году я переехал в Москву из Казани.",
  book: "Я читаю интересную книгу о космических путешествиях.",
  brother: "Мой старший брат работает программистом в большой компании.",
  dog: "У нашей соседки три собаки и одна кошка.",
  teacher: "Моя сестра преподаёт математику в университете.",
  car: "Мы купили новую машину прошлой весной.",
  doctor: "Вчера я ходил к зубному врачу, было больно.",
  guitar: "По вечерам я играю на гитаре с друзьями.",
  greek: "Η γιαγιά μου μένει στη Θεσσαλονίκη.",
  greek2: "Διαβάζω ένα βιβλίο για την ιστορία της Ελλάδας.",
  ukr: "Мій брат живе у Львові і працює лікарем.",
  news: "Каждое утро отец смотрит новости по телевизору.",
  kitchen: "Новая кухня в нашей квартире очень светлая.",
};

/** Another form of a memory's word, and the memory it should find first. */
const INFLECTED: Array<[string, string]> = [
  ["бабушки", "grandma"],
  ["Новосибирск", "grandma"],
  ["помидор", "grandma"],
  ["Москва", "moscow"],
  ["Казань", "moscow"],
  ["книга", "book"],
  ["космические путешествия", "book"],
  ["брату", "brother"],
  ["программист", "brother"],
  ["собака", "dog"],
  ["соседка", "dog"],
  ["сестры", "teacher"],
  ["математика", "teacher"],
  ["университет", "teacher"],
  ["машина", "car"],
  ["зубной врач", "doctor"],
  ["гитара", "guitar"],
  ["друзья", "guitar"],
  ["Θεσσαλονίκης", "greek"],
  ["βιβλία", "greek2"],
  ["ιστορίας", "greek2"],
  ["Львів", "ukr"],
  ["лікар", "ukr"],
  ["телевизор", "news"],
  ["квартира", "kitchen"],
];

/** Queries that share only a beginning with some memory's word: no match expected. */
const UNRELATED = ["новогодний", "бабочки", "космонавт", "машинально", "университетский городок"];

const server = await startTestServer({
  DATA_DIR: Deno.makeTempDirSync({ prefix: "inflection-" }),
  MEMORY_DECAY_ENABLED: "false",
});
const client = await RpcClient.connect(server.wsUrl);
try {
  const { persona } = await client.call<{ persona: { id: string } }>("persona.create", {
    name: "Inflection",
    description: "bench",
  });
  const keyOf = new Map<string, string>();
  for (const [key, content] of Object.entries(MEMORIES)) {
    const { memory_id } = await client.call<{ memory_id: string }>("memory.store", {
      persona_id: persona.id,
      content,
    });
    keyOf.set(memory_id, key);
  }
  type Hit = { id: string; score_parts: { filler?: true; lexical: number } };
  const top = async (query: string) =>
    (await client.call<{ memories: Hit[] }>("memory.search", {
      persona_id: persona.id,
      query,
      n_results: 3,
      explain: true,
    })).memories.find((hit) => !hit.score_parts.filler);
  let found = 0;
  for (const [query, want] of INFLECTED) {
    const hit = await top(query);
    const got = hit ? keyOf.get(hit.id) : "-";
    if (got === want) found++;
    console.log(`${got === want ? "ok  " : "miss"} ${query} -> ${got} (want ${want})`);
  }
  let matched = 0;
  for (const query of UNRELATED) {
    const hit = await top(query);
    if (hit) matched++;
    console.log(`${hit ? "MATCH" : "none "} ${query} -> ${hit ? keyOf.get(hit.id) : "-"}`);
  }
  console.log(`inflected found first: ${found}/${INFLECTED.length}`);
  console.log(`unrelated with a match: ${matched}/${UNRELATED.length}`);
} finally {
  await client.close();
  await server.shutdown();
}
