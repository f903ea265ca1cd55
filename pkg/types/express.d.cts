// Types of smshook/express, for require() and (re-exported by express.d.ts) for import. They augment
// Express's Request (express-serve-static-core, from @types/express) with the fields the
// middleware sets.
import type {
  ProviderId, PublicUrlOptions, Secret, Verifier, VerifierOptions, VerifyChecks, WebhookEvent,
  WebhookVerificationError,
} from "smshook";
import type { NextFunction, Request, RequestHandler, Response } from "express-serve-static-core";

/** `P` without it being an inference site: the secrets (or the Verifier) decide `P`. */
type Held<T> = [T][T extends unknown ? 0 : never];

declare module "express-serve-static-core" {
  interface Request {
    /** The verified event, on the routes where smshook/express's webhook() ran. */
    webhook: WebhookEvent;
    /** The exact raw body, on the routes where smshook/express's webhook() ran. */
    rawBody: Buffer;
  }
}

/** Answers a refused delivery yourself (default: `err.status` with `{"error": code}`). */
export type ExpressOnError = (error: WebhookVerificationError, req: Request, res: Response, next: NextFunction) => void;

/**
 * webhook()'s options: a Verifier; `{ verifier, provider?, onError? }`; createVerifier's
 * options plus this route's `provider` and `onError`; or verify's (`provider` and
 * `secret` required) plus `onError`.
 */
export type WebhookOptions<P extends ProviderId = ProviderId> =
  | Verifier<P>
  | { verifier: Verifier<P>; provider?: Held<P>; onError?: ExpressOnError }
  | (VerifierOptions<P> & { provider?: Held<P>; onError?: ExpressOnError })
  | (VerifyChecks & PublicUrlOptions & { provider: P; secret: Secret; onError?: ExpressOnError });

/**
 * Express middleware: verifies the delivery, sets `req.webhook` and `req.rawBody`, then
 * calls next(). Refusals answer `err.status` with `{"error": code}` (or `onError`);
 * misconfigurations go to next(err). Mount it before any body parser.
 */
export declare function webhook<P extends ProviderId = ProviderId>(options: WebhookOptions<P>): RequestHandler;

// Only the names exported above are this module's (Held stays private).
export {};
