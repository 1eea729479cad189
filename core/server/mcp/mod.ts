/**
 * The Model Context Protocol surface: lifecycle, tools, resources, prompts and logging, built
 * on the JSON-RPC methods. Transports live in `core/server/transport/`.
 *
 * @module
 */
export { CACHE_HINTS, type CacheHint, cacheHint } from "./cache.ts";
export { DualEraDispatcher, isModernRequest } from "./eras.ts";
export { mcpLog } from "./logging.ts";
export { batchError, isMcpMethod, mcpIdError } from "./mcp_rules.ts";
export {
  checkModernMeta,
  claimedRevision,
  declaresExtension,
  isEnvelopeError,
  isModernMeta,
  META_KEYS,
  ModernCode,
  modernOnly,
  TASKS_EXTENSION,
  unsupportedVersion,
} from "./modern.ts";
export { getPrompt, listPrompts, promptNames } from "./prompts.ts";
export {
  isModernVersion,
  isSupportedVersion,
  LATEST_LEGACY_VERSION,
  LEGACY_PROTOCOL_VERSIONS,
  LOGGING_LEVELS,
  LoggingLevel,
  MCP_PAGE_SIZE,
  type McpClient,
  mcpClient,
  mcpPage,
  MODERN_CAPABILITIES,
  MODERN_INSTRUCTIONS,
  MODERN_PROTOCOL_VERSIONS,
  negotiateVersion,
  SERVER_CAPABILITIES,
  SERVER_INSTRUCTIONS,
  serverInfo,
  SUPPORTED_PROTOCOL_VERSIONS,
} from "./protocol.ts";
export {
  listResources,
  listResourceTemplates,
  personaUri,
  readResource,
  RESOURCE_KINDS,
  RESOURCE_ORDER,
} from "./resources.ts";
export { LISTEN_METHOD, SubscriptionEnded } from "./stateless_sessions.ts";
export { honor, listen, POLL_MS, SubscriptionFilter } from "./subscriptions.ts";
export { findTask, requireTasks } from "./tasks.ts";
export { callTool, type CallToolResult } from "./tool_call.ts";
export { availableTools, listTools, toolMethod, TOOLS, type ToolSpec } from "./tools.ts";
