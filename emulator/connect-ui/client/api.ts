/** The three Nango API calls the hosted Connect UI makes, with the session token. */
export interface SessionData {
  endUser: { id: string; display_name: string | null; email: string | null } | null;
  allowed_integrations?: string[];
  isReconnecting?: boolean;
}

export interface IntegrationData {
  unique_key: string;
  provider: string;
  display_name: string;
  logo: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function fetchApi<T>(apiURL: string, path: string, token: string): Promise<T> {
  // Keep any path prefix in apiURL (a reverse proxy), as the real Connect UI does.
  const base = apiURL.replace(/\/+$/, "");
  const response = await fetch(`${base}${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: "application/json" },
  });
  const json = (await response.json().catch(() => ({}))) as { data?: T; error?: { code?: string; message?: string } };
  if (!response.ok || json.data === undefined) {
    throw new ApiError(
      response.status,
      json.error?.code ?? "unknown_error",
      json.error?.message ?? `HTTP ${response.status}`,
    );
  }
  return json.data;
}
