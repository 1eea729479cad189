/**
 * An {@linkcode LlmClient} that reports how long each call took (queue time included) to a
 * {@linkcode Telemetry}; the calls themselves are the wrapped client's.
 *
 * @module
 */
import { type Telemetry, timed } from "../telemetry.ts";
import type { ChatCall, ChatResult, LlmClient, ModelList } from "./client.ts";

/** `client` with every chat and embed call timed into `telemetry`. */
export function timedLlmClient(client: LlmClient, telemetry: Telemetry): LlmClient {
  return {
    get host() {
      return client.host;
    },
    chat(call: ChatCall): Promise<ChatResult> {
      return timed(
        () => client.chat(call),
        (outcome, seconds) =>
          telemetry.llmCall({ operation: "chat", model: call.model, outcome, seconds }),
        call.signal,
      );
    },
    embed(model: string, inputs: string[], signal?: AbortSignal): Promise<number[][]> {
      return timed(
        () => client.embed(model, inputs, signal),
        (outcome, seconds) => telemetry.llmCall({ operation: "embed", model, outcome, seconds }),
        signal,
      );
    },
    listModels: (): Promise<ModelList> => client.listModels(),
    load: () => client.load(),
  };
}
