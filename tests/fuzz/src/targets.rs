//! The fuzz targets: each reads one input (a few head lines, then a body) and must never
//! panic, whatever it holds. Each returns a short outcome (which variant, which error) that the
//! runner uses as feedback: an input with an outcome not seen before joins the corpus.

use std::collections::BTreeMap;

use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::Value;

use runtime::event_stream::{DecodeEvent, EventStream};
use runtime::json_read::{DeserializeError, DeserializeJson, JsonReader};

/// One fuzz target.
pub struct Target {
    /// Its name, for `--target` and the findings folder.
    pub name: &'static str,
    /// What it feeds, and to what.
    pub about: &'static str,
    /// How many head lines its inputs start with (see `mutate::split`).
    pub head_lines: usize,
    /// Inputs to start from.
    pub seeds: fn() -> Vec<Vec<u8>>,
    /// Runs one input; the outcome in a few words.
    pub run: fn(&[u8]) -> String,
}

/// Every target, in the order `cargo xtask fuzz` runs them.
pub const TARGETS: &[Target] = &[
    Target {
        name: "response",
        about: "`<op>\\n<body>`: a 2xx body through each FSx operation's `response`, every output written back and read again (it must read to the same bytes)",
        head_lines: 1,
        seeds: response_seeds,
        run: run_response,
    },
    Target {
        name: "error",
        about: "`<op>\\n<status>\\n<X-Amzn-Errortype>\\n<body>`: an error response through `response` (the error metadata reader, every modeled error), printed every way",
        head_lines: 3,
        seeds: error_seeds,
        run: run_error,
    },
    Target {
        name: "reader",
        about: "`<kinds>\n<JSON array>`: each element read with the typed read its kind byte picks (strings, numbers of every width, timestamps in all three formats, blobs, big numbers, documents, maps, sparse lists), as other models' deserializers do",
        head_lines: 1,
        seeds: reader_seeds,
        run: run_reader,
    },
    Target {
        name: "event-stream",
        about: "`<chunk sizes>\\n<bytes>`: an event-stream body fed to `EventStream` in chunks",
        head_lines: 1,
        seeds: event_stream_seeds,
        run: run_event_stream,
    },
    Target {
        name: "endpoint",
        about: "`<endpoint>`: `endpoint::apply` of a request to any endpoint text",
        head_lines: 0,
        seeds: endpoint_seeds,
        run: run_endpoint,
    },
    Target {
        name: "resolve",
        about: "`<flags>\\n<region>\\n<endpoint>`: `endpoint::resolve` from the model's rules (flags: FIPS, dual-stack, endpoint set), then `apply`",
        head_lines: 1,
        seeds: resolve_seeds,
        run: run_resolve,
    },
    Target {
        name: "model",
        about: "`<model JSON>`: the model loader, then planning every operation of what loads",
        head_lines: 0,
        seeds: model_seeds,
        run: run_model,
    },
];

/// The target named `name`.
pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

const OPERATIONS: [&str; 6] = xtask::inputs::FSX_OPERATIONS;

/// The operation a head line names: itself if it is one, else one chosen by its bytes (so every
/// mutated line still picks an operation).
fn operation(line: &[u8]) -> usize {
    OPERATIONS
        .iter()
        .position(|op| op.as_bytes() == line)
        .unwrap_or_else(|| {
            line.iter()
                .fold(0usize, |h, &b| h.wrapping_mul(31) + usize::from(b))
                % 6
        })
}

/// What an error says, without numbers (positions differ for the same outcome) and without
/// what every unreadable body's message starts with: the member path and the problem.
fn gist(text: &str) -> String {
    let text = text
        .split_once("could not be read: ")
        .map_or(text, |(_, rest)| rest);
    text.chars()
        .filter(|c| !c.is_ascii_digit())
        .take(120)
        .collect()
}

/// An error's kind: its `Debug` up to the first bracket (the variant's name).
fn kind(debug: &str) -> String {
    debug
        .split(['(', '{', ' '])
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Reads `body` as operation `op`'s response with `status` and `headers`, prints whatever
/// comes out every way a caller could, and (for an output) checks that writing it and reading
/// that back writes the same bytes.
fn respond(op: usize, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> String {
    use fsx::operation::*;
    macro_rules! call {
        ($module:ident) => {{
            match $module::response(status, headers, body) {
                Ok(output) => {
                    let _ = format!("{output:?}");
                    round_trip(&output)
                }
                Err(error) => {
                    let display = error.to_string();
                    let debug = format!("{error:?}");
                    let _ = (
                        error.code(),
                        error.message(),
                        error.request_id(),
                        error.meta(),
                    );
                    let _ = std::error::Error::source(&error).map(|s| s.to_string());
                    let unhandled = error.is_unhandled();
                    let service: fsx::Error = error.into();
                    let _ = format!("{service} {service:?}");
                    // A body that is no output: where and why; an error response: which
                    // error, and for one the crate cannot read, why.
                    if status.is_success() {
                        gist(&display)
                    } else if unhandled {
                        let source = display
                            .split_once("could not be read: ")
                            .map(|(_, why)| gist(why));
                        format!("Unhandled {}", source.unwrap_or_default())
                    } else {
                        kind(&debug)
                    }
                }
            }
        }};
    }
    match op {
        0 => call!(copy_backup),
        1 => call!(create_backup),
        2 => call!(create_file_system_from_backup),
        3 => call!(create_volume_from_backup),
        4 => call!(delete_backup),
        _ => call!(describe_backups),
    }
}

/// Writes an output that was read, reads that back and writes it again: the same bytes.
fn round_trip<T: fsx::json::SerializeJson + fsx::json::DeserializeJson>(output: &T) -> String {
    // What was read writes (a union member this crate does not know cannot).
    let Ok(written) = fsx::json::to_vec(output) else {
        return "unwritable".to_owned();
    };
    let again: T = fsx::json::from_slice(&written)
        .unwrap_or_else(|e| panic!("a written output does not read back: {e}"));
    let rewritten = fsx::json::to_vec(&again).expect("it writes again");
    assert_eq!(
        String::from_utf8_lossy(&written),
        String::from_utf8_lossy(&rewritten),
        "read, written, read again: different"
    );
    "ok".to_owned()
}

fn run_response(input: &[u8]) -> String {
    let (head, body) = crate::mutate::split(input, 1);
    respond(
        operation(&head[0]),
        StatusCode::OK,
        &HeaderMap::new(),
        &body,
    )
}

fn run_error(input: &[u8]) -> String {
    let (head, body) = crate::mutate::split(input, 3);
    let status = std::str::from_utf8(&head[1])
        .ok()
        .and_then(|s| s.trim().parse::<u16>().ok())
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::BAD_REQUEST);
    let mut headers = HeaderMap::new();
    if let Ok(code) = HeaderValue::from_bytes(&head[2]) {
        headers.insert(HeaderName::from_static("x-amzn-errortype"), code.clone());
        headers.insert(HeaderName::from_static("x-amzn-query-error"), code);
    }
    headers.insert(
        HeaderName::from_static("x-amzn-requestid"),
        HeaderValue::from_static("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"),
    );
    let _ = fsx::error::sanitize_error_code(&String::from_utf8_lossy(&head[2]));
    respond(operation(&head[0]), status, &headers, &body)
}

/// One typed read, by kind, as a generated deserializer would make it; a few words about it.
fn read_kind(reader: &mut JsonReader<'_>, kind: u8) -> Result<String, DeserializeError> {
    use runtime::json_read::TimestampFormat;
    let shown = |v: &dyn std::fmt::Debug| format!("{v:?}").len().to_string();
    Ok(match kind % 16 {
        0 => shown(&reader.string()?),
        1 => shown(&reader.boolean()?),
        2 => shown(&reader.byte()?),
        3 => shown(&reader.short()?),
        4 => shown(&reader.int()?),
        5 => shown(&reader.long()?),
        6 => shown(&reader.double()?),
        7 => shown(&reader.float()?),
        8 => shown(&reader.timestamp(TimestampFormat::EpochSeconds)?),
        9 => shown(&reader.timestamp(TimestampFormat::DateTime)?),
        10 => shown(&reader.timestamp(TimestampFormat::HttpDate)?),
        11 => shown(&reader.blob()?),
        12 => shown(&reader.big_integer()?),
        13 => shown(&reader.big_decimal()?),
        14 => shown(&reader.document()?),
        _ => shown(
            &reader.map::<String, Vec<Option<String>>>(|r| r.sparse_list(JsonReader::string))?,
        ),
    })
}

fn run_reader(input: &[u8]) -> String {
    let (head, body) = crate::mutate::split(input, 1);
    let kinds = if head[0].is_empty() {
        vec![0]
    } else {
        head[0].clone()
    };
    let mut reader = JsonReader::new(&body);
    let result = (|| -> Result<String, DeserializeError> {
        let mut more = reader.array_start()?;
        let mut index = 0;
        let mut last = String::new();
        while more {
            last = read_kind(&mut reader, kinds[index % kinds.len()])
                .map_err(|e| e.in_index(index))?;
            index += 1;
            more = reader.array_next()?;
        }
        reader.finish()?;
        Ok(last)
    })();
    match result {
        Ok(_) => "ok".to_owned(),
        Err(error) => {
            let _ = (error.to_string(), format!("{error:?}"));
            // The outcome: the error without the body's text (which would make every input new).
            let redacted = error.redacted();
            let _ = (redacted.path(), redacted.position());
            gist(&redacted.to_string())
        }
    }
}

/// The union the event-stream target's stream carries: any JSON payload, by event name. Its
/// values are only printed (`Debug`), which dead-code analysis does not count as a read.
#[derive(Debug)]
#[allow(dead_code)]
enum Event {
    Tick(DocumentPayload),
    Alarm(DocumentPayload),
    Unknown,
}

/// A payload read as any JSON value.
#[derive(Debug)]
#[allow(dead_code)]
struct DocumentPayload(aws_smithy_types::Document);

impl DeserializeJson for DocumentPayload {
    fn deserialize_json(reader: &mut JsonReader<'_>) -> Result<Self, DeserializeError> {
        reader.document().map(DocumentPayload)
    }
}

impl DecodeEvent for Event {
    fn decode(member: &str, payload: &[u8]) -> Result<Option<Self>, DeserializeError> {
        let read = || runtime::json_read::from_slice::<DocumentPayload>(payload);
        Ok(match member {
            "Tick" => Some(Event::Tick(read()?)),
            "Alarm" => Some(Event::Alarm(read()?)),
            _ => None,
        })
    }

    fn unknown() -> Self {
        Event::Unknown
    }
}

fn run_event_stream(input: &[u8]) -> String {
    let (head, body) = crate::mutate::split(input, 1);
    // The head's bytes are the chunk sizes the body arrives in (a zero: the rest at once).
    let mut sizes = head[0].iter().map(|&b| usize::from(b));
    let mut stream = EventStream::<Event>::new();
    let mut rest = body.as_slice();
    let mut outcome = String::new();
    while !rest.is_empty() {
        let size = match sizes.next() {
            Some(0) | None => rest.len(),
            Some(size) => size.min(rest.len()),
        };
        for event in stream.feed(&rest[..size]) {
            let what = match event {
                Ok(event) => kind(&format!("{event:?}")),
                Err(error) => {
                    let _ = error.to_string();
                    kind(&format!("{error:?}"))
                }
            };
            if outcome.len() < 64 {
                outcome.push_str(&what);
                outcome.push(' ');
            }
        }
        rest = &rest[size..];
    }
    let _ = stream.pending();
    outcome
}

fn run_endpoint(input: &[u8]) -> String {
    let endpoint = String::from_utf8_lossy(input);
    let request = fsx::operation::copy_backup::request(
        &fsx::operation::copy_backup::CopyBackupInput::builder()
            .source_backup_id("backup-0123456789abcdef0")
            .build()
            .expect("the source is set"),
    )
    .expect("the request builds");
    match fsx::endpoint::apply(request, &endpoint) {
        Ok(_) => "ok".to_owned(),
        Err(error) => {
            // The reason, without the endpoint it quotes.
            let text = error.to_string();
            let _ = format!("{error:?}");
            gist(text.rsplit(": ").next().unwrap_or_default())
        }
    }
}

fn run_resolve(input: &[u8]) -> String {
    let text = String::from_utf8_lossy(input);
    let mut lines = text.splitn(3, '\n');
    let flags = lines.next().unwrap_or_default().as_bytes();
    let flag = |i: usize| flags.get(i).is_some_and(|b| b % 2 == 1);
    let region = lines.next().unwrap_or_default();
    let endpoint = lines.next().unwrap_or_default();
    let mut params = fsx::endpoint::Params::builder()
        .region(region)
        .use_fips(flag(0))
        .use_dual_stack(flag(1));
    if flag(2) {
        params = params.endpoint(endpoint);
    }
    let resolved = params.build().and_then(|p| fsx::endpoint::resolve(&p));
    match resolved {
        Ok(endpoint) => {
            let request = fsx::operation::delete_backup::request(
                &fsx::operation::delete_backup::DeleteBackupInput::builder()
                    .backup_id("backup-0123456789abcdef0")
                    .build()
                    .expect("the id is set"),
            )
            .expect("the request builds");
            match fsx::endpoint::apply(request, endpoint.url()) {
                Ok(_) => "resolved".to_owned(),
                Err(_) => "resolved, not applicable".to_owned(),
            }
        }
        Err(error) => gist(error.message()),
    }
}

fn resolve_seeds() -> Vec<Vec<u8>> {
    [
        "000\nus-east-1\n",
        "100\nus-gov-west-1\n",
        "010\ncn-north-1\n",
        "110\nus-iso-east-1\n",
        "001\nus-east-1\nhttps://example.com",
        "101\nus-east-1\nhttps://example.com",
        "000\nnot a region!\n",
        "000\n\n",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect()
}

fn run_model(input: &[u8]) -> String {
    match smithy_codegen::model::load(input) {
        Err(error) => gist(&error.to_string()),
        Ok(_) => {
            let file = smithy_codegen::model_file(input.to_vec(), "fuzz.json");
            match smithy_codegen::plan(&file, &Default::default()) {
                Ok(plan) => format!("planned {}", plan.operations.len()),
                Err(error) => gist(&error.to_string()),
            }
        }
    }
}

/// The documented outputs of the six operations (botocore's examples), by operation.
fn documented_outputs() -> BTreeMap<&'static str, Vec<Value>> {
    let path = xtask::inputs::path(xtask::inputs::FSX_BOTOCORE_EXAMPLES);
    let file: Value = serde_json::from_slice(&std::fs::read(&path).expect("the examples file"))
        .expect("the examples file is JSON");
    OPERATIONS
        .iter()
        .map(|op| {
            let outputs = file["examples"][op]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| e.get("output").cloned())
                .collect();
            (*op, outputs)
        })
        .collect()
}

fn response_seeds() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    for (op, outputs) in documented_outputs() {
        seeds.push(format!("{op}\n{{}}").into_bytes());
        for output in outputs {
            seeds.push(format!("{op}\n{output}").into_bytes());
        }
    }
    seeds.push(b"DescribeBackups\n{\"Backups\":[{},{}],\"NextToken\":null}".to_vec());
    seeds.push(b"CopyBackup\n{\"Backup\":{\"CreationTime\":1.5e-3,\"Tags\":[{\"Key\":\"k\",\"Value\":\"v\"}]}}".to_vec());
    seeds
}

fn error_seeds() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    for op in OPERATIONS {
        seeds.push(
            format!(
                "{op}\n400\nBackupNotFound\n{{\"Message\":\"Backup backup-1 does not exist.\"}}"
            )
            .into_bytes(),
        );
        seeds.push(
            format!(
                "{op}\n400\n\n{{\"__type\":\"com.amazonaws.fsx#BadRequest\",\"message\":\"bad\"}}"
            )
            .into_bytes(),
        );
        seeds.push(
            format!("{op}\n500\n\n{{\"code\":\"InternalServerError\",\"errorMessage\":\"oops\"}}")
                .into_bytes(),
        );
        seeds.push(format!("{op}\n503\n\n<html>Service Unavailable</html>").into_bytes());
        seeds.push(format!("{op}\n400\nServiceLimitExceeded\n{{\"Limit\":\"TOTAL_USER_TAGS\",\"Message\":\"x\"}}").into_bytes());
    }
    seeds
}

fn reader_seeds() -> Vec<Vec<u8>> {
    let kinds: Vec<u8> = (0..16).collect();
    let mut all = kinds.clone();
    all.push(b'\n');
    all.extend_from_slice(
        br#"["s",true,-7,300,70000,9007199254740993,1.5,"NaN",1617954808.068,"1985-04-12T23:20:50.52-01:30","Tue, 29 Apr 2014 18:30:38 GMT","aGVsbG8=",18446744073709551616,"1.25e-3",{"a":[1,"x",null]},{"k":["v",null]}]"#,
    );
    vec![
        all,
        b"\x09\n[\"2019-12-16T22:48:18Z\",\"2019-12-16T22:48:18.123456789+05:45\"]".to_vec(),
        b"\x08\n[1e3,\"1.5\",-0.5,0]".to_vec(),
    ]
}

fn event_stream_seeds() -> Vec<Vec<u8>> {
    use aws_smithy_types::event_stream::{Header, HeaderValue as Value, Message};
    let message = |headers: &[(&str, &str)], payload: &[u8]| {
        let mut message = Message::new(payload.to_vec());
        for (name, value) in headers {
            message = message.add_header(Header::new(
                name.to_string(),
                Value::String(value.to_string().into()),
            ));
        }
        let mut bytes = Vec::new();
        aws_smithy_eventstream::frame::write_message_to(&message, &mut bytes)
            .expect("a message writes");
        bytes
    };
    let tick = message(
        &[(":message-type", "event"), (":event-type", "Tick")],
        br#"{"At":1617954808.068,"Count":3}"#,
    );
    let alarm = message(
        &[(":message-type", "exception"), (":exception-type", "Alarm")],
        br#"{"Message":"boom"}"#,
    );
    let error = message(
        &[
            (":message-type", "error"),
            (":error-code", "Throttled"),
            (":error-message", "slow"),
        ],
        b"",
    );
    let initial = message(
        &[
            (":message-type", "event"),
            (":event-type", "initial-response"),
        ],
        b"{}",
    );
    let other = message(
        &[(":message-type", "event"), (":event-type", "Other")],
        b"[]",
    );
    let mut all = Vec::new();
    for m in [&initial, &tick, &alarm, &error, &other, &tick] {
        all.extend_from_slice(m);
    }
    vec![
        [b"\x00\n".as_slice(), &tick].concat(),
        [b"\x05\x07\x01\n".as_slice(), &all].concat(),
        [b"\n".as_slice(), &alarm, &error].concat(),
    ]
}

fn endpoint_seeds() -> Vec<Vec<u8>> {
    [
        "fsx.us-east-1.amazonaws.com",
        "https://fsx.us-east-1.amazonaws.com",
        "http://localhost:8080/prefix/",
        "https://[::1]:443",
        "fsx.cn-north-1.amazonaws.com.cn",
        "",
    ]
    .iter()
    .map(|e| e.as_bytes().to_vec())
    .collect()
}

fn model_seeds() -> Vec<Vec<u8>> {
    let dir = xtask::inputs::path("model/fixtures");
    // The fixture models (`semver/` holds model pairs, not fixtures of their own).
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("the fixtures")
        .map(|e| e.expect("a fixture").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| std::fs::read(p).expect("a fixture reads"))
        .collect()
}
