/**
 * attack36: lorebooks with many entries and keys, regex keys, recursion, and lorebook.test
 * over long messages, through the wire; each request timed with the server's RSS after it.
 *
 *   deno run -A .a36/lore.ts [tree] [port=23750]
 */
import { Rpc, seeded, startServer, timed } from "./wire.ts";

const [tree, port = "23750"] = Deno.args;
const server = await startServer(tree || undefined, Number(port));
const rpc = await Rpc.open(server.ws);
const random = seeded(36);
const word = (n = 6) =>
  Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join("");
// deno-lint-ignore no-explicit-any
async function step(label: string, method: string, params: object): Promise<any> {
  const [ms, reply] = await timed(() => rpc.raw(method, params));
  const what = reply.error
    ? `error ${JSON.stringify(reply.error).slice(0, 200)}`
    : JSON.stringify(reply.result).slice(0, 160);
  console.log(`  ${label}: ${ms} ms, ${what}, rss ${server.rss().toFixed(0)} MiB`);
  return reply;
}
console.log(`load ${Deno.loadavg()[0]}`);
const { persona_id } = await rpc.call("persona.create", { name: "Lore", description: "x" });
const book = (entries: object[]) => ({ spec: "lorebook_v3", data: { name: "b", entries } });
const keys = Array.from({ length: 3000 }, () => word());
// Many entries, each many keys, recursion on, content naming other entries' keys.
const many = Array.from({ length: 2000 }, (_, i) => ({
  keys: keys.slice((i * 7) % 2900, (i * 7) % 2900 + 20),
  content: `${keys[(i * 13) % 3000]} ${keys[(i * 17) % 3000]} lore ${i}`,
  enabled: true,
  insertion_order: i,
  use_regex: false,
  extensions: {},
}));
const imported = await step("import 2000 entries x20 keys", "lorebook.import", {
  lorebook: book(many),
  persona_id,
});
const id = imported.result?.lorebook_id;
const text = keys.slice(0, 2500).join(" ").slice(0, 15_999);
await step("test 50 long messages", "lorebook.test", {
  persona_id,
  messages: Array.from({ length: 50 }, () => ({ text })),
});
await step("test again", "lorebook.test", {
  persona_id,
  messages: Array.from({ length: 50 }, () => ({ text })),
});
// Regex keys that backtrack.
const regex = Array.from({ length: 500 }, (_, i) => ({
  keys: [`/(a+)+b${i}/`, `/(x|x?)+y${i}/i`, `/^(\\w+\\s?)*$/`],
  content: `regex ${i}`,
  enabled: true,
  insertion_order: i,
  use_regex: true,
  extensions: {},
}));
await step("import 500 backtracking regex entries", "lorebook.import", {
  lorebook: book(regex),
  persona_id,
});
await step("test regex", "lorebook.test", {
  persona_id,
  messages: [{ text: "a".repeat(15_000) }, { text: "x".repeat(15_000) }],
});
// Deep nesting inside extensions.
let deep: unknown = 1;
for (let i = 0; i < 60; i++) deep = { d: deep };
await step("import deep extensions", "lorebook.import", {
  lorebook: book([{ keys: ["k"], content: "c", extensions: deep }]),
});
await step("export", "lorebook.export", { lorebook_id: id });
await step("list", "lorebook.list", {});
await step("get", "lorebook.get", { lorebook_id: id });
await step("export_card png", "persona.export_card", { persona_id });
await step("export_card json", "persona.export_card", { persona_id, format: "json" });
const card = await fetch(`${server.api}/personas/${persona_id}/card`);
console.log(`  REST card: ${card.status} ${(await card.arrayBuffer()).byteLength} bytes`);
const file = await fetch(`${server.api}/lorebooks/${id}/export`);
console.log(
  `  REST lorebook export: ${file.status} ${(await file.arrayBuffer()).byteLength} bytes`,
);
rpc.close();
await server.stop();
