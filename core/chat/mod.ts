/**
 * Chats: a user (or client) talking to a persona — the engine, its prompt and the chat history.
 * On the wire: `conversation.send_message`, `persona.chat` and `conversation.get_history` (the
 * other `conversation.*` methods are dialogues, `core/dialogue/`).
 *
 * @module
 */
export {
  ChatEngine,
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
export type { ChatMemory, ExchangeRecord, RecalledMemory } from "./memory_port.ts";
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
