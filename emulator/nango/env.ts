/** Per-request values the auth middleware hands to the routes. */
import type { ConnectSession } from "./state";

export interface NangoEnv {
  Variables: {
    authType: "secretKey" | "connectSession";
    connectSession?: ConnectSession;
  };
}
