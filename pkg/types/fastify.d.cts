// Types of smshook/fastify, for require() (fastify.d.ts is the import twin): the plugin is
// module.exports, and also its `default`. They augment Fastify's request with `webhook`.
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

declare namespace smshookFastify {
  /** Answers a refused delivery yourself; when it sends no reply, the default answer is sent. */
  type FastifyOnError = (error: WebhookVerificationError, request: FastifyRequest, reply: FastifyReply) => unknown;

  /**
   * The plugin's options: `{ verifier, provider?, onError? }` (or a Verifier);
   * createVerifier's options plus the scope's `provider` and `onError`; or verify's
   * (`provider` and `secret` required) plus `onError`.
   */
  type SmshookFastifyOptions<P extends ProviderId = ProviderId> =
    | Verifier<P>
    | { verifier: Verifier<P>; provider?: Held<P>; onError?: FastifyOnError }
    | (VerifierOptions<P> & { provider?: Held<P>; onError?: FastifyOnError })
    | (VerifyChecks & PublicUrlOptions & { provider: P; secret: Secret; onError?: FastifyOnError });

  const plugin: FastifyPluginAsync<SmshookFastifyOptions>;
  export { plugin as default };
  export type { FastifyOnError, SmshookFastifyOptions };
}

/**
 * The Fastify plugin (skip-override: it applies to the scope it is registered in): a
 * raw-body parser for every content type, a preHandler that verifies and sets
 * `request.webhook`. Refusals answer `err.status` with `{"error": code}` (or `onError`).
 */
declare function smshookFastify(
  ...args: Parameters<FastifyPluginAsync<smshookFastify.SmshookFastifyOptions>>
): ReturnType<FastifyPluginAsync<smshookFastify.SmshookFastifyOptions>>;
export = smshookFastify;
