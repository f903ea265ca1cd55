//! Standard Webhooks `v1`: `webhook-signature: v1,<base64(HMAC(id.timestamp.body))> …`.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;

use super::{derived_id, hmac, required, Context, Signed};
use crate::{Error, Headers, Secret, SignOptions};

/// The message id header.
pub const ID: &str = "webhook-id";
/// The timestamp header (unix seconds).
pub const TIMESTAMP: &str = "webhook-timestamp";
/// The signature header: space-separated `v1,<base64>` entries.
pub const SIGNATURE: &str = "webhook-signature";

/// Parses a decimal timestamp header (no sign, no spaces) into an integer.
pub(crate) fn parse_timestamp(header: &'static str, value: &str) -> Result<u64, Error> {
    if value.is_empty() || value.len() > 19 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::malformed(header, "not a decimal timestamp"));
    }
    value
        .parse()
        .map_err(|_| Error::malformed(header, "not a decimal timestamp"))
}

/// Verifies a Standard Webhooks delivery: its three headers, the signature, then the
/// timestamp's tolerance. The signed id and time are what it establishes.
pub(crate) fn verify<H: Headers + ?Sized>(
    context: &Context<'_>,
    headers: &H,
    body: &[u8],
) -> Result<Signed, Error> {
    let id = required(headers, ID)?;
    if id.is_empty() {
        return Err(Error::malformed(ID, "empty"));
    }
    let timestamp = required(headers, TIMESTAMP)?;
    let signature = required(headers, SIGNATURE)?;
    let seconds = parse_timestamp(TIMESTAMP, timestamp)?;
    verify_signature(context.secrets, id, timestamp, body, signature)?;
    Ok(Signed {
        delivery_id: Some(id.to_owned()),
        ..context.signed_at(seconds)?
    })
}

/// The three headers for `body`: the id from the options (else derived from the body and
/// time), the time in seconds, the signature.
pub(crate) fn sign_headers(
    key: &Secret,
    body: &[u8],
    options: &SignOptions,
) -> Vec<(&'static str, String)> {
    let seconds = options.now_ms / 1000;
    let id = options
        .id
        .clone()
        .unwrap_or_else(|| derived_id("msg_", &seconds.to_string(), body));
    let signature = sign(key, &id, seconds, body);
    vec![
        (ID, id),
        (TIMESTAMP, seconds.to_string()),
        (SIGNATURE, signature),
    ]
}

/// Verifies the `webhook-signature` entries against `"<id>.<timestamp>.<body>"`.
///
/// Entries of other versions are ignored; at least one `v1` entry must be readable base64
/// and any one of them matching under any secret is enough. The expected MAC is computed
/// once per secret (and only if some entry has the 32 bytes of a signature), so a long
/// list costs its decoding and nothing more; entries of other lengths never match.
pub(crate) fn verify_signature(
    secrets: &[Secret],
    id: &str,
    timestamp: &str,
    body: &[u8],
    signature_header: &str,
) -> Result<(), Error> {
    let parts: [&[u8]; 5] = [id.as_bytes(), b".", timestamp.as_bytes(), b".", body];
    let mut expected = None;
    let mut readable = false;
    let mut matched = false;
    let mut decoded = [0u8; 33];
    for entry in signature_header.split(' ').filter(|e| !e.is_empty()) {
        let Some(encoded) = entry.strip_prefix("v1,") else {
            continue;
        };
        // 32 bytes are 44 base64 characters; a longer entry cannot be a signature, but
        // whether it is base64 still decides between the two errors.
        let length = match BASE64.decode_slice(encoded, &mut decoded) {
            Ok(length) => Some(length),
            Err(base64::DecodeSliceError::OutputSliceTooSmall) => match BASE64.decode(encoded) {
                Ok(_) => None,
                Err(_) => continue,
            },
            Err(base64::DecodeSliceError::DecodeError(_)) => continue,
        };
        if length == Some(0) {
            continue;
        }
        readable = true;
        if let (Some(32), Some(signature)) = (length, decoded.first_chunk::<32>()) {
            matched |= expected
                .get_or_insert_with(|| hmac::Expected::of(secrets, &parts))
                .contains(signature);
        }
    }
    match (readable, matched) {
        (_, true) => Ok(()),
        (true, false) => Err(Error::SignatureMismatch),
        (false, _) => Err(Error::malformed(SIGNATURE, "no v1 signature")),
    }
}

/// The `webhook-signature` value for this message.
pub(crate) fn sign(key: &Secret, id: &str, timestamp: u64, body: &[u8]) -> String {
    let timestamp = timestamp.to_string();
    let parts: [&[u8]; 5] = [id.as_bytes(), b".", timestamp.as_bytes(), b".", body];
    format!("v1,{}", BASE64.encode(hmac::digest(key, &parts)))
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::scheme::hmac::MACS;

    /// The MACs `verify` computes for one signature header (the count, and the result).
    fn macs(secrets: &[Secret], body: &[u8], header: &str) -> (usize, Result<(), Error>) {
        let before = MACS.with(core::cell::Cell::get);
        let result = verify_signature(secrets, "msg_1", "1767225600", body, header);
        (MACS.with(core::cell::Cell::get) - before, result)
    }

    #[test]
    fn a_long_signature_list_costs_one_mac_per_secret() {
        let secrets = [
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "whsec_AAAAAAAAAAAAAAAAAAAAAAAA",
        ]
        .map(|s| Secret::standard(s).expect("secret"));
        let body = vec![b'x'; 1 << 20];
        let right = sign(&secrets[1], "msg_1", 1_767_225_600, &body);
        let wrong32 = format!("v1,{}", BASE64.encode([7u8; 32]));
        let wrong1 = format!("v1,{}", BASE64.encode([7u8]));
        let long = vec![wrong32.as_str(); 2048].join(" ");
        assert_eq!(
            macs(&secrets, &body, &long),
            (2, Err(Error::SignatureMismatch))
        );
        let with_right = format!("{long} {right}");
        assert_eq!(macs(&secrets, &body, &with_right), (2, Ok(())));
        // Entries that cannot be signatures cost no MAC at all.
        let short = vec![wrong1.as_str(); 2048].join(" ");
        assert_eq!(
            macs(&secrets, &body, &short),
            (0, Err(Error::SignatureMismatch))
        );
    }
}
