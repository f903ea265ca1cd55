// The public key of an Ed25519 signing seed (Telnyx signs with the seed, verify() takes the
// public key), derived with the browser's WebCrypto: no key material leaves the page.

/** The PKCS #8 DER prefix of an Ed25519 private key (RFC 8410); the 32-byte seed follows. */
const PKCS8_PREFIX = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];

/**
 * The standard-base64 public key of a standard-base64 32-byte seed, or null when the seed
 * is not that or this browser's WebCrypto has no Ed25519.
 */
export async function ed25519PublicKey(seedBase64) {
  let seed;
  try {
    seed = Uint8Array.from(atob(seedBase64.trim()), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
  if (seed.length !== 32 || !globalThis.crypto?.subtle) return null;
  try {
    const der = new Uint8Array([...PKCS8_PREFIX, ...seed]);
    const key = await crypto.subtle.importKey("pkcs8", der, { name: "Ed25519" }, true, ["sign"]);
    const { x } = await crypto.subtle.exportKey("jwk", key);
    return btoa(atob(x.replace(/-/g, "+").replace(/_/g, "/")));
  } catch {
    return null;
  }
}
