//! RFC 3339 parsing and formatting in UTC with millisecond precision, without a clock.
//!
//! Providers send times as RFC 3339 with offsets and up to nine fractional digits, or as
//! milliseconds since the epoch. The normalized event carries
//! `YYYY-MM-DDTHH:MM:SS.mmmZ`; extra fractional digits are truncated, not rounded.

/// Milliseconds since the Unix epoch for an RFC 3339 / ISO 8601 date-time
/// (`2023-11-17T13:59:04.568354-05:00`, `…Z`, `…+0300`, `…t…z`, space as separator).
pub(crate) fn parse_rfc3339_ms(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0i64, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0'))
        })
    };
    let year = num(0, 4)?;
    let month = num(5, 2)?;
    let day = num(8, 2)?;
    let hour = num(11, 2)?;
    let minute = num(14, 2)?;
    let second = num(17, 2)?;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || b.get(13) != Some(&b':') {
        return None;
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) || b.get(16) != Some(&b':') {
        return None;
    }
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut i = 19;
    let mut millis = 0i64;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while let Some(&d) = b.get(i).filter(|d| d.is_ascii_digit()) {
            if i - start < 3 {
                millis = millis * 10 + i64::from(d - b'0');
            }
            i += 1;
        }
        let n = i - start;
        if n == 0 {
            return None;
        }
        for _ in n..3 {
            millis *= 10;
        }
    }
    let offset_minutes = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let oh = num(i + 1, 2)?;
            let (om, end) = if b.get(i + 3) == Some(&b':') {
                (num(i + 4, 2)?, i + 6)
            } else {
                (num(i + 3, 2)?, i + 5)
            };
            if end != b.len() || oh > 23 || om > 59 {
                return None;
            }
            let total = oh * 60 + om;
            if sign == b'-' {
                -total
            } else {
                total
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3_600 + minute * 60 + second.min(59) - offset_minutes * 60;
    Some(secs * 1_000 + millis)
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` for milliseconds since the epoch (years 0000 to 9999).
pub(crate) fn format_ms(ms: i64) -> Option<String> {
    let days = ms.div_euclid(86_400_000);
    let in_day = ms.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        return None;
    }
    // Written digit by digit: this runs for every event, and `format!` costs more than
    // the rest of the conversion.
    let mut out = String::with_capacity(24);
    let mut push = |value: i64, width: u32, suffix: char| {
        for place in (0..width).rev() {
            let digit = value / 10_i64.pow(place) % 10;
            out.push(char::from(b'0' + u8::try_from(digit).unwrap_or(0)));
        }
        out.push(suffix);
    };
    push(year, 4, '-');
    push(month, 2, '-');
    push(day, 2, 'T');
    push(in_day / 3_600_000, 2, ':');
    push(in_day / 60_000 % 60, 2, ':');
    push(in_day / 1_000 % 60, 2, '.');
    push(in_day % 1_000, 3, 'Z');
    Some(out)
}

/// Normalizes an RFC 3339 string to UTC milliseconds; `None` when it is not one.
pub(crate) fn normalize(s: &str) -> Option<String> {
    format_ms(parse_rfc3339_ms(s)?)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_offsets_and_fractions() {
        let cases = [
            ("2026-05-27T13:00:35.208Z", "2026-05-27T13:00:35.208Z"),
            (
                "2023-11-17T13:59:04.568354-05:00",
                "2023-11-17T18:59:04.568Z",
            ),
            ("2023-06-29T03:21:19.524331882Z", "2023-06-29T03:21:19.524Z"),
            (
                "2022-06-05T14:26:09.527976+03:00",
                "2022-06-05T11:26:09.527Z",
            ),
            ("2026-01-01T00:00:00Z", "2026-01-01T00:00:00.000Z"),
            (
                "2021-07-27T18:48:16.878086+00:00",
                "2021-07-27T18:48:16.878Z",
            ),
            ("2024-02-29T23:59:59.9+0100", "2024-02-29T22:59:59.900Z"),
            ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input).as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn rejects_garbage() {
        for s in [
            "",
            "2026-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2026-01-01T00:00:00",
            "2026-01-01T00:00:00.Z",
            "2026-01-01T00:00:00Zjunk",
            "2026-01-01T24:00:00Z",
            "2026-01-01T00:00:00+25:00",
            "２０２６-01-01T00:00:00Z",
        ] {
            assert_eq!(normalize(s), None, "{s}");
        }
    }

    #[test]
    fn formats_epoch_milliseconds() {
        assert_eq!(
            format_ms(1_710_000_000_000).as_deref(),
            Some("2024-03-09T16:00:00.000Z")
        );
        assert_eq!(format_ms(1).as_deref(), Some("1970-01-01T00:00:00.001Z"));
        assert_eq!(format_ms(i64::MAX), None);
    }
}
