/**
 * The OpenAPI 3.1 document of the REST port, generated from the route docs (what each route
 * runs, where its params come from) and the zod schemas of the methods the routes call: the
 * schemas the routes validate with. Served at `/api/openapi.json`.
 *
 * @module
 */
import type { Handler } from "../define_handler.ts";
import type { MethodTable } from "../rpc/handler.ts";
import { errorResponses, type RouteAccess } from "./openapi_errors.ts";
import {
  hoistDefinitions,
  type JsonSchemaObject,
  paramsJsonSchema,
  type SharedSchemas,
  withoutProperties,
} from "./json_schema.ts";
import type { DocumentedRoute } from "./routes_page.ts";

/** What the document is built from. */
export interface OpenApiInput {
  routes: readonly DocumentedRoute[];
  registry: MethodTable<unknown>;
  version: string;
  /** Paths read (GET, HEAD) without AUTH_TOKEN: pages, assets, documents. */
  publicPaths?: ReadonlySet<string>;
}

type Json = Record<string, unknown>;

/** `/api/personas/:id` → `/api/personas/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, "{$1}");
}

/** `GET /api/personas/:id/memories` → `get_personas_id_memories`. */
function operationId(verb: string, path: string): string {
  const words = path.replace(/^\/api\/?/, "/").split(/[^A-Za-z0-9]+/).filter(Boolean);
  return [verb.toLowerCase(), ...(words.length ? words : ["root"])].join("_");
}

/** Resource words and the tag of the routes whose path holds one, most specific first. */
const TAG_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/\/memories\b/, "memories"],
  [/\/relationships\b/, "relationships"],
  [/\/(chat|history)$/, "chat"],
  [/^\/api\/conversations\b/, "conversations"],
  [/^\/api\/simulations\b/, "simulations"],
  [/^\/api\/personas\b/, "personas"],
  [/^\/api\/sessions\b/, "sessions"],
  [/^\/api\/(system|health)\b/, "system"],
  [/^\/api\/rpc$/, "rpc"],
  [/^\/api\/(docs|openapi\.json|openrpc\.json)\b/, "documents"],
  [/^\/metrics$/, "metrics"],
];

/** The tag of a route: its resource (`memories`), else `dashboard` (pages and their assets). */
function tagOf(path: string): string {
  return TAG_WORDS.find(([pattern]) => pattern.test(path))?.[1] ?? "dashboard";
}

function handlersOf(route: DocumentedRoute, registry: MethodTable<unknown>): Handler[] {
  return (route.doc.calls ?? []).map((method) => {
    const handler = registry.get(method);
    if (!handler) throw new Error(`${route.key} documents ${method}, which is not served`);
    return handler as unknown as Handler;
  });
}

/** The merged params schema of the route's methods (one method: its own). */
function mergedSchema(handlers: readonly Handler[], shared: SharedSchemas): JsonSchemaObject {
  const schemas = handlers.map((handler) =>
    hoistDefinitions(paramsJsonSchema(handler.params), handler.method, shared)
  );
  if (schemas.length === 1) return schemas[0]!;
  const properties: Record<string, Record<string, unknown>> = {};
  for (const schema of schemas) Object.assign(properties, schema.properties ?? {});
  // A field is required only when every method requires it.
  const required = (schemas[0]?.required ?? []).filter((name) =>
    schemas.every((schema) => schema.required?.includes(name))
  );
  return { type: "object", properties, ...(required.length ? { required } : {}) };
}

function parameters(route: DocumentedRoute, schema: JsonSchemaObject, verb: string): Json[] {
  const path = route.key.slice(verb.length + 1);
  const list: Json[] = [];
  for (const name of path.match(/:([A-Za-z_]+)/g) ?? []) {
    const param = name.slice(1);
    const target = route.doc.path?.[param];
    const fieldSchema = target ? schema.properties?.[target] : undefined;
    list.push({
      name: param,
      in: "path",
      required: true,
      description: target && fieldSchema ? `The method's \`${target}\`` : `The ${target ?? param}`,
      schema: fieldSchema ?? { type: "string" },
      ...(route.doc.example?.path?.[param] ? { example: route.doc.example.path[param] } : {}),
    });
  }
  if (route.doc.input === "query") {
    for (const name of route.doc.query ?? []) {
      const fieldSchema = schema.properties?.[name];
      if (!fieldSchema) throw new Error(`${route.key} reads ?${name}, which its methods lack`);
      const { description, ...rest } = fieldSchema;
      list.push({
        name,
        in: "query",
        required: schema.required?.includes(name) ?? false,
        ...(description ? { description } : {}),
        schema: rest,
        ...(route.doc.example?.query?.[name] ? { example: route.doc.example.query[name] } : {}),
      });
    }
  }
  for (const [name, description] of Object.entries(route.doc.ownQuery ?? {})) {
    list.push({ name, in: "query", required: false, description, schema: { type: "string" } });
  }
  return list;
}

/** The request body of an upload route: the file as it is, or a form's `file` field. */
function uploadBody(types: readonly string[]): Json {
  const file = { type: "string", contentMediaType: "application/octet-stream" };
  return {
    required: true,
    content: Object.fromEntries(types.map((type) => [
      type,
      {
        schema: type === "multipart/form-data"
          ? { type: "object", properties: { file }, required: ["file"] }
          : file,
      },
    ])),
  };
}

function inputOf(route: DocumentedRoute, verb: string): "body" | "query" | "none" {
  return route.doc.input ?? (["POST", "PUT", "PATCH"].includes(verb) ? "body" : "none");
}

/** The schema of a success in `media`. */
function successSchema(media: string): Json {
  return media === "application/json" ? { type: ["object", "array"] } : { type: "string" };
}

/** What a streamed answer (`streams`) carries: the method's notifications, then its end. */
const SSE_TEXT = "Server-Sent Events: a `chunk` event per notification of the method (its " +
  "params as JSON), then `result` (the result) or `error` (`{error: {code, message, data?}}`)";

function responses(
  route: DocumentedRoute,
  handlers: readonly Handler[],
  access: RouteAccess,
): Json {
  const status = String(route.doc.status ?? 200);
  const results = handlers.map((handler) => handler.result ?? "").filter(Boolean);
  const media = route.doc.produces ?? "application/json";
  const content: Json = { [media]: { schema: successSchema(media) } };
  if (route.doc.streams) {
    content["text/event-stream"] = { schema: { type: "string", description: SSE_TEXT } };
  }
  return {
    [status]: {
      description: [...results, route.doc.text ?? ""].filter(Boolean).join(". ") || "Success",
      // 204 has no body to describe.
      ...(status === "204" ? {} : { content }),
    },
    ...errorResponses(handlers, access),
  };
}

/** What one operation is built from besides its route. */
interface OperationInput {
  registry: MethodTable<unknown>;
  shared: SharedSchemas;
  publicPaths: ReadonlySet<string>;
}

function operation(
  route: DocumentedRoute,
  { registry, shared, publicPaths }: OperationInput,
): Json {
  const verb = route.key.split(" ")[0]!;
  const path = route.key.slice(verb.length + 1);
  // As `rest/access.ts` reads them: public paths are read without the token.
  const open = (verb === "GET" || verb === "HEAD") && publicPaths.has(path);
  const handlers = handlersOf(route, registry);
  const schema = handlers.length ? mergedSchema(handlers, shared) : { type: "object" };
  const fromPath = Object.values(route.doc.path ?? {});
  const input = inputOf(route, verb);
  const body = input === "body"
    ? (handlers.length ? withoutProperties(schema, fromPath) : { type: ["object", "array"] })
    : null;
  const methods = route.doc.calls ?? [];
  const description = [
    methods.length ? `Runs ${methods.map((m) => `\`${m}\``).join(" or ")}.` : "",
    route.doc.text ?? "",
  ].filter(Boolean).join(" ");
  return {
    operationId: operationId(verb, path),
    summary: handlers[0]?.description ?? route.doc.text?.split(/[.:;(]/)[0] ?? route.key,
    ...(description ? { description } : {}),
    tags: [tagOf(path)],
    ...(methods.length ? { "x-jsonrpc-methods": methods } : {}),
    // Served to anyone, AUTH_TOKEN or not.
    ...(open ? { security: [{}] } : {}),
    parameters: parameters(route, schema, verb),
    ...(body
      ? {
        requestBody: {
          required: (body.required?.length ?? 0) > 0,
          content: {
            "application/json": {
              schema: body,
              ...(route.doc.example?.body !== undefined ? { example: route.doc.example.body } : {}),
            },
          },
        },
      }
      : {}),
    ...(route.doc.upload ? { requestBody: uploadBody(route.doc.upload) } : {}),
    responses: responses(route, handlers, {
      body: route.doc.upload ? "upload" : input === "body" ? "json" : "none",
      token: !open,
    }),
  };
}

/** The OpenAPI 3.1 document of `input.routes`. */
export function openApiDocument(input: OpenApiInput): Json {
  const paths: Record<string, Json> = {};
  const shared: SharedSchemas = {};
  const context = {
    registry: input.registry,
    shared,
    publicPaths: input.publicPaths ?? new Set<string>(),
  };
  for (const route of input.routes) {
    const verb = route.key.split(" ")[0]!;
    const path = openApiPath(route.key.slice(verb.length + 1));
    paths[path] = {
      ...(paths[path] ?? {}),
      [verb.toLowerCase()]: operation(route, context),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "persona-mcp REST PersonaAPI",
      version: input.version,
      description: "Every route of the REST port. A route that runs a JSON-RPC method validates " +
        "with that method's schema (shown here) and answers its result; errors are " +
        "`{error: {code, message, data?}}` with the JSON-RPC code. The JSON-RPC methods: " +
        "`/api/openrpc.json`. Ids in examples such as `{persona_id}` stand for ids of yours. " +
        "When the server has AUTH_TOKEN, every route but the pages, their assets and these " +
        "documents needs it as `Authorization: Bearer` (401 without it; 429 once a client has " +
        "failed it too often); `/api/health` without any token answers `{status}` alone.",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "/", description: "This server" }],
    tags: [...new Set([...TAG_WORDS.map(([, tag]) => tag), "dashboard"])].map((name) => ({
      name,
    })),
    paths,
    components: {
      schemas: {
        ...shared,
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "integer", description: "The JSON-RPC error code" },
                message: { type: "string" },
                data: { description: "Details: the fields at fault, a hint" },
              },
            },
          },
        },
      },
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "The server's AUTH_TOKEN, when it has one: needed by every route but " +
            "the pages, their assets and the API documents (those list `security: [{}]`)",
        },
      },
    },
    security: [{}, { bearer: [] }],
  };
}
