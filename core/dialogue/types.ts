/**
 * What the dialogue service is built from and the shapes of its requests and results, shared by
 * the service and a turn (`take_turn.ts`).
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import type { ChatMemory, CoreMemory } from "../chat/memory_port.ts";
import type { EmotionService } from "../emotions/mod.ts";
import type { LlmClient } from "../llm/client.ts";
import type { Logger } from "../log.ts";
import type { PersonaService } from "../personas/mod.ts";
import type { RelationshipService } from "../relationships/mod.ts";
import type { ContinueScore } from "./continue_score.ts";
import type { ResponseType } from "./prompt.ts";
import type { DialogueRepository, DialogueTurn } from "./repository.ts";

/** Tunables (settings). */
export interface DialogueSettings {
  maxTurns: number;
  maxMinutes: number;
  tokenBudget: number;
  cooldownSeconds: number;
  highScore: number;
  lowScore: number;
  defaultModel: string;
  temperature: number;
  transcriptTurns: number;
  memoryCount: number;
  /** Least minutes of interaction a turn counts for in the relationship rules. */
  turnMinutes: number;
  /** How long a turn's claim lasts past its last heartbeat (ms); a dead node's claim runs out. */
  turnLeaseMs: number;
}

/** What the service is built from. */
export interface DialogueDeps {
  repository: DialogueRepository;
  personas: PersonaService;
  relationships: RelationshipService;
  emotions: EmotionService;
  llm: LlmClient;
  clock: Clock;
  log: Logger;
  settings: DialogueSettings;
  memory?: ChatMemory | null;
  /** The speaker's core memory blocks, first in its prompt's sections. */
  core?: CoreMemory | null;
}

/** What `DialogueService.start` needs. */
export interface DialogueRequest {
  /** 2-8 different persona ids, in speaking order. */
  participantIds: string[];
  topic: string | null;
  /** Completion tokens for the whole dialogue; DIALOGUE_TOKEN_BUDGET when absent. */
  tokenBudget?: number;
}

/** The result of one turn. */
export interface TurnResult {
  conversation_id: string;
  turn_number: number;
  speaker_id: string;
  speaker_name: string;
  speaker_reason: string;
  content: string;
  continue_score: number;
  factors: ContinueScore["factors"];
  reasons: string[];
  response_type: ResponseType;
  quality: number;
  tokens: number;
  ended: boolean;
  end_reason?: string;
  /** Present when the model stopped at its token limit and the turn is cut off. */
  truncated?: true;
}

/** One turn of a transcript (its time in ISO 8601). */
export type TranscriptTurn = Omit<DialogueTurn, "dialogue_id" | "created_at"> & {
  created_at: string;
};
