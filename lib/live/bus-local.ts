import "server-only";
import { EventEmitter } from "node:events";
import type { LiveBus, LiveListener } from "./bus";
import type { LiveEvent } from "./events";

/** Listeners of this process by user: the local half of every bus. */
export function createListeners() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    add(userId: string, listener: LiveListener): () => void {
      emitter.on(userId, listener);
      return () => void emitter.off(userId, listener);
    },
    deliver(userId: string, event: LiveEvent): void {
      emitter.emit(userId, event);
    },
    /** Every open stream of this instance (after the shared channel was interrupted). */
    deliverToAll(event: LiveEvent): void {
      for (const name of emitter.eventNames()) emitter.emit(name, event);
    },
  };
}

/** One instance (the embedded database): the bus is this process. */
export function createLocalBus(): LiveBus {
  const listeners = createListeners();
  return {
    async publish(userId, event) {
      listeners.deliver(userId, event);
    },
    subscribe: listeners.add,
    async close() {},
  };
}
