/** Shared setup for the Graph write tests: an emulator, tokens per user, a small Graph client. */
import { DEMO_MICROSOFT_ACCOUNTS as A } from "../../data/demo-accounts";
import { datasetOf } from "../../data/registry";
import { tokensFor } from "../../microsoft/test-browser";
import { startTestEmulator, type TestEmulator } from "../../testing";

export const READ_SCOPES =
  "offline_access User.Read Team.ReadBasic.All Channel.ReadBasic.All ChannelMessage.Read.All Chat.Read Presence.Read";
export const WRITE_SCOPES = `${READ_SCOPES} ChatMessage.Send ChannelMessage.Send User.ReadBasic.All People.Read`;

export interface GraphResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read Graph's JSON loosely
  body: any;
}

export interface CallOptions {
  token?: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function graphSetup() {
  // Graph's real per-resource limits would make quick successive calls flaky; the throttling
  // tests switch it back on.
  const emu: TestEmulator = await startTestEmulator();
  await emu.control("/graph/throttling", { enabled: false });
  const tokens = new Map<string, string>();
  const token = async (email: string = A.megan.email, scope = WRITE_SCOPES) => {
    const key = `${email}|${scope}`;
    if (!tokens.has(key)) tokens.set(key, (await tokensFor(emu, email, scope)).access_token);
    return tokens.get(key)!;
  };
  const graph = async (path: string, options: CallOptions = {}): Promise<GraphResponse> => {
    const url = path.startsWith("http") ? path : `${emu.origins.graph}/v1.0${path}`;
    const response = await fetch(url, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers: {
        authorization: `Bearer ${options.token ?? (await token())}`,
        ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
    const type = response.headers.get("content-type") ?? "";
    const body = type.includes("json")
      ? await response.json()
      : type.startsWith("image/")
        ? Buffer.from(await response.arrayBuffer())
        : await response.text();
    return { status: response.status, headers: response.headers, body };
  };
  const dataset = () => datasetOf(emu.context).current;
  const userId = (email: string) => dataset().usersByEmail.get(email)!.id;
  /** After `/_emulator/reset` (a new signing key) the cached tokens are worthless. */
  const forgetTokens = () => tokens.clear();
  return { emu, token, graph, dataset, userId, forgetTokens, close: () => emu.close() };
}

export type GraphFixture = Awaited<ReturnType<typeof graphSetup>>;

/** `{ body: { contentType: "html", content } }` plus extras. */
export const html = (content: string, extra: Record<string, unknown> = {}) => ({
  body: { contentType: "html", content },
  ...extra,
});

/** Megan's team (not archived) and its General channel, with paths for both. */
export function meganChannel(t: GraphFixture) {
  const dataset = t.dataset();
  const team = dataset.teamsOf(t.userId(A.megan.email)).find((candidate) => !candidate.isArchived)!;
  const channel = team.channels[0]!;
  return { team, channel, path: `/teams/${team.id}/channels/${encodeURIComponent(channel.id)}` };
}
