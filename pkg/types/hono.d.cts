// Types of smshook/hono, for require() and (re-exported by hono.d.ts) for import. The middleware's
// Env has `webhook` in its Variables, so `c.get("webhook")` is typed in the handlers after it.
import type {
  DataByProvider, ProviderId, PublicUrlOptions, Secret, VerifiedEvent, Verifier, VerifierOptions,
  VerifyChecks, WebhookVerificationError,
} from "smshook";
import type { Context, MiddlewareHandler } from "hono";

/** `P` without it being an inference site: the secrets (or the Verifier) decide `P`. */
type Held<T> = [T][T extends unknown ? 0 : never];

/** The Variables the middleware sets: `c.get("webhook")`, the verified event of these providers. */
export type WebhookVariables<P extends ProviderId = ProviderId> = {
  webhook: VerifiedEvent<DataByProvider, P>;
};

/** The middleware's Env (for `new Hono<WebhookEnv>()` or a handler's Context type). */
export type WebhookEnv<P extends ProviderId = ProviderId> = { Variables: WebhookVariables<P> };

/** Answers a refused delivery yourself: return a Response (none: the default answer). */
export type HonoOnError = (error: WebhookVerificationError, c: Context) => Response | void | Promise<Response | void>;

/**
 * The middleware's options: a Verifier; `{ verifier, provider?, onError? }`;
 * createVerifier's options plus this route's `provider` and `onError`; or verify's
 * (`provider` and `secret` required) plus `onError`. `publicUrl` replaces the origin of the
 * Request's URL for URL-signed providers (twilio, plivo).
 */
export type WebhookOptions<P extends ProviderId = ProviderId> =
  | Verifier<P>
  | { verifier: Verifier<P>; provider?: Held<P>; onError?: HonoOnError }
  | (VerifierOptions<P> & { provider?: Held<P>; onError?: HonoOnError })
  | (VerifyChecks & Pick<PublicUrlOptions, "publicUrl"> & { provider: P; secret: Secret; onError?: HonoOnError });

/**
 * Hono middleware: verifies `c.req.raw`, sets `c.get("webhook")` and calls next().
 * Refusals answer `err.status` with `{"error": code}` (or `onError`'s Response);
 * misconfigurations are thrown to app.onError. It reads the body: use the event's `data`.
 */
export declare function webhook<P extends ProviderId = ProviderId>(options: WebhookOptions<P>): MiddlewareHandler<WebhookEnv<P>>;

// Only the names exported above are this module's (Held stays private).
export {};
