import { ApiError, errorMessage } from "@/components/ui/api";

/** What the composer offers after a failed send. */
export type RetryKind =
  /** Send the same message again, with the same idempotency key. */
  | "send"
  /** It may have arrived: reload the conversation first, then offer to send it again. */
  | "check"
  /** Sending it unchanged cannot work (too long, empty): the user edits it first. */
  | "none";

export interface SendFailure {
  message: string;
  retry: RetryKind;
  /** The key was spent on different content (409): the retry needs a fresh one. */
  freshKey: boolean;
}

/** Plain words and the next step for a send that failed, from the server's error code. */
export function describeSendFailure(error: unknown): SendFailure {
  switch (error instanceof ApiError ? error.code : null) {
    case "send_unconfirmed":
      return {
        message:
          "Microsoft Teams did not confirm this message, so it may have been sent. Check the conversation before sending it again.",
        retry: "check",
        freshKey: false,
      };
    case "content_too_long":
    case "invalid_input":
      return { message: `Not sent: ${errorMessage(error)}`, retry: "none", freshKey: false };
    case "idempotency_conflict":
      return {
        message: "Not sent: the message changed while it was being sent. Send it again.",
        retry: "send",
        freshKey: true,
      };
    case "network_error":
      // The request may have reached the server: the retry reuses the key, so it cannot post twice.
      return {
        message:
          "Not sent: the server could not be reached. Check your network, then retry (it will not be sent twice).",
        retry: "send",
        freshKey: false,
      };
    default:
      return { message: `Not sent: ${errorMessage(error)}`, retry: "send", freshKey: false };
  }
}
