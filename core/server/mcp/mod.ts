/**
 * The Model Context Protocol surface: lifecycle, tools, resources, prompts and logging, built
 * on the JSON-RPC methods. Transports live in `core/server/transport/`.
 *
 * @module
 */
export { mcpLog } from "./logging.ts";
export { getPrompt, listPrompts, promptNames } from "./prompts.ts";
export {
  isSupportedVersion,
  LATEST_PROTOCOL_VERSION,
  LOGGING_LEVELS,
  LoggingLevel,
  MCP_PAGE_SIZE,
  type McpClient,
  mcpClient,
  mcpPage,
  negotiateVersion,
  SERVER_CAPABILITIES,
  SERVER_INSTRUCTIONS,
  SUPPORTED_PROTOCOL_VERSIONS,
} from "./protocol.ts";
export {
  listResources,
  listResourceTemplates,
  personaUri,
  readResource,
  RESOURCE_KINDS,
} from "./resources.ts";
export { callTool, type CallToolResult } from "./tool_call.ts";
export { availableTools, listTools, TOOLS, type ToolSpec } from "./tools.ts";
