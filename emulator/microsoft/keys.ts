/**
 * The token signing key, kept in the state file so tokens issued before a restart
 * still verify (Nango stores them for an hour). Graph verifies with the same key.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  type KeyObject,
  type JsonWebKey,
} from "node:crypto";
import type { EmulatorContext } from "../core/context";

interface StoredKey {
  kid: string;
  privatePem: string;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: JsonWebKey & { kid: string; use: string; alg: string };
}

function generate(): StoredKey {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  return { kid: `emu-${randomUUID().slice(0, 8)}`, privatePem: pem };
}

const cache = new Map<string, SigningKey>();

/** The current signing key (created on first use, recreated by `/_emulator/reset`). */
export function signingKey(ctx: EmulatorContext): SigningKey {
  const stored = ctx.store.section<StoredKey>("microsoft.keys", generate);
  const { kid, privatePem } = stored.data;
  let key = cache.get(kid);
  if (!key) {
    const privateKey = createPrivateKey(privatePem);
    const publicKey = createPublicKey(privateKey);
    key = {
      kid,
      privateKey,
      publicKey,
      jwk: { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" },
    };
    cache.set(kid, key);
    // Persist a freshly generated key at once, not only with the next grant.
    stored.changed();
  }
  return key;
}
