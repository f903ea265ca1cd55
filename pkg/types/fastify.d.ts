// Types of smshook/fastify, for import (fastify.d.cts is the require() twin). They augment
// Fastify's request with `webhook`, set in the scopes where the plugin is registered.
import type {
  ProviderId, PublicUrlOptions, Secret, Verifier, VerifierOptions, VerifyChecks, WebhookEvent,
  WebhookVerificationError,
} from "smshook";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";

/** `P` without it being an inference site: the secrets (or the Verifier) decide `P`. */
type Held<T> = [T][T extends unknown ? 0 : never];

declare module "fastify" {
  interface FastifyRequest {
    /** The verified event, in the scopes where smshook/fastify is registered. */
    webhook: WebhookEvent;
  }
}

/** Answers a refused delivery yourself; when it sends no reply, the default answer is sent. */
export type FastifyOnError = (error: WebhookVerificationError, request: FastifyRequest, reply: FastifyReply) => unknown;

/**
 * The plugin's options: `{ verifier, provider?, onError? }` (or a Verifier); createVerifier's
 * options plus the scope's `provider` and `onError`; or verify's (`provider` and `secret`
 * required) plus `onError`.
 */
export type SmshookFastifyOptions<P extends ProviderId = ProviderId> =
  | Verifier<P>
  | { verifier: Verifier<P>; provider?: Held<P>; onError?: FastifyOnError }
  | (VerifierOptions<P> & { provider?: Held<P>; onError?: FastifyOnError })
  | (VerifyChecks & PublicUrlOptions & { provider: P; secret: Secret; onError?: FastifyOnError });

/**
 * The Fastify plugin (skip-override: it applies to the scope it is registered in): a
 * raw-body parser for every content type, a preHandler that verifies and sets
 * `request.webhook`. Refusals answer `err.status` with `{"error": code}` (or `onError`).
 */
declare const smshookFastify: FastifyPluginAsync<SmshookFastifyOptions>;
export default smshookFastify;

// Only the names exported above are this module's (Held stays private).
export {};
