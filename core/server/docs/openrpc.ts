/**
 * The OpenRPC 1.3 document of the JSON-RPC methods (the JSON-RPC counterpart of OpenAPI),
 * generated from the handlers' zod schemas, descriptions, results and declared errors, with an
 * example per method where one is written (`method_examples.ts`). `rpc.discover` answers it; it
 * is also served at `/api/openrpc.json`.
 *
 * @module
 */
import type { Handler } from "../define_handler.ts";
import type { MethodTable } from "../rpc/handler.ts";
import { RpcCode } from "../rpc/wire_errors.ts";
import { errorMessageOf, wireOf } from "./errors_doc.ts";
import { hoistDefinitions, paramsJsonSchema, type SharedSchemas } from "./json_schema.ts";
import { METHOD_EXAMPLES } from "./method_examples.ts";

/** The method that answers this document (JSON-RPC service discovery); not listed in it. */
export const DISCOVER_METHOD = "rpc.discover";

/** What the document is built from. */
export interface OpenRpcInput {
  registry: MethodTable<unknown>;
  version: string;
  /** Where clients connect (`ws://127.0.0.1:8000/mcp`), when known. */
  servers?: ReadonlyArray<{ name: string; url: string }>;
}

type Json = Record<string, unknown>;

function contentDescriptors(handler: Handler, shared: SharedSchemas): Json[] {
  const schema = hoistDefinitions(
    paramsJsonSchema(handler.params, "draft-7"),
    handler.method,
    shared,
  );
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      required: required.has(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

function errors(handler: Handler): Json[] {
  const listed = new Map<number, string>([[RpcCode.InvalidParams, "Invalid params"]]);
  for (const domain of handler.errors ?? []) {
    const { code } = wireOf(domain);
    listed.set(
      code,
      listed.has(code) ? `${listed.get(code)}; ${errorMessageOf(domain)}` : errorMessageOf(domain),
    );
  }
  return [...listed].sort(([a], [b]) => b - a).map(([code, message]) => ({ code, message }));
}

function method(handler: Handler, shared: SharedSchemas): Json {
  const example = METHOD_EXAMPLES[handler.method];
  const notification = handler.method.startsWith("notifications/");
  return {
    name: handler.method,
    summary: handler.description,
    ...(handler.result ? { description: `Result: ${handler.result}` } : {}),
    tags: [{ name: handler.method.includes(".") ? handler.method.split(".")[0]! : "mcp" }],
    paramStructure: "by-name",
    params: contentDescriptors(handler, shared),
    ...(notification ? {} : {
      result: {
        name: "result",
        ...(handler.result ? { description: handler.result } : {}),
        schema: { type: "object" },
      },
    }),
    errors: errors(handler),
    ...(example
      ? {
        examples: [{
          name: example.name ?? `${handler.method} example`,
          params: Object.entries(example.params).map(([name, value]) => ({ name, value })),
        }],
      }
      : {}),
  };
}

/** The OpenRPC document of every method in `input.registry` but `rpc.discover`. */
export function openRpcDocument(input: OpenRpcInput): Json {
  const handlers = input.registry.list().filter((h) => h.method !== DISCOVER_METHOD);
  const shared: SharedSchemas = {};
  const methods = handlers.map((handler) => method(handler as unknown as Handler, shared));
  return {
    openrpc: "1.3.2",
    info: {
      title: "persona-mcp JSON-RPC",
      version: input.version,
      description: "Every JSON-RPC 2.0 method of the server, over WebSocket (`/mcp`), MCP " +
        "Streamable HTTP, stdio and `POST /api/rpc`. Params are by name; ids in examples such as " +
        "`{persona_id}` stand for ids of yours.",
      license: { name: "MIT" },
    },
    ...(input.servers?.length ? { servers: input.servers } : {}),
    methods,
    ...(Object.keys(shared).length ? { components: { schemas: shared } } : {}),
  };
}
