//! The mutator: turns an input into a nearby hostile one. Inputs are a few text lines (what a
//! target reads before its body: an operation, a status, a header) and a body. The body is
//! mutated as JSON when it parses (a value swapped for a hostile one of any type, a member
//! dropped or duplicated, nesting deepened), else, and sometimes anyway, as bytes (flips,
//! insertions of hostile tokens and invalid UTF-8, deletions, truncation, splices with another
//! input). Everything comes from one seeded PRNG, so a run is repeatable from its seed.

use fastrand::Rng;
use serde_json::Value;

/// Hostile JSON values: numbers at and past every limit, strings that are almost dates,
/// almost numbers, empty, long, or not what they claim, and every other JSON type.
const VALUES: &[&str] = &[
    "0",
    "-0",
    "1e309",
    "-1e309",
    "1e-400",
    "1.5e-9223372036854775808",
    "-1.5e-9223372036854775808",
    "1e9223372036854775807",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "2147483648",
    "-2147483649",
    "4294967296",
    "3.4028235e38",
    "1.7976931348623157e308",
    "5e-324",
    "123456789012345678901234567890.123456789012345678901234567890",
    "0.0000000001",
    "1617954808.068",
    "-1617954808.999999999",
    "\"\"",
    "\"+1\"",
    "\"-\"",
    "\"Z\"",
    "\".5e-9223372036854775808\"",
    "\"-.5e-9223372036854775808\"",
    "\"1985-04-12T23:20:50.52Z\"",
    "\"1985-04-12T23:20:50.52+01:30\"",
    "\"1985-04-12T23:20:50.52+99:99\"",
    "\"9999-12-31T23:59:60.999999999Z\"",
    "\"Tue, 29 Apr 2014 18:30:38 GMT\"",
    "\"1617954808.068\"",
    "\"NaN\"",
    "\"Infinity\"",
    "\"-Infinity\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"\\udc00\\ud800\"",
    "\"\\u202e\"",
    "\"é漢字🎉\"",
    "\"a\\\"b\\\\c\"",
    "\"backup-0123456789abcdef0\"",
    "\"UNKNOWN_ENUM_VALUE\"",
    "\"AVAILABLE\"",
    "true",
    "false",
    "null",
    "{}",
    "[]",
    "[{}]",
    "[null,null]",
    "{\"__type\":\"x\"}",
    "[{},{},{},{},{},{},{},{}]",
];

/// Hostile raw text, inserted anywhere in the bytes (a JSON token, half of one, an escape).
const TOKENS: &[&[u8]] = &[
    b"\"",
    b"\\",
    b"\\u",
    b"\\ud800",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"e-9223372036854775808",
    b".5e-9223372036854775808",
    b"-",
    b"0",
    b"null",
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\x00",
    b"\n",
];

/// Error codes and header values as services (and impostors) send them.
pub const CODES: &[&str] = &[
    "",
    "BackupNotFound",
    "com.amazonaws.fsx#BackupNotFound",
    "aws.fsx#BackupNotFound:http://internal.amazon.com/coral/com.amazonaws.fsx/",
    "BackupNotFound:",
    ":",
    "#",
    "#:",
    "ThrottlingException",
    "InternalServerError",
    "ServiceLimitExceeded",
    "BadRequest",
    "backupnotfound",
    "Backup Not Found",
    "é",
    "\u{202e}",
];

/// A new input near `input`: one to four stacked mutations. `pool` holds other inputs to
/// splice from. The first `head_lines` lines are the target's own fields.
pub fn mutate(rng: &mut Rng, input: &[u8], head_lines: usize, pool: &[Vec<u8>]) -> Vec<u8> {
    let (mut head, mut body) = split(input, head_lines);
    for _ in 0..rng.usize(1..=4) {
        match rng.u8(0..10) {
            0 if head_lines > 0 => {
                let line = rng.usize(0..head_lines);
                head[line] = head_value(rng);
            }
            0..=4 => {
                if let Some(mutated) = mutate_json(rng, &body) {
                    body = mutated;
                } else {
                    mutate_bytes(rng, &mut body, pool);
                }
            }
            _ => mutate_bytes(rng, &mut body, pool),
        }
    }
    join(&head, &body)
}

/// The first `lines` lines (without their `\n`), and the rest.
pub fn split(input: &[u8], lines: usize) -> (Vec<Vec<u8>>, Vec<u8>) {
    let mut head = Vec::with_capacity(lines);
    let mut rest = input;
    for _ in 0..lines {
        match rest.iter().position(|&b| b == b'\n') {
            Some(at) => {
                head.push(rest[..at].to_vec());
                rest = &rest[at + 1..];
            }
            None => {
                head.push(rest.to_vec());
                rest = &[];
            }
        }
    }
    (head, rest.to_vec())
}

fn join(head: &[Vec<u8>], body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for line in head {
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out.extend_from_slice(body);
    out
}

/// A value for one of the head's lines: a code, a status, or random bytes.
fn head_value(rng: &mut Rng) -> Vec<u8> {
    match rng.u8(0..4) {
        0 => CODES[rng.usize(0..CODES.len())].as_bytes().to_vec(),
        1 => rng.u16(0..1000).to_string().into_bytes(),
        2 => (0..rng.usize(0..12)).map(|_| rng.u8(..)).collect(),
        _ => VALUES[rng.usize(0..VALUES.len())].as_bytes().to_vec(),
    }
}

/// A JSON-aware mutation of `body`, or `None` when it is not JSON.
fn mutate_json(rng: &mut Rng, body: &[u8]) -> Option<Vec<u8>> {
    let mut value: Value = serde_json::from_slice(body).ok()?;
    let mut count = 0;
    count_nodes(&value, &mut count);
    let target = rng.usize(0..count.max(1));
    let mut seen = 0;
    let action = rng.u8(0..8);
    let replacement: Value = match action {
        // A deep nesting of arrays or objects.
        0 => {
            let depth = rng.usize(10..200);
            let text = if rng.bool() {
                format!("{}{}", "[".repeat(depth), "]".repeat(depth))
            } else {
                format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth))
            };
            serde_json::from_str(&text).unwrap_or(Value::Null)
        }
        // A long string or a long list.
        1 if rng.bool() => Value::String("x".repeat(rng.usize(0..100_000))),
        1 => Value::Array(vec![Value::Object(Default::default()); rng.usize(0..5_000)]),
        _ => serde_json::from_str(VALUES[rng.usize(0..VALUES.len())]).unwrap_or(Value::Null),
    };
    let drop_key = action == 7;
    edit_node(&mut value, target, &mut seen, &mut |node| {
        if drop_key {
            if let Value::Object(map) = node {
                let keys: Vec<String> = map.keys().cloned().collect();
                if !keys.is_empty() {
                    map.remove(&keys[rng.usize(0..keys.len())]);
                    return;
                }
            }
        }
        *node = replacement.clone();
    });
    let mut text = serde_json::to_vec(&value).ok()?;
    // A member twice (serde_json's map cannot hold that): repeat the first member.
    if rng.u8(0..8) == 0 {
        if let Some(open) = text.iter().position(|&b| b == b'{') {
            if let Some(colon) = text[open..].iter().position(|&b| b == b':') {
                let key = text[open + 1..open + colon].to_vec();
                let mut insert = key;
                insert.extend_from_slice(b":null,");
                text.splice(open + 1..open + 1, insert);
            }
        }
    }
    Some(text)
}

fn count_nodes(value: &Value, count: &mut usize) {
    *count += 1;
    match value {
        Value::Array(items) => items.iter().for_each(|v| count_nodes(v, count)),
        Value::Object(map) => map.values().for_each(|v| count_nodes(v, count)),
        _ => {}
    }
}

/// Applies `edit` to the `target`-th node in depth-first order.
fn edit_node(value: &mut Value, target: usize, seen: &mut usize, edit: &mut dyn FnMut(&mut Value)) {
    if *seen == target {
        *seen += 1;
        edit(value);
        return;
    }
    *seen += 1;
    match value {
        Value::Array(items) => {
            for item in items {
                if *seen > target {
                    return;
                }
                edit_node(item, target, seen, edit);
            }
        }
        Value::Object(map) => {
            for item in map.values_mut() {
                if *seen > target {
                    return;
                }
                edit_node(item, target, seen, edit);
            }
        }
        _ => {}
    }
}

/// A byte-level mutation of `body`.
fn mutate_bytes(rng: &mut Rng, body: &mut Vec<u8>, pool: &[Vec<u8>]) {
    let at = |rng: &mut Rng, len: usize| rng.usize(0..=len);
    match rng.u8(0..7) {
        0 if !body.is_empty() => {
            let i = rng.usize(0..body.len());
            body[i] ^= 1 << rng.u8(0..8);
        }
        1 if !body.is_empty() => {
            let i = rng.usize(0..body.len());
            body[i] = rng.u8(..);
        }
        2 => {
            let token = TOKENS[rng.usize(0..TOKENS.len())];
            let i = at(rng, body.len());
            body.splice(i..i, token.iter().copied());
        }
        3 if !body.is_empty() => {
            let start = rng.usize(0..body.len());
            let end = (start + rng.usize(1..64)).min(body.len());
            body.drain(start..end);
        }
        4 => body.truncate(at(rng, body.len())),
        5 if !pool.is_empty() => {
            // Splice: our start, another input's end.
            let other = &pool[rng.usize(0..pool.len())];
            let mine = at(rng, body.len());
            let theirs = at(rng, other.len());
            body.truncate(mine);
            body.extend_from_slice(&other[theirs..]);
        }
        _ if !body.is_empty() => {
            // Repeat a range.
            let start = rng.usize(0..body.len());
            let end = (start + rng.usize(1..32)).min(body.len());
            let copy = body[start..end].to_vec();
            let i = at(rng, body.len());
            body.splice(i..i, copy);
        }
        _ => body.push(rng.u8(..)),
    }
}
