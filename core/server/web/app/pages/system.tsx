/** @jsxImportSource preact */
/// <reference lib="dom" />
/**
 * System: status, the language model's queue and models, sessions by transport, the settings
 * (secrets masked), the log level, and links to the API documents and metrics.
 *
 * @module
 */
import { Fragment } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api, openWithToken } from "../api.ts";
import { attempt, Status } from "../ui.tsx";

interface SystemStatus {
  version: string;
  uptime_s: number;
  persona_count: number;
  session_count: number;
  sessions_by_transport: Record<string, number>;
  storage_backend: string;
  llm_queue: { running: number; waiting: number };
  plugins: string[];
}

/** What `GET /api/system/models` (`system.models`) answers. */
interface ModelsView {
  provider?: string;
  host?: string;
  reachable?: boolean;
  default_model?: string;
  /** Null when DEFAULT_MODEL names another provider than the one listed. */
  default_model_available?: boolean | null;
  available_models?: Array<{ name: string }>;
}

/** A provider as a person names it. */
const PROVIDER_NAMES: Record<string, string> = {
  ollama: "Ollama",
  openai: "OpenAI-compatible server",
};

/** Whether the default model is there, and what to do when it is not. */
function defaultModelNote(models: ModelsView): string {
  if (models.default_model_available === true) return "✓ available";
  if (models.default_model_available === null || !models.reachable) return "(cannot tell)";
  return models.provider === "ollama"
    ? `not pulled: run ollama pull ${models.default_model}`
    : "not on the server: set DEFAULT_MODEL to one it has";
}

interface SettingView {
  name: string;
  group: string;
  value: unknown;
  default: unknown;
  description: string;
  secret: boolean;
}

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The System page. */
export function SystemPage() {
  const [status, setStatus] = useState<SystemStatus | null>(null);
  const [models, setModels] = useState<ModelsView>({});
  const [settings, setSettings] = useState<SettingView[]>([]);
  const [level, setLevel] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);

  const load = () =>
    attempt(setError, async () => {
      setStatus(await api<SystemStatus>("/system/status"));
      const view = await api<{ settings: SettingView[]; log_level: string | null }>(
        "/system/settings",
      );
      setSettings(view.settings);
      setLevel(view.log_level ?? "");
      setModels(await api<ModelsView>("/system/models"));
    });
  useEffect(() => void load(), []);

  const changeLevel = (next: string) =>
    attempt(setError, async () => {
      await api("/system/log-level", { method: "PUT", body: { level: next } });
      setLevel(next);
      setOk(`Log level is now ${next}`);
    });

  return (
    <section aria-labelledby="sys-title">
      <h2 id="sys-title">System</h2>
      <Status error={error} ok={ok} />
      <div class="grid">
        <div class="card">
          <h3>Status</h3>
          {status && (
            <dl class="facts">
              <dt>Version</dt>
              <dd>{status.version}</dd>
              <dt>Up for</dt>
              <dd>{status.uptime_s} s</dd>
              <dt>Personas</dt>
              <dd>{status.persona_count}</dd>
              <dt>Storage</dt>
              <dd>{status.storage_backend}</dd>
              <dt>Plugins</dt>
              <dd>{status.plugins.join(", ") || "none"}</dd>
            </dl>
          )}
          <button type="button" class="secondary" onClick={() => void load()}>Refresh</button>
        </div>
        <div class="card">
          <h3>Language model</h3>
          {status && (
            <dl class="facts">
              <dt>Running</dt>
              <dd>{status.llm_queue.running}</dd>
              <dt>Waiting</dt>
              <dd>{status.llm_queue.waiting}</dd>
            </dl>
          )}
          {models.provider && (
            <dl class="facts" id="sys-model-server">
              <dt>{PROVIDER_NAMES[models.provider] ?? models.provider}</dt>
              <dd>{models.reachable ? "reachable" : "not reachable"} at {models.host}</dd>
              <dt>Default model</dt>
              <dd id="sys-default-model">{models.default_model} {defaultModelNote(models)}</dd>
              <dt>Models</dt>
              <dd id="sys-models">
                {(models.available_models ?? []).map((m) => m.name).join(", ") || "none"}
              </dd>
            </dl>
          )}
        </div>
        <div class="card">
          <h3>Sessions</h3>
          {status && (
            <dl class="facts">
              <dt>Open</dt>
              <dd>{status.session_count}</dd>
              {Object.entries(status.sessions_by_transport).map(([transport, count]) => (
                <Fragment key={transport}>
                  <dt>{transport}</dt>
                  <dd>{count}</dd>
                </Fragment>
              ))}
            </dl>
          )}
        </div>
        <div class="card">
          <h3>Log level</h3>
          <label for="sys-level">Least severe level written</label>
          <select
            id="sys-level"
            value={level}
            onChange={(e) => void changeLevel(e.currentTarget.value)}
          >
            {["debug", "info", "warn", "error"].map((name) => (
              <option key={name} value={name}>{name}</option>
            ))}
          </select>
          <h3>Documents</h3>
          <ul>
            <li>
              <a href="/api/docs">API reference (OpenAPI)</a>
            </li>
            <li>
              <a href="/api/openapi.json">OpenAPI document</a>
            </li>
            <li>
              <a href="/api/openrpc.json">OpenRPC document</a>
            </li>
            <li>
              <a href="/metrics" onClick={(event) => openWithToken(event, "/metrics")}>
                Prometheus metrics
              </a>
            </li>
          </ul>
        </div>
      </div>
      <div
        class="card table-wrap"
        style={{ marginTop: "12px" }}
        tabIndex={0}
        role="region"
        aria-label="Settings table"
      >
        <h3>Settings</h3>
        <table>
          <caption class="sr-only">Settings</caption>
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Value</th>
              <th scope="col">Default</th>
              <th scope="col">Group</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {settings.map((setting) => (
              <tr key={setting.name}>
                <td>
                  <code>{setting.name}</code>
                </td>
                <td>{show(setting.value)}</td>
                <td>{show(setting.default)}</td>
                <td>{setting.group}</td>
                <td class="small">{setting.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
