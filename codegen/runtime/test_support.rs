//! Helpers for the generated crate's own tests (copied from `codegen/runtime/test_support.rs`):
//! comparing JSON bodies as values, with timestamps compared as instants whatever their format.

#![allow(dead_code)]

use serde_json::Value;

/// Asserts that `actual` (JSON bytes) equals `expected` (JSON text) as JSON values: same
/// object keys, same array lengths, numbers equal as numbers (`1` equals `1.0`). At the JSON
/// pointers in `instants` both sides are timestamps and compare as instants, each side in any
/// of the three formats (epoch seconds as a number or a numeric string, an RFC 3339 date-time
/// with any number of fractional digits, an HTTP date), within a microsecond (what an epoch
/// number loses through a 64-bit float). Pointers in `ignore` are removed from `actual` first
/// (e.g. an idempotency token the crate filled in).
pub fn assert_json_eq(actual: &[u8], expected: &str, instants: &[&str], ignore: &[&str]) {
    let mut actual: Value = serde_json::from_slice(actual).unwrap_or_else(|e| {
        panic!(
            "the body is not JSON ({e}): {}",
            String::from_utf8_lossy(actual)
        )
    });
    let expected: Value =
        serde_json::from_str(expected).unwrap_or_else(|e| panic!("expected JSON is invalid: {e}"));
    for pointer in ignore {
        remove(&mut actual, pointer);
    }
    if let Err(difference) = compare(&actual, &expected, "", instants) {
        panic!(
            "JSON bodies differ at {difference}\n  actual:   {}\n  expected: {}",
            serde_json::to_string(&actual).unwrap_or_default(),
            serde_json::to_string(&expected).unwrap_or_default()
        );
    }
}

/// With the `serde` feature: asserts that serde_json writes exactly the bytes `to_vec` (the
/// crate's `json::to_vec`) writes of `value`, and reads them back into a value `to_vec` writes
/// the same way (compared through the writer, so that NaN equals NaN). A value the codec
/// cannot write (an unknown union member) serde must refuse too.
#[cfg(feature = "serde")]
pub fn assert_serde_agrees<T, E>(value: &T, to_vec: fn(&T) -> Result<Vec<u8>, E>)
where
    T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug,
    E: std::fmt::Debug,
{
    let Ok(ours) = to_vec(value) else {
        assert!(
            serde_json::to_vec(value).is_err(),
            "serde writes what the codec refuses: {value:?}"
        );
        return;
    };
    let theirs = serde_json::to_vec(value)
        .unwrap_or_else(|e| panic!("serde cannot write what the codec writes ({e}): {value:?}"));
    assert_eq!(
        String::from_utf8_lossy(&theirs),
        String::from_utf8_lossy(&ours),
        "serde_json (left) and the awsJson codec (right) write different bodies"
    );
    let back: T = serde_json::from_slice(&ours).unwrap_or_else(|e| {
        panic!(
            "serde cannot read what the codec writes ({e}): {}",
            String::from_utf8_lossy(&ours)
        )
    });
    let again = to_vec(&back).expect("what serde read serializes");
    assert_eq!(
        String::from_utf8_lossy(&again),
        String::from_utf8_lossy(&ours),
        "serde read a different value"
    );
}

/// Documents (an endpoint's properties) as the JSON object they hold, for [`assert_json_eq`].
pub fn documents_json(
    documents: &std::collections::BTreeMap<String, aws_smithy_types::Document>,
) -> Vec<u8> {
    use aws_smithy_types::{Document, Number};
    fn json(document: &Document) -> Value {
        match document {
            Document::Null => Value::Null,
            Document::Bool(b) => Value::Bool(*b),
            Document::String(s) => Value::String(s.clone()),
            Document::Number(Number::PosInt(n)) => Value::from(*n),
            Document::Number(Number::NegInt(n)) => Value::from(*n),
            Document::Number(Number::Float(f)) => Value::from(*f),
            Document::Array(items) => Value::Array(items.iter().map(json).collect()),
            Document::Object(entries) => {
                Value::Object(entries.iter().map(|(k, v)| (k.clone(), json(v))).collect())
            }
        }
    }
    let object: serde_json::Map<String, Value> = documents
        .iter()
        .map(|(k, v)| (k.clone(), json(v)))
        .collect();
    serde_json::to_vec(&Value::Object(object)).expect("JSON values serialize")
}

/// The secrets `tests/sensitive.rs` plants in `@sensitive` positions.
pub const SECRETS: [&str; 2] = ["SECRET-7f3a", "98765432109"];

/// Asserts that `text` (what `what` printed) holds none of the planted [`SECRETS`].
pub fn assert_no_secret(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(
            !text.contains(secret),
            "{what} shows the secret {secret}: {text}"
        );
    }
}

/// Asserts that header `name` has exactly `expected` (several values compare joined by `, `).
pub fn assert_header(headers: &http::HeaderMap, name: &str, expected: &str) {
    let values: Vec<&str> = headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap_or("<not text>"))
        .collect();
    assert!(
        !values.is_empty(),
        "header {name} is missing (expected {expected:?})"
    );
    assert_eq!(values.join(", "), expected, "header {name}");
}

/// Asserts that header `name` is absent.
pub fn assert_no_header(headers: &http::HeaderMap, name: &str) {
    assert!(
        headers.get(name).is_none(),
        "header {name} must not be sent, got {:?}",
        headers.get(name)
    );
}

/// Asserts that header `name` is present.
pub fn assert_has_header(headers: &http::HeaderMap, name: &str) {
    assert!(headers.get(name).is_some(), "header {name} is missing");
}

fn remove(value: &mut Value, pointer: &str) {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return;
    };
    let parent = if parent.is_empty() {
        Some(value)
    } else {
        value.pointer_mut(parent)
    };
    if let Some(Value::Object(map)) = parent {
        map.remove(&last.replace("~1", "/").replace("~0", "~"));
    }
}

fn compare(
    actual: &Value,
    expected: &Value,
    pointer: &str,
    instants: &[&str],
) -> Result<(), String> {
    let here = || {
        if pointer.is_empty() {
            "/".to_owned()
        } else {
            pointer.to_owned()
        }
    };
    if instants.contains(&pointer) {
        return match (instant(actual), instant(expected)) {
            (Some(a), Some(e)) if (a - e).abs() <= 1_000 => Ok(()),
            _ => Err(format!("{} (timestamps {actual} and {expected})", here())),
        };
    }
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            let mut keys: Vec<&String> = a.keys().chain(e.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let child = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                match (a.get(key), e.get(key)) {
                    (Some(av), Some(ev)) => compare(av, ev, &child, instants)?,
                    (Some(_), None) => return Err(format!("{child} (not expected)")),
                    (None, Some(_)) => return Err(format!("{child} (missing)")),
                    (None, None) => unreachable!("key comes from one of the maps"),
                }
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(e)) => {
            if a.len() != e.len() {
                return Err(format!(
                    "{} (arrays of {} and {} elements)",
                    here(),
                    a.len(),
                    e.len()
                ));
            }
            for (i, (av, ev)) in a.iter().zip(e).enumerate() {
                compare(av, ev, &format!("{pointer}/{i}"), instants)?;
            }
            Ok(())
        }
        (Value::Number(a), Value::Number(e)) => {
            let same = match (a.as_i64(), e.as_i64(), a.as_u64(), e.as_u64()) {
                (Some(x), Some(y), _, _) => x == y,
                (_, _, Some(x), Some(y)) => x == y,
                _ => a.as_f64() == e.as_f64(),
            };
            if same {
                Ok(())
            } else {
                Err(format!("{} ({a} and {e})", here()))
            }
        }
        (a, e) if a == e => Ok(()),
        (a, e) => Err(format!("{} ({a} and {e})", here())),
    }
}

/// Nanoseconds since the epoch: from epoch seconds (a number, or a string holding one, read
/// exactly where the text allows), or an RFC 3339 date-time or HTTP date string.
fn instant(value: &Value) -> Option<i128> {
    use aws_smithy_types::date_time::{DateTime, Format};
    let epoch = |text: &str| {
        DateTime::from_str(text, Format::EpochSeconds)
            .ok()
            .or_else(|| {
                let seconds: f64 = text.parse().ok().filter(|f: &f64| f.is_finite())?;
                Some(DateTime::from_secs_f64(seconds))
            })
    };
    let time = match value {
        Value::Number(n) => epoch(&n.to_string())?,
        Value::String(s) => epoch(s.trim())
            .or_else(|| DateTime::from_str(s, Format::DateTime).ok())
            .or_else(|| DateTime::from_str(s, Format::HttpDate).ok())?,
        _ => return None,
    };
    Some(i128::from(time.secs()) * 1_000_000_000 + i128::from(time.subsec_nanos()))
}
