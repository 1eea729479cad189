/**
 * Conversations with personas: the engine, its prompt and the chat history.
 *
 * @module
 */
export {
  ConversationEngine,
  type EngineSettings,
  type Greeting,
  type GreetInput,
  type LoreUsed,
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
export type { ConversationLore } from "./lore_port.ts";
export {
  buildChatMessages,
  buildSituation,
  buildSystemPrompt,
  characterName,
  DEFAULT_SYSTEM_PROMPT,
  macrosFor,
  postHistoryMessage,
  type PromptInput,
  type PromptSection,
  type PromptTurn,
  type PromptWindow,
  type SituationInput,
  windowTurns,
  withDepthLore,
} from "./prompt.ts";
export { describeTraits } from "./traits.ts";
