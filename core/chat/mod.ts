/**
 * Chats: a user (or client) talking to a persona — the engine, its prompt and the chat history.
 * On the wire: `conversation.send_message`, `persona.chat`, `conversation.get_history` and
 * `conversation.greeting` (the other `conversation.*` methods are dialogues, `core/dialogue/`).
 *
 * @module
 */
import type { Config } from "../config.ts";
import type { EngineSettings } from "./engine_types.ts";

export {
  ChatEngine,
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
  type PromptMessage,
  type StoredMessage,
} from "./history.ts";
export type { ChatLore } from "./lore_port.ts";
export type { ChatMemory, CoreMemory, ExchangeRecord, RecalledMemory } from "./memory_port.ts";
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

/** Chat engine settings from the configuration. */
export function chatSettings(config: Config): EngineSettings {
  return {
    defaultModel: config.DEFAULT_MODEL,
    temperature: config.LLM_TEMPERATURE,
    maxTokens: config.LLM_MAX_TOKENS,
    window: { turns: config.PROMPT_HISTORY_TURNS, chars: config.PROMPT_HISTORY_CHARS },
    memoryCount: config.PROMPT_MEMORY_COUNT,
  };
}
