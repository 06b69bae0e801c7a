/**
 * Messages to the page that embeds us, exactly as `@nangohq/frontend`'s ConnectUI expects
 * them (it checks `event.origin` against baseURL's origin and `event.data.type`).
 */
export type AuthResult = { providerConfigKey: string; connectionId: string; isPending?: boolean };

function post(message: unknown): void {
  // The real Connect UI uses '*': the parent's origin is unknown to it.
  window.parent.postMessage(message, "*");
}

export const triggerReady = () => post({ type: "ready" });
export const triggerClose = () => post({ type: "close" });
export const triggerConnection = (payload: AuthResult) => post({ type: "connect", payload });
export const triggerError = (errorType: string, errorMessage: string) =>
  post({ type: "error", payload: { errorType, errorMessage } });
