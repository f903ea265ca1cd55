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
    // The answer is read to its end (at most `ANSWER_BYTES`), within the timeout: workerd
    // returns a connection to its pool only once the answer was consumed, so a forward
    // that left it unread opened a new connection (and TLS handshake) every time.
    let sending = Box::pin(async {
        let mut response = fetch.send_with_signal(&signal).await?;
        let status = response.status_code();
        drain(&mut response).await;
        Ok::<u16, worker::Error>(status)
    });
    let timeout = Box::pin(Delay::from(Duration::from_millis(forward.timeout_ms)));
    // A local, so the losing future (which borrows `fetch` and `signal`) drops before them.
    let outcome = select(sending, timeout).await;
    match outcome {
        Either::Left((Ok(status), _)) => ForwardResult::Status(status),
        Either::Left((Err(_), _)) => ForwardResult::Unreachable,
        Either::Right(((), _)) => {
            controller.abort();
            ForwardResult::TimedOut
        }
    }
}

/// The most of a receiver's answer that is read; a longer one is cancelled (its status
/// is what counts).
const ANSWER_BYTES: usize = 64 * 1024;

/// Reads the answer body to its end, or cancels it past [`ANSWER_BYTES`].
async fn drain(response: &mut worker::Response) {
    use futures_util::StreamExt as _;
    let Ok(mut stream) = response.stream() else {
        return;
    };
    let mut read = 0;
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(chunk) if read + chunk.len() <= ANSWER_BYTES => read += chunk.len(),
            _ => break,
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
