/**
 * attack36: the owned_names probe in one process (for `--cpu-prof`): one "our son Kuba" memory
 * and `count` memories of "Kuba's friend" ×700, then searches asking about "my son".
 *
 *   deno run -A [--cpu-prof --cpu-prof-dir=DIR] .a36/owned_profile.ts [tree] [count=600] [rounds=5]
 */
const [treeArg, countArg = "600", roundsArg = "5"] = Deno.args;
/** A piece each memory repeats to ~10,000 characters instead ("A."), from A36_PIECE. */
const piece = Deno.env.get("A36_PIECE");
const query = Deno.env.get("A36_QUERY") ?? "what does my son want to do for a job";
const tree = treeArg || new URL("..", import.meta.url).pathname;
const { createServices } = await import(`${tree}/core/services.ts`);
const { testConfig, testLogger } = await import(`${tree}/tests/_helpers.ts`);
const dataDir = await Deno.makeTempDir({ prefix: "a36_prof_" });
const services = await createServices(testConfig({ DATA_DIR: dataDir }), { log: testLogger() });
const fill = (piece: (i: number) => string, limit = 9_990) => {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length + piece(i).length + 1 <= limit; i++) {
    parts.push(piece(i));
    length += piece(i).length + 1;
  }
  return parts.join(" ");
};
try {
  const persona = (await services.personas.list())[0];
  const texts = [
    "our son Kuba is 16 and loves football",
    ...Array.from(
      { length: Number(countArg) },
      (_, m) =>
        piece === undefined
          ? fill((i) => `Kuba's ${i % 2 ? "friend" : "mate"}${m % 3 ? "" : " Ola"}`)
          : `${m} Kuba ${piece.repeat(Math.ceil(10_000 / piece.length))}`.slice(0, 9_990),
    ),
  ];
  for (let i = 0; i < texts.length; i += 200) {
    await services.memory.storeMany(
      persona,
      texts.slice(i, i + 200).map((content) => ({
        content,
        memory_type: "conversation",
        emotional_valence: 0,
        related_personas: [],
        visibility: "private",
        metadata: {},
      })),
    );
  }
  const times: number[] = [];
  const rounds = Number(roundsArg);
  for (let r = 0; r < rounds; r++) {
    const at = performance.now();
    await services.memory.search(persona, {
      query: rounds % 2 ? query : `${query} ${r}`,
      n_results: 100,
      min_importance: 0,
    });
    times.push(Math.round(performance.now() - at));
  }
  console.log(JSON.stringify({ tree, load: Deno.loadavg()[0], times }));
} finally {
  await services.db.close?.();
  await Deno.remove(dataDir, { recursive: true }).catch(() => {});
}
