/**
 * How personas tire and recover, and the limits of persona-to-persona conversations.
 *
 * Part of the table in `core/settings.ts`, which keeps the order of these entries (it is the
 * order `system.settings` lists them and `loadConfig` checks them) and names each one's group.
 *
 * @module
 */
import { z } from "zod";
import { positiveInt } from "./schemas.ts";

/** How personas tire and recover, and the limits of persona-to-persona conversations. */
export const SOCIAL_SETTINGS = {
  EMOTION_HALF_LIFE_MINUTES: {
    schema: z.coerce.number().positive().default(120),
    description: "Minutes for mood, stress, energy and curiosity to get halfway back to rest",
  },
  SOCIAL_ENERGY_REGEN_PER_HOUR: {
    schema: z.coerce.number().positive().default(40),
    description: "Social energy (0-100) a persona regains per hour",
  },
  FATIGUE_RECOVERY_PER_HOUR: {
    schema: z.coerce.number().positive().default(60),
    description: "Interaction fatigue (0-100) a persona sheds per hour",
  },
  MIN_SOCIAL_ENERGY: {
    schema: z.coerce.number().min(0).max(100).default(20),
    description: "Social energy a persona needs to be available for a conversation",
  },
  MAX_FATIGUE: {
    schema: z.coerce.number().min(1).max(100).default(80),
    description: "Fatigue at which a persona is unavailable until it recovers",
  },
  DIALOGUE_MAX_TURNS: {
    schema: z.coerce.number().int().min(2).max(1000).default(20),
    description: "Most turns of a persona-to-persona conversation",
  },
  DIALOGUE_MAX_MINUTES: {
    schema: z.coerce.number().positive().default(30),
    description: "Most minutes a persona-to-persona conversation may last",
  },
  DIALOGUE_TOKEN_BUDGET: {
    schema: positiveInt.default(2000),
    description: "Default completion-token budget of a persona-to-persona conversation",
  },
  DIALOGUE_TURN_MINUTES: {
    schema: z.coerce.number().positive().max(60).default(3),
    description: "Least minutes of interaction one turn counts for in the relationship rules",
  },
  DIALOGUE_TURN_LEASE_S: {
    schema: z.coerce.number().min(0.05).max(3600).default(15),
    description:
      "Seconds a persona-to-persona turn's claim outlives its last heartbeat (sent every third " +
      "of it): how long other nodes wait for the turn of a node that died",
  },
  DIALOGUE_COOLDOWN_S: {
    schema: z.coerce.number().min(0).default(300),
    description: "Base cooldown (seconds) after a conversation ends",
  },
  CONTINUE_HIGH: {
    schema: z.coerce.number().min(0).max(100).default(60),
    description: "Continue score at or above which a turn is a full answer",
  },
  CONTINUE_LOW: {
    schema: z.coerce.number().min(0).max(100).default(35),
    description: "Continue score below which a turn is a closing line and the conversation ends",
  },
} as const;
