//! Signs one sample delivery of every provider with `sign`, verifies it with a `Verifier`,
//! and prints the normalized event: `cargo run --example demo` (or `make demo`).

#[path = "support/samples.rs"]
mod samples;

use smshook::{sign, Error, Verifier};

fn main() -> Result<(), Error> {
    for sample in samples::samples(0) {
        let signed = sign(
            sample.provider,
            sample.secret,
            sample.body.as_bytes(),
            &sample.sign,
        )?;
        let signature = signed
            .headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(sample.provider.signature_header()))
            .map_or("", |(_, value)| value.as_str());
        let verifier = Verifier::new(sample.provider, [sample.verify_secret])?;
        let event = sample.verify(&verifier, &signed, sample.body.as_bytes(), samples::NOW_MS)?;
        println!(
            "== {} ({})",
            sample.provider.name(),
            sample.provider.scheme_name()
        );
        println!(
            "   {}: {}",
            sample.provider.signature_header(),
            shorten(signature)
        );
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "null".to_owned());
        println!(
            "   event {} ({}) id {}",
            event.kind, event.provider_event, event.id
        );
        println!(
            "   from {} to {}: {}",
            show(&event.from),
            show(&event.to),
            show(&event.text)
        );
        println!(
            "   messageId {} at {}",
            show(&event.message_id),
            show(&event.occurred_at)
        );

        // One flipped byte: the same delivery is refused.
        let mut tampered = sample.body.clone().into_bytes();
        if let Some(byte) = tampered.iter_mut().rev().find(|b| b.is_ascii_digit()) {
            *byte = if *byte == b'9' { b'0' } else { *byte + 1 };
        }
        match sample.verify(&verifier, &signed, &tampered, samples::NOW_MS) {
            Err(e) => println!("   tampered body → {} ({e})", e.code()),
            Ok(_) => println!(
                "   tampered body → accepted (the {} token does not cover the body)",
                sample.provider.name()
            ),
        }
    }
    Ok(())
}

fn shorten(value: &str) -> String {
    if value.chars().count() > 60 {
        format!("{}…", value.chars().take(60).collect::<String>())
    } else {
        value.to_owned()
    }
}
