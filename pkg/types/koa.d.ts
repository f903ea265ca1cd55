// Types of smshook/koa, for import (koa.d.cts is the require() twin). The middleware adds
// `webhook` to the state type, so `app.use(smshookKoa(…))` types `ctx.state.webhook` after it.
import type {
  DataByProvider, ProviderId, PublicUrlOptions, Secret, VerifiedEvent, Verifier, VerifierOptions,
  VerifyChecks, WebhookVerificationError,
} from "smshook";
import type { Middleware, Next, ParameterizedContext } from "koa";

/** `P` without it being an inference site: the secrets (or the Verifier) decide `P`. */
type Held<T> = [T][T extends unknown ? 0 : never];

/** What the middleware adds to `ctx.state`: the verified event of these providers. */
export interface WebhookState<P extends ProviderId = ProviderId> {
  webhook: VerifiedEvent<DataByProvider, P>;
}

/** Answers a refused delivery yourself (set ctx.status and ctx.body; call next() to pass it on). */
export type KoaOnError = (error: WebhookVerificationError, ctx: ParameterizedContext, next: Next) => unknown;

/**
 * The middleware's options: a Verifier; `{ verifier, provider?, onError? }`;
 * createVerifier's options plus this route's `provider` and `onError`; or verify's
 * (`provider` and `secret` required) plus `onError`.
 */
export type SmshookKoaOptions<P extends ProviderId = ProviderId> =
  | Verifier<P>
  | { verifier: Verifier<P>; provider?: Held<P>; onError?: KoaOnError }
  | (VerifierOptions<P> & { provider?: Held<P>; onError?: KoaOnError })
  | (VerifyChecks & PublicUrlOptions & { provider: P; secret: Secret; onError?: KoaOnError });

/**
 * Koa middleware: verifies the delivery from `ctx.req`, sets `ctx.state.webhook` and calls
 * next(). Refusals answer `err.status` with `{"error": code}` (or `onError`);
 * misconfigurations are thrown. Use it before any body parser.
 */
declare function smshookKoa<P extends ProviderId = ProviderId>(options: SmshookKoaOptions<P>): Middleware<WebhookState<P>>;
export default smshookKoa;

// Only the names exported above are this module's (Held stays private).
export {};
