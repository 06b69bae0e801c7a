/**
 * The WebSocket channel `@nangohq/frontend`'s `auth()` opens on the Nango origin (path `/`
 * by default): the server acks with a `ws_client_id`, the popup carries that id through
 * the OAuth dance, and the callback publishes `success` / `error` to it.
 */
import crypto from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";

export type WsMessage =
  | { message_type: "success"; provider_config_key: string; connection_id: string; is_pending: boolean }
  | {
      message_type: "error";
      provider_config_key: string | undefined;
      connection_id: string | undefined;
      error_type: string;
      error_desc: string;
    };

export class WsPublisher {
  private readonly clients = new Map<string, WebSocket>();
  private readonly wss = new WebSocketServer({ noServer: true });

  constructor() {
    this.wss.on("connection", (ws) => {
      const id = crypto.randomUUID();
      this.clients.set(id, ws);
      ws.on("close", () => this.clients.delete(id));
      ws.send(JSON.stringify({ message_type: "connection_ack", ws_client_id: id }));
    });
  }

  attach(server: Server, path = "/"): void {
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (new URL(req.url ?? "/", "http://x").pathname !== path) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit("connection", ws, req));
    });
    server.on("close", () => this.close());
  }

  /** Sends once, then forgets the client, as Nango unsubscribes after a result. */
  publish(wsClientId: string | undefined, message: WsMessage): boolean {
    if (!wsClientId) return false;
    const ws = this.clients.get(wsClientId);
    if (!ws) return false;
    ws.send(JSON.stringify(message));
    this.clients.delete(wsClientId);
    return true;
  }

  close(): void {
    for (const ws of this.clients.values()) ws.terminate();
    this.clients.clear();
    this.wss.close();
  }
}
