//! Sending a delivery to the receiver, signed fresh at each attempt, with a timeout.

use std::time::Duration;

use futures_util::future::{select, Either};
use worker::{
    AbortController, Delay, Fetch, Headers, Method, Request, RequestInit, RequestRedirect,
};

use crate::config::Forward;
use crate::handler::{signed_headers, Delivery, ForwardResult};

/// POSTs the delivery to its provider's receiver (`<ID>_FORWARD_URL`, else `FORWARD_URL`) with Standard Webhooks headers signed at `now_ms`.
/// Redirects are not followed (a 3xx is not the receiver having the event).
pub async fn send(forward: &Forward, delivery: &Delivery, now_ms: u64) -> ForwardResult {
    let Ok(request) = build(forward, delivery, now_ms) else {
        return ForwardResult::Unreachable;
    };
    let controller = AbortController::default();
    let signal = controller.signal();
    let fetch = Fetch::Request(request);
    let sending = Box::pin(fetch.send_with_signal(&signal));
    let timeout = Box::pin(Delay::from(Duration::from_millis(forward.timeout_ms)));
    // A local, so the losing future (which borrows `fetch` and `signal`) drops before them.
    let outcome = select(sending, timeout).await;
    match outcome {
        Either::Left((Ok(response), _)) => ForwardResult::Status(response.status_code()),
        Either::Left((Err(_), _)) => ForwardResult::Unreachable,
        Either::Right(((), _)) => {
            controller.abort();
            ForwardResult::TimedOut
        }
    }
}

fn build(forward: &Forward, delivery: &Delivery, now_ms: u64) -> worker::Result<Request> {
    let headers = Headers::new();
    let signed = signed_headers(delivery, &forward.secret, now_ms)
        .map_err(|e| worker::Error::RustError(e.code().to_owned()))?;
    for (name, value) in &signed {
        headers.set(name, value)?;
    }
    let body = worker::js_sys::Uint8Array::from(delivery.body.as_slice());
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_headers(headers)
        .with_redirect(RequestRedirect::Manual)
        .with_body(Some(body.into()));
    Request::new_with_init(forward.url_for(&delivery.provider), &init)
}
