/**
 * Which embedder the settings ask for (`EMBED_MODEL`, `MEMORY_ENCODER`).
 *
 * @module
 */
import type { LlmClient } from "../llm/client.ts";
import { type Embedder, LocalEmbedder, ModelEmbedder } from "./embedder.ts";
import { EncoderEmbedder } from "./embedder_encoder.ts";

/**
 * The embedder the settings ask for: the model server's `model` when given, else the local one,
 * with the sentence encoder beside it when `encoder` names it (`MEMORY_ENCODER`): `use-lite` for
 * every query, `use-lite-cascade` for the queries whose ranking without it is weak
 * (`encoder_cascade.ts`; the memories' vectors are the same).
 */
export function createEmbedder(llm: LlmClient, model: string, encoder = "none"): Embedder {
  if (model !== "") return new ModelEmbedder(llm, model);
  if (encoder === "use-lite") return new EncoderEmbedder();
  if (encoder === "use-lite-cascade") return new EncoderEmbedder({ cascade: true });
  return new LocalEmbedder();
}
