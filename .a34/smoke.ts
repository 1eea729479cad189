import { Rpc, startServer, timed } from "./wire.ts";
const server = await startServer(Deno.args[0], 7600);
try {
  const rpc = await Rpc.open(server.ws);
  const persona = await rpc.call("persona.create", { name: "Probe", description: "x" }).catch((e) =>
    e.message
  );
  console.log(JSON.stringify(persona).slice(0, 300));
  const list = await rpc.call("persona.list");
  console.log(JSON.stringify(list).slice(0, 300));
  rpc.close();
} finally {
  await server.stop();
}
