//! Timestamps on the wire, read and written in one place: the three `@timestampFormat`s,
//! epoch seconds read and written exactly (no float on the way), RFC 3339 with offsets.

use aws_smithy_types::date_time::Format;
use aws_smithy_types::DateTime;

/// How a timestamp is written on the wire (`@timestampFormat`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    /// Seconds since the epoch as a JSON number, with a fraction when needed (the awsJson
    /// default).
    EpochSeconds,
    /// An RFC 3339 string.
    DateTime,
    /// An RFC 7231 HTTP date string.
    HttpDate,
}

/// Epoch seconds, exactly as written (`1617954808.068` is 68 ms past the second), with no
/// float rounding: an exponent moves the decimal point (`1.617954808068e9` is the same time),
/// and digits past the nanosecond are dropped. `None` for text that is not a decimal number,
/// and for a time whose seconds do not fit in an `i64` (an error, not a clamped time).
pub fn parse_epoch_seconds(text: &str) -> Option<DateTime> {
    // What services send (`1617954808.068`): whole seconds that fit easily and at most nine
    // fraction digits, without sign or exponent. Read in one pass; anything else takes the
    // general path below.
    if let Some(time) = plain_epoch_seconds(text.as_bytes()) {
        return Some(time);
    }
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], unsigned[at + 1..].parse::<i64>().ok()?),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digit_count = whole.len() + fraction.len();
    if digit_count == 0
        || !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    // The decimal point comes after `point` digits (negative: zeros come first). In i128, so
    // that no exponent (down to `i64::MIN`) can overflow the arithmetic below.
    let point = i128::try_from(whole.len()).ok()? + i128::from(exponent);
    let mut seconds: i128 = 0;
    let mut nanos: u32 = 0;
    for (index, digit) in whole.bytes().chain(fraction.bytes()).enumerate() {
        let index = i128::try_from(index).ok()?;
        let digit = digit - b'0';
        if index < point {
            seconds = seconds.checked_mul(10)?.checked_add(i128::from(digit))?;
        } else if index - point < 9 {
            let place = u32::try_from(8 - (index - point)).ok()?;
            nanos += u32::from(digit) * 10u32.pow(place);
        } else {
            break;
        }
    }
    let missing_zeros = point - i128::try_from(digit_count).ok()?;
    if missing_zeros > 0 && seconds != 0 {
        let scale = 10i128.checked_pow(u32::try_from(missing_zeros).ok()?)?;
        seconds = seconds.checked_mul(scale)?;
    }
    if negative {
        seconds = -seconds;
        if nanos > 0 {
            seconds -= 1;
            nanos = 1_000_000_000 - nanos;
        }
    }
    Some(DateTime::from_secs_and_nanos(
        i64::try_from(seconds).ok()?,
        nanos,
    ))
}

/// `digits[.digits]` with at most 18 whole digits and 9 fraction digits; `None` otherwise.
fn plain_epoch_seconds(text: &[u8]) -> Option<DateTime> {
    let (whole, fraction) = match text.iter().position(|&b| b == b'.') {
        Some(dot) => (&text[..dot], &text[dot + 1..]),
        None => (text, &[][..]),
    };
    if whole.is_empty() || whole.len() > 18 || fraction.len() > 9 {
        return None;
    }
    let mut seconds: i64 = 0;
    for &digit in whole {
        if !digit.is_ascii_digit() {
            return None;
        }
        seconds = seconds * 10 + i64::from(digit - b'0');
    }
    let mut nanos: u32 = 0;
    for &digit in fraction {
        if !digit.is_ascii_digit() {
            return None;
        }
        nanos = nanos * 10 + u32::from(digit - b'0');
    }
    nanos *= 10u32.pow(9 - fraction.len() as u32);
    Some(DateTime::from_secs_and_nanos(seconds, nanos))
}

/// An RFC 3339 date-time, in UTC (`Z`) or with a numeric offset (`-01:00`), which Smithy
/// clients must accept: the offset is taken off after aws-smithy-types reads the rest as UTC.
pub fn parse_date_time(text: &str) -> Result<DateTime, String> {
    let utc = |s: &str| DateTime::from_str(s, Format::DateTime).map_err(|e| e.to_string());
    let tail = text.len().saturating_sub(6);
    let offset = text.get(tail..).filter(|t| {
        let b = t.as_bytes();
        b.len() == 6
            && matches!(b[0], b'+' | b'-')
            && b[1..3].iter().all(u8::is_ascii_digit)
            && b[3] == b':'
            && b[4..].iter().all(u8::is_ascii_digit)
    });
    let Some(offset) = offset else {
        return utc(text);
    };
    let hours: i64 = offset[1..3]
        .parse()
        .map_err(|_| "invalid offset".to_owned())?;
    let minutes: i64 = offset[4..]
        .parse()
        .map_err(|_| "invalid offset".to_owned())?;
    if hours > 23 || minutes > 59 {
        return Err(format!("invalid offset {offset}"));
    }
    let east = (hours * 3600 + minutes * 60) * if offset.starts_with('-') { -1 } else { 1 };
    let local = utc(&format!("{}Z", &text[..tail]))?;
    Ok(DateTime::from_secs_and_nanos(
        local.secs() - east,
        local.subsec_nanos(),
    ))
}

/// Writes `value` as epoch seconds, exactly: the seconds, then the fraction without trailing
/// zeros, with no allocation. `false` (and nothing written) for a time before the epoch, which
/// aws-smithy-types formats instead.
pub fn write_epoch_seconds(out: &mut Vec<u8>, value: &DateTime) -> bool {
    if value.secs() < 0 {
        return false;
    }
    out.extend_from_slice(itoa::Buffer::new().format(value.secs()).as_bytes());
    let mut nanos = value.subsec_nanos();
    if nanos > 0 {
        let mut digits = 9;
        while nanos.is_multiple_of(10) {
            nanos /= 10;
            digits -= 1;
        }
        let mut buffer = itoa::Buffer::new();
        let significant = buffer.format(nanos);
        out.push(b'.');
        out.resize(out.len() + digits - significant.len(), b'0');
        out.extend_from_slice(significant.as_bytes());
    }
    true
}

/// The aws-smithy-types format for `format`.
pub fn smithy_format(format: TimestampFormat) -> Format {
    match format {
        TimestampFormat::EpochSeconds => Format::EpochSeconds,
        TimestampFormat::DateTime => Format::DateTime,
        TimestampFormat::HttpDate => Format::HttpDate,
    }
}
