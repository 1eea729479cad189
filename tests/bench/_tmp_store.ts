import { createServices } from "../../core/services.ts";
import { testConfig, testLogger } from "../../tests/_helpers.ts";
import process from "node:process";
import { MemoryInput } from "../../core/memory/mod.ts";
const mode = Deno.args[0] ?? "default";
const services = createServices(testConfig({ LOG_LEVEL: "error", MEMORY_DECAY_ENABLED: "false" }), {
  log: testLogger(),
});
if (mode === "nockpt") services.db.exec("PRAGMA wal_autocheckpoint = 0");
if (mode === "nosync") services.db.exec("PRAGMA synchronous = OFF");
const persona = services.personas.list()[0]!;
const words =
  "garden river coffee morning library winter music sister paint bread mountain letter train storm friend"
    .split(" ");
const text = (i: number) =>
  Array.from({ length: 12 }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(" ") + ` ${i}`;
for (let i = 0; i < 100; i++) {
  await services.memory.store(persona, MemoryInput.parse({ content: text(i) }));
}
const t0 = performance.now();
const c0 = process.cpuUsage();
for (let i = 0; i < 1000; i++) {
  await services.memory.store(persona, MemoryInput.parse({ content: text(i) }));
}
const c = process.cpuUsage(c0);
console.log(
  mode,
  "per store ms wall",
  ((performance.now() - t0) / 1000).toFixed(3),
  "cpu",
  ((c.user + c.system) / 1e6).toFixed(3),
);
await services.memory.close();
services.db.close();
