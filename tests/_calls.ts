/**
 * What the list tests share: a JSON-RPC call as a plain function of a client, and personas made
 * by name.
 *
 * @module
 */
import type { RpcClient } from "./_helpers.ts";

/** One JSON-RPC call, resolving to its result object. */
export type Call = (
  method: string,
  params?: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

/** `client`'s calls as a {@linkcode Call}. */
export function callOf(client: RpcClient): Call {
  return (method, params) => client.call<Record<string, unknown>>(method, params);
}

/** Creates a persona named `name` through `call`; resolves to its id. */
export async function makePersona(call: Call, name: string): Promise<string> {
  return ((await call("persona.create", { name })).persona as { id: string }).id;
}
