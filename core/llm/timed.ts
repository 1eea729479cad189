/**
 * An {@linkcode LlmClient} that reports how long each call took (queue time included) to a
 * {@linkcode Telemetry}; the calls themselves are the wrapped client's.
 *
 * @module
 */
import { type Telemetry, timed } from "../telemetry.ts";
import type {
  ChatCall,
  ChatResult,
  EmbedOptions,
  JsonCall,
  JsonResult,
  LlmClient,
  ModelList,
} from "./client.ts";

/** `client` with every chat, JSON chat and embed call timed into `telemetry`. */
export function timedLlmClient(client: LlmClient, telemetry: Telemetry): LlmClient {
  return {
    get provider() {
      return client.provider;
    },
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
    chatJson<T>(call: JsonCall<T>): Promise<JsonResult<T>> {
      return timed(
        () => client.chatJson(call),
        (outcome, seconds) =>
          telemetry.llmCall({ operation: "json", model: call.model, outcome, seconds }),
        call.signal,
      );
    },
    embed(model: string, inputs: string[], options?: EmbedOptions): Promise<number[][]> {
      return timed(
        () => client.embed(model, inputs, options),
        (outcome, seconds) => telemetry.llmCall({ operation: "embed", model, outcome, seconds }),
        options?.signal,
      );
    },
    listModels: (): Promise<ModelList> => client.listModels(),
    load: () => client.load(),
    // Background jobs hold off by it: without it they would never yield to chats.
    ...(client.quietFor ? { quietFor: () => client.quietFor!() } : {}),
  };
}
