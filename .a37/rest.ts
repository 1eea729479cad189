/** attack37: REST limits: query strings, cursors, paths, bundle routes. */
import { startServer, timed } from "./wire.ts";
const [tree = "", port = "23750"] = Deno.args;
const server = await startServer(tree || undefined, Number(port));
const api = server.api;
const p = await (await fetch(`${api}/personas`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ name: "Resty", description: "x" }),
})).json();
const id = p.id ?? p.persona_id ?? p.persona?.id;
const cases: Array<[string, string, RequestInit?]> = [
  ["query 2001", `/personas/${id}/memories?query=${"a".repeat(2001)}`],
  ["query 50k", `/personas/${id}/memories?query=${"ma%20".repeat(12000)}`],
  ["n_results 1e9", `/personas/${id}/memories?query=tea&n_results=1000000000`],
  ["n_results -1", `/personas/${id}/memories?query=tea&n_results=-1`],
  ["n_results NaN", `/personas/${id}/memories?query=tea&n_results=abc`],
  ["limit 1e9", `/personas/${id}/memories?limit=1000000000`],
  ["cursor garbage", `/personas/${id}/memories?cursor=${"%ff".repeat(100)}`],
  ["cursor huge", `/personas/${id}/memories?cursor=${"A".repeat(100000)}`],
  ["offset 1e18", `/personas/${id}/memories?offset=1000000000000000000`],
  ["repeated params", `/personas/${id}/memories?${"query=a&".repeat(5000)}`],
  ["bundle include junk", `/personas/${id}/bundle?include=${"memories,".repeat(5000)}`],
  ["path 100k", `/personas/${"x".repeat(100000)}/memories`],
  ["bad percent", `/personas/%E0%A4%A/memories`],
  ["bundles empty", `/personas/bundles`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "",
  }],
  ["bundles array", `/personas/bundles`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "[]",
  }],
  ["bundles null", `/personas/bundles`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "null",
  }],
  ["bundles deep", `/personas/bundles`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "[".repeat(100000),
  }],
  ["bundles 17MB", `/personas/bundles`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: '{"a":"' + "x".repeat(17 << 20) + '"}',
  }],
  ["bundles 300k keys", `/personas/bundles`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(
      Object.fromEntries(Array.from({ length: 300000 }, (_, i) => [`k${i}`, 1])),
    ),
  }],
];
for (const [label, path, init] of cases) {
  const [ms, out] = await timed(async () => {
    try {
      const res = await fetch(`${api}${path}`, init);
      return `${res.status} ${(await res.text()).slice(0, 150)}`;
    } catch (e) {
      return `ERR ${String(e).slice(0, 100)}`;
    }
  });
  console.log(`${label}: ${ms} ms ${out}`);
}
console.log(`rss ${server.rss().toFixed(0)} MiB`);
await server.stop();
