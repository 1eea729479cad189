/**
 * The MCP tool table: which JSON-RPC methods agents see, under which names, with which hints.
 * Adding a tool is adding one entry here; its `inputSchema` comes from its method's zod schema
 * (`tools.ts`).
 *
 * @module
 */
import { ADDS, OVERWRITES, READ_ONLY, type ToolSpec } from "./tool_spec.ts";

/** The tools, in listing order. Agents pay for every tool in their context: each one earns it. */
export const TOOLS: readonly ToolSpec[] = [
  {
    name: "persona_list",
    method: "persona.list",
    title: "List personas",
    description: "List every persona (id, name, description, Big Five traits, goals)",
    annotations: READ_ONLY,
  },
  {
    name: "persona_get",
    method: "persona.get",
    title: "Get a persona",
    description: "Get one persona's full profile and memory counts",
    annotations: READ_ONLY,
    persona: "persona_id",
  },
  {
    name: "persona_switch",
    method: "persona.switch",
    title: "Switch persona",
    description:
      "Make a persona the active one for this session (by id, or by name in any case); later " +
      "calls without persona_id talk to it",
    annotations: { ...READ_ONLY, readOnlyHint: false },
    sessionBound: true,
  },
  {
    name: "persona_create",
    method: "persona.create",
    title: "Create a persona",
    description:
      "Create a persona: a unique name, and optionally a description, Big Five traits (0.0-1.0), " +
      "backstory, goals, topic preferences (0-100), speaking style and model",
    annotations: ADDS,
  },
  {
    name: "persona_update",
    method: "persona.update",
    title: "Update a persona",
    description: "Change some fields of a persona (only those given); returns the updated persona",
    annotations: OVERWRITES,
  },
  {
    name: "persona_delete",
    method: "persona.delete",
    title: "Delete a persona",
    description:
      "Delete a persona and everything it has: memories, chat history, relationships. Cannot be " +
      "undone",
    annotations: OVERWRITES,
  },
  {
    name: "conversation_send_message",
    method: "conversation.send_message",
    title: "Talk to a persona",
    description:
      "Send a message to a persona and get its in-character answer from the local model; the " +
      "exchange is kept in its history and memory. Send a progress token to receive the answer " +
      "as it is written",
    annotations: ADDS,
    streaming: { param: "stream", chunk: "conversation.chunk" },
    persona: "persona_id",
  },
  {
    name: "memory_search",
    method: "memory.search",
    title: "Search memories",
    description:
      "Search a persona's long-term memories, best first by relevance, importance and recency; " +
      "only bumps the memories' access counters",
    annotations: READ_ONLY,
    persona: "persona_id",
  },
  {
    name: "memory_list",
    method: "memory.list",
    title: "List memories",
    description: "A persona's memories, newest first, a page at a time (ids to correct or delete)",
    annotations: READ_ONLY,
    persona: "persona_id",
  },
  {
    name: "memory_store",
    method: "memory.store",
    title: "Remember something",
    description:
      "Store a new memory of a persona (importance is scored from the content when not given); " +
      "returns its memory_id",
    annotations: ADDS,
    persona: "persona_id",
  },
  {
    name: "memory_update",
    method: "memory.update",
    title: "Correct a memory",
    description: "Correct a memory by memory_id: its content, importance or visibility",
    annotations: OVERWRITES,
  },
  {
    name: "memory_delete",
    method: "memory.delete",
    title: "Forget a memory",
    description: "Delete a memory by memory_id, for good",
    annotations: OVERWRITES,
  },
  {
    name: "memory_block_list",
    method: "memory.block_list",
    title: "Core memory blocks",
    description:
      "A persona's core memory blocks (persona, world, user:<name>, ...): text always in its " +
      "prompt, each with a character limit and a read-only flag",
    annotations: READ_ONLY,
    persona: "persona_id",
  },
  {
    name: "memory_block_get",
    method: "memory.block_get",
    title: "Read a core memory block",
    description: "One core memory block by label, with its latest changes and who made them",
    annotations: READ_ONLY,
    persona: "persona_id",
  },
  {
    name: "memory_block_set",
    method: "memory.block_set",
    title: "Write a core memory block",
    description:
      "Create a core memory block or replace its content (within its character limit); a " +
      "read-only block refuses changes",
    annotations: OVERWRITES,
    persona: "persona_id",
  },
  {
    name: "memory_block_append",
    method: "memory.block_append",
    title: "Add to a core memory block",
    description:
      "Append a line to a core memory block (refused past its character limit or when read-only)",
    annotations: ADDS,
    persona: "persona_id",
  },
  {
    name: "memory_jobs",
    method: "memory.jobs",
    title: "Background memory jobs",
    description:
      "Background memory work (fact extraction, reflection): counts by state, why jobs wait, " +
      "and failed jobs with their reasons",
    annotations: READ_ONLY,
  },
  {
    name: "relationship_get",
    method: "relationship.get",
    title: "Relationships",
    description:
      "How personas relate (type, strength, trust, recent interactions): one pair with " +
      "persona1_id and persona2_id, else every relationship of persona_id",
    annotations: READ_ONLY,
  },
  {
    name: "relationship_update",
    method: "relationship.update",
    title: "Change a relationship",
    description:
      "Either set a relationship (persona_id, target_persona_id, relationship_type, strength) or " +
      "let an interaction between persona1_id and persona2_id (quality -1..1) move it",
    annotations: { ...OVERWRITES, idempotentHint: false },
  },
  {
    name: "dialogue_start",
    method: "conversation.start",
    title: "Start a dialogue",
    description:
      "Start a conversation between 2-8 available personas (participants), optionally on a " +
      "topic; returns its conversation_id",
    annotations: ADDS,
  },
  {
    name: "dialogue_turn",
    method: "conversation.turn",
    title: "Next dialogue turn",
    description:
      "Generate the next turn of a dialogue: who speaks, what they say, the continue score and " +
      "whether it ended",
    annotations: ADDS,
  },
  {
    name: "dialogue_end",
    method: "conversation.end",
    title: "End a dialogue",
    description: "End a dialogue (its participants rest a while); returns its final stats",
    annotations: { ...OVERWRITES, destructiveHint: false },
  },
  {
    name: "simulation_run",
    method: "simulation.run",
    title: "Run a simulation",
    description:
      "Play a chatroom simulation (the sample tavern evening, or your scenario) in a separate " +
      "temporary world: personas meet, talk and part over simulated time. Reports progress each " +
      "tick; returns the summary (and the transcript if asked). Leaves this server's data alone",
    annotations: READ_ONLY,
    task: true,
  },
  {
    name: "persona_import_card",
    method: "persona.import_card",
    title: "Import a character card",
    description:
      "Import a Character Card (V1/V2/V3) as a new persona: `card` is the card's JSON, or `data` " +
      "a JSON, PNG or CHARX card file in base64; its lorebook, greetings and avatar come along",
    annotations: ADDS,
  },
  {
    name: "lorebook_list",
    method: "lorebook.list",
    title: "List lorebooks",
    description:
      "List lorebooks (World Info): all, or those in play for persona_id, or attached to room_id",
    annotations: READ_ONLY,
  },
  {
    name: "lorebook_import",
    method: "lorebook.import",
    title: "Import a lorebook",
    description:
      "Import a lorebook (V3 lorebook_v3, V2 character_book, SillyTavern World Info, NovelAI, " +
      "Agnai memory book or RisuAI lorebook JSON), optionally attached to persona_id or room_id",
    annotations: ADDS,
  },
  {
    name: "lorebook_attach",
    method: "lorebook.attach",
    title: "Attach a lorebook",
    description: "Attach a lorebook to a persona (its chats) or to a room (everyone in it)",
    annotations: { ...ADDS, idempotentHint: true },
  },
  {
    name: "room_create",
    method: "room.create",
    title: "Open a group chat",
    description:
      "Open a room where the user chats with several personas (ids or names), with an optional " +
      "scenario and lorebooks",
    annotations: ADDS,
  },
  {
    name: "room_send",
    method: "room.send",
    title: "Talk in a group chat",
    description:
      "Say something in a room; the personas present answer in turn (those named first), each " +
      "reply with its speaker. Send a progress token to receive the replies as they are written",
    annotations: ADDS,
    streaming: { param: "stream", chunk: "room.chunk" },
  },
  {
    name: "room_join",
    method: "room.join",
    title: "Join a group chat",
    description: "A persona joins a room: it hears, remembers and may answer from now on",
    annotations: { ...ADDS, idempotentHint: true },
  },
  {
    name: "room_leave",
    method: "room.leave",
    title: "Leave a group chat",
    description:
      "A persona leaves a room: it hears and remembers nothing said until it joins again",
    annotations: { ...ADDS, idempotentHint: true },
  },
  {
    name: "room_get_history",
    method: "room.get_history",
    title: "Group chat transcript",
    description: "A room's transcript, newest first: the user's lines and each persona's, named",
    annotations: READ_ONLY,
  },
  {
    name: "session_get_info",
    method: "session.get_info",
    title: "Session info",
    description: "Describe this session: its id, active persona, scene and counters",
    annotations: READ_ONLY,
    sessionBound: true,
  },
];
