/**
 * One turn of a dialogue: choose the speaker, compute the continue score, route (full answer,
 * short answer, closing line), ask the model, and apply the turn's real quality to
 * relationships, emotions, energy and memories.
 *
 * @module
 */
import { recallSection } from "../chat/recall.ts";
import { socialSections } from "../chat/social_sections.ts";
import { InvalidInput, PersonaNotFound } from "../errors.ts";
import { roundTo } from "../numbers.ts";
import type { Persona } from "../personas/mod.ts";
import { applyTurn, rememberTurn } from "./effects.ts";
import { activeOrThrow, finishDialogue, missing } from "./ending.ts";
import { buildTurnMessages, MAX_TOKENS, type ResponseType } from "./prompt.ts";
import type { Dialogue, DialogueTurn } from "./repository.ts";
import { type HeldClaim, superseded } from "./turn_claim.ts";
import { nextSpeaker, pairReader, readPairs, scoreTurn, snapshotAll } from "./turn_inputs.ts";
import type { DialogueDeps, TurnResult } from "./types.ts";
import { cleanUtterance, sentiment } from "./utterance.ts";

/**
 * Generates, scores and writes the next turn of dialogue `id` under `claim`. The caller holds
 * the dialogue's gate and claim; the turn is written only while the claim still stands.
 */
export async function takeTurn(
  deps: DialogueDeps,
  { id, claim, signal }: { id: string; claim: HeldClaim; signal: AbortSignal },
): Promise<TurnResult> {
  const { repository, llm, clock, settings } = deps;
  const loaded = await repository.findWithTurns(id);
  if (!loaded) throw missing(id);
  const { dialogue, turns: transcript } = loaded;
  activeOrThrow(id, dialogue);
  const people = await participantsOf(deps, dialogue);
  const snapshots = await snapshotAll(deps.emotions, people);
  const pairs = await readPairs(deps.relationships, people);
  const situation = { dialogue, people, transcript, snapshots, pairs };
  const { speaker, reason: speakerReason } = nextSpeaker(situation);
  const others = people.filter((p) => p.id !== speaker.id);
  const score = scoreTurn(deps, situation);
  const responseType: ResponseType = score.cap || score.score < settings.lowScore
    ? "closing"
    : score.score < settings.highScore
    ? "short"
    : "full";
  const query = [dialogue.topic, transcript.at(-1)?.content].filter(Boolean).join(" ");
  const memories = await recallSection(deps, {
    persona: speaker,
    query,
    limit: settings.memoryCount,
    signal,
  });
  const core = await deps.core?.sections(speaker, others.map((other) => other.name)) ?? [];
  const messages = buildTurnMessages({
    speaker,
    others,
    topic: dialogue.topic,
    transcript: transcript.slice(-settings.transcriptTurns),
    responseType,
    sections: [
      ...core,
      ...await socialSections({ relationships: pairReader(pairs) }, {
        persona: speaker,
        emotions: snapshots.get(speaker.id)!.emotions,
        others,
      }),
      ...memories,
    ],
  });
  const answer = await llm.chat({
    model: speaker.model ?? settings.defaultModel,
    messages,
    temperature: settings.temperature,
    maxTokens: MAX_TOKENS[responseType],
    signal,
  });
  // While the model spoke, a participant may have been deleted (the conversation may have
  // ended with it): nothing of this turn is written then.
  for (const person of people) {
    if (!await deps.personas.find(person.id)) {
      throw new PersonaNotFound(person.id, "Cannot finish the turn: participant");
    }
  }
  const content = cleanUtterance(answer.text, speaker.name, others.map((o) => o.name));
  const quality = Math.max(
    -1,
    Math.min(1, 0.7 * (score.score - 50) / 50 + 0.3 * sentiment(content)),
  );
  const turn: DialogueTurn = {
    dialogue_id: id,
    turn_number: transcript.length + 1,
    speaker_id: speaker.id,
    speaker_name: speaker.name,
    content,
    continue_score: score.score,
    reasons: score.reasons,
    factors: score.factors,
    response_type: responseType,
    quality: roundTo(quality, 3),
    tokens: answer.completionTokens,
    created_at: clock.now(),
  };
  const endReason = responseType === "closing" ? score.cap ?? "low_interest" : undefined;
  // Written only if this node's claim still stands, and only while the conversation is
  // active: it may have been ended, or its turn taken over, while the model spoke.
  const outcome = await repository.commitClaimed(id, claim.token, async (state) => {
    activeOrThrow(id, state);
    await repository.addTurn(turn);
    await applyTurn(deps, { dialogue, speaker, others, turn });
    if (endReason) {
      await finishDialogue(deps, dialogue, { reason: endReason, finalScore: score.score });
    }
  });
  if (!outcome.committed) throw superseded(id);
  claim.committed();
  // A turn cut at the token limit is remembered as cut off ("…"), as a chat's reply is; the
  // transcript keeps it as said.
  await rememberTurn(deps, { dialogue, speaker, others, turn, truncated: answer.truncated });
  return {
    conversation_id: id,
    turn_number: turn.turn_number,
    speaker_id: speaker.id,
    speaker_name: speaker.name,
    speaker_reason: speakerReason,
    content,
    continue_score: score.score,
    factors: score.factors,
    reasons: score.reasons,
    response_type: responseType,
    quality: turn.quality,
    tokens: turn.tokens,
    ended: endReason !== undefined,
    ...(endReason ? { end_reason: endReason } : {}),
    ...(answer.truncated ? { truncated: true as const } : {}),
  };
}

/** The participants still there; fewer than two ends the conversation. */
async function participantsOf(deps: DialogueDeps, dialogue: Dialogue): Promise<Persona[]> {
  const people: Persona[] = [];
  for (const pid of dialogue.participant_ids) {
    const persona = await deps.personas.find(pid);
    if (persona) people.push(persona);
  }
  if (people.length < 2) {
    await finishDialogue(deps, dialogue, { reason: "participant_left", finalScore: 0 });
    throw new InvalidInput(`Conversation "${dialogue.id}" lost a participant and has ended`, [
      { field: "conversation_id", message: "names a conversation that has ended" },
    ]);
  }
  return people;
}
