/**
 * Conversations with personas: the engine, its prompt and the chat history.
 *
 * @module
 */
export {
  ConversationEngine,
  type EngineSettings,
  type PromptContributor,
  type SendMessageInput,
  type SendMessageResult,
} from "./engine.ts";
export {
  type HistoryFilter,
  historyMigrations,
  type HistoryPage,
  HistoryRepository,
  type StoredMessage,
} from "./history.ts";
export type { ConversationMemory, ExchangeRecord, RecalledMemory } from "./memory_port.ts";
export {
  buildChatMessages,
  buildSituation,
  buildSystemPrompt,
  type PromptInput,
  type PromptSection,
  type PromptTurn,
  type PromptWindow,
  windowTurns,
} from "./prompt.ts";
export { describeTraits } from "./traits.ts";
