//! The client's SigV4 signatures against botocore's.
//!
//! Requests are built exactly as the generated FSx crate's client sends them: the operation's
//! sans-IO `request()`, pointed at the endpoint with `fsx::endpoint::apply` (the URL
//! `fsx::endpoint::resolve` gives for the region, or a custom one), and, in some cases, the
//! headers the client adds before signing (`user-agent`, `amz-sdk-invocation-id`,
//! `amz-sdk-request`: `runtime/client/invoke.rs`). Each is signed by the client's
//! `runtime::client::sign::sign_request` (the file generated crates carry a copy of) at a fixed
//! time with fixed fake credentials, and the same method, URL, headers (those present before
//! signing) and body are signed by botocore's `SigV4Auth` (`botocore_sign.py`, one Python
//! process for the whole batch, the pinned botocore). `Authorization` must be equal byte for
//! byte, and `X-Amz-Date` and `X-Amz-Security-Token` equal.
//!
//! Which headers are signed, checked in the two sources (aws-sigv4 1.6's
//! `SigningSettings::default`, botocore 1.43's `SIGNED_HEADERS_BLACKLIST`): both sign every
//! header of the request but a few, and both add `host` from the URL (without a default port)
//! when the request has none, as ours never has before it is sent.
//! - Both leave out `user-agent`, `x-amzn-trace-id` and `transfer-encoding`; aws-sigv4 leaves
//!   out `authorization`, which botocore deletes before signing. So the client's `user-agent`
//!   is signed by neither, and its `amz-sdk-invocation-id` and `amz-sdk-request` are signed by
//!   both: the cases with them compare like the others.
//! - botocore alone also leaves out the hop-by-hop `connection`, `expect`, `keep-alive`,
//!   `proxy-authenticate`, `proxy-authorization`, `te`, `trailer` and `upgrade`; aws-sigv4
//!   signs them. The client never adds any of them before signing (the FSx endpoint rules add
//!   no headers either), so every compared case is free of them; `hop_by_hop_headers_…` pins
//!   the difference on a request that carries two.
//! - boto3's own client signs before botocore adds `Content-Length` (`AWSRequest.prepare`,
//!   after the `request-created` event the signer runs on), so it does not sign
//!   `content-length`; ours does, since `request()` sets it. Both are valid signatures; here
//!   botocore is given the header, to compare the algorithms on the same header set.
//!
//! FSx has no operation with an `@endpoint` host prefix, so `apply` never adds one; the
//! prefixed-host case signs what a prefix would give (a longer host).

use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use differential::botocore::run_script;
use fsx::operation::{copy_backup, create_backup, delete_backup, describe_backups};
use fsx::types::Tag;
use runtime::client::sign::sign_request;
use serde_json::{json, Value};

const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
/// A fake session token, with the `/`, `+` and `=` of a real (base64) one.
const SESSION_TOKEN: &str =
    "FwoGZXIvYXdzEXAMPLE//////////wEaDEXAMPLEtokenWithSlash/AndPlus+AndEquals==";
/// The signing time: 2026-11-27T12:34:56Z.
const SIGNING_SECONDS: u64 = 1_795_782_896;
const AMZ_DATE: &str = "20261127T123456Z";
/// The `user-agent` the generated FSx crate's client sends (`CARGO_PKG_NAME/CARGO_PKG_VERSION`).
const USER_AGENT: &str = "fsx/0.1.0";

fn signing_time() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(SIGNING_SECONDS)
}

fn credentials(token: Option<&str>) -> Credentials {
    Credentials::new(
        ACCESS_KEY,
        SECRET_KEY,
        token.map(str::to_owned),
        None,
        "test",
    )
}

/// One request to sign, as the client would, and to compare with botocore's signature of it.
struct Case {
    name: String,
    /// The request as it is just before signing.
    request: http::Request<Vec<u8>>,
    region: &'static str,
    token: Option<&'static str>,
}

/// `POST /` requests as the operations' `request()` build them, before any endpoint.
fn operation_requests() -> Vec<(&'static str, http::Request<Vec<u8>>)> {
    let describe_empty = describe_backups::DescribeBackupsInput::builder()
        .build()
        .expect("input");
    // ~150 KB: 2,000 backup ids (more than the model allows; `request()` does not validate).
    let mut describe_large = describe_backups::DescribeBackupsInput::builder();
    for i in 0..2_000 {
        describe_large = describe_large.backup_ids(format!("backup-{i:064x}"));
    }
    let describe_large = describe_large.build().expect("input");
    let create_unicode = create_backup::CreateBackupInput::builder()
        .file_system_id("fs-0123456789abcdef0")
        .client_request_token("3f1c2a4e-1b2c-4d5e-8f90-0123456789ab")
        .tags(
            Tag::builder()
                .key("Name")
                .value("Zürich — 東京 🚀 \"quoted\" \\ back\tslash")
                .build(),
        )
        .build()
        .expect("input");
    let mut copy_tags = copy_backup::CopyBackupInput::builder()
        .source_backup_id("backup-0123456789abcdef0")
        .source_region("us-west-2")
        .client_request_token("c0ffee00-0000-4000-8000-000000000001")
        .copy_tags(false);
    for (key, value) in [("Name", "copy"), ("Owner", "team-ä"), ("cost-center", "42")] {
        copy_tags = copy_tags.tags(Tag::builder().key(key).value(value).build());
    }
    let copy_tags = copy_tags.build().expect("input");
    let delete = delete_backup::DeleteBackupInput::builder()
        .backup_id("backup-0123456789abcdef0")
        .client_request_token("d0d0d0d0-0000-4000-8000-000000000002")
        .build()
        .expect("input");
    vec![
        (
            "DescribeBackups {}",
            describe_backups::request(&describe_empty).expect("request"),
        ),
        (
            "DescribeBackups large",
            describe_backups::request(&describe_large).expect("request"),
        ),
        (
            "CreateBackup unicode tag",
            create_backup::request(&create_unicode).expect("request"),
        ),
        (
            "CopyBackup tags",
            copy_backup::request(&copy_tags).expect("request"),
        ),
        (
            "DeleteBackup",
            delete_backup::request(&delete).expect("request"),
        ),
    ]
}

/// The endpoint FSx's rules give for `region`.
fn regional_endpoint(region: &str) -> String {
    let params = fsx::endpoint::Params::builder()
        .region(region)
        .build()
        .expect("params");
    fsx::endpoint::resolve(&params)
        .unwrap_or_else(|e| panic!("resolve {region}: {e}"))
        .url()
        .to_owned()
}

/// `http::Request` is not `Clone`.
fn copy(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.headers_mut() = request.headers().clone();
    copy
}

/// Adds what the client adds before signing (`invoke.rs`: `prepare_headers`, then each
/// attempt's headers).
fn with_client_headers(mut request: http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let headers = request.headers_mut();
    headers.insert(
        http::header::USER_AGENT,
        http::HeaderValue::from_static(USER_AGENT),
    );
    headers.insert(
        "amz-sdk-invocation-id",
        http::HeaderValue::from_static("5b1e3b7a-9c4d-4e2f-8a6b-1c2d3e4f5a6b"),
    );
    headers.insert(
        "amz-sdk-request",
        http::HeaderValue::from_static("attempt=1; max=3"),
    );
    request
}

fn apply(request: &http::Request<Vec<u8>>, endpoint: &str) -> http::Request<Vec<u8>> {
    fsx::endpoint::apply(copy(request), endpoint)
        .unwrap_or_else(|e| panic!("apply {endpoint}: {e}"))
}

/// The compared cases.
fn cases() -> Vec<Case> {
    let operations = operation_requests();
    let tokens = [None, Some(SESSION_TOKEN)];
    let mut cases = Vec::new();
    let token_name = |token: Option<&str>| if token.is_some() { "token" } else { "no token" };
    // Every operation request, in four partitions' regions, with and without a session token.
    for region in ["us-east-1", "eu-west-3", "cn-north-1", "us-gov-west-1"] {
        let endpoint = regional_endpoint(region);
        for (operation, request) in &operations {
            for token in tokens {
                cases.push(Case {
                    name: format!("{operation}, {endpoint} ({region}), {}", token_name(token)),
                    request: apply(request, &endpoint),
                    region,
                    token,
                });
            }
        }
    }
    // Custom endpoints (signed for us-east-1): a port, a path prefix (also percent-encoded, and
    // with a trailing slash), an explicit default port, a longer host.
    let custom = [
        "http://127.0.0.1:5000",
        "https://proxy.example.com/fsx/v1",
        "http://localhost:4566/a%20b/c-d_e.f~g/",
        "https://fsx.us-east-1.amazonaws.com:443",
        "http://fsx.example.com:80",
        "https://prefix.fsx.us-east-1.amazonaws.com",
    ];
    for endpoint in custom {
        for (operation, request) in &operations[..] {
            if *operation == "DescribeBackups large" {
                continue;
            }
            for token in tokens {
                cases.push(Case {
                    name: format!("{operation}, custom {endpoint}, {}", token_name(token)),
                    request: apply(request, endpoint),
                    region: "us-east-1",
                    token,
                });
            }
        }
    }
    // The client's own headers.
    for (endpoint, region) in [
        (regional_endpoint("us-east-1"), "us-east-1"),
        (regional_endpoint("cn-north-1"), "cn-north-1"),
        ("http://127.0.0.1:5000".to_owned(), "us-east-1"),
    ] {
        for (operation, request) in &operations {
            for token in tokens {
                cases.push(Case {
                    name: format!(
                        "{operation}, {endpoint} ({region}), {}, client headers",
                        token_name(token)
                    ),
                    request: with_client_headers(apply(request, &endpoint)),
                    region,
                    token,
                });
            }
        }
    }
    cases
}

/// The case that pins the known difference: hop-by-hop headers aws-sigv4 signs and botocore
/// does not (the client never sends them).
fn hop_by_hop_case() -> Case {
    let (_, request) = operation_requests().swap_remove(0);
    let mut request = with_client_headers(apply(&request, &regional_endpoint("us-east-1")));
    let headers = request.headers_mut();
    headers.insert(
        http::header::EXPECT,
        http::HeaderValue::from_static("100-continue"),
    );
    headers.insert(
        http::header::CONNECTION,
        http::HeaderValue::from_static("keep-alive"),
    );
    Case {
        name: "DescribeBackups {}, expect and connection".to_owned(),
        request,
        region: "us-east-1",
        token: Some(SESSION_TOKEN),
    }
}

/// `case`'s request signed by `sign_request`.
fn sign_ours(case: &Case) -> http::Request<Vec<u8>> {
    let mut request = copy(&case.request);
    sign_request(
        &mut request,
        &credentials(case.token),
        "fsx",
        case.region,
        signing_time(),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", case.name));
    request
}

/// What botocore did with one request.
struct Botocore {
    /// The headers after signing (names as botocore writes them).
    headers: Vec<(String, String)>,
    canonical_request: String,
}

impl Botocore {
    fn header(&self, name: &str) -> Option<&str> {
        let mut values = self
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str());
        let value = values.next();
        assert!(values.next().is_none(), "botocore set {name} twice");
        value
    }
}

/// botocore's signature of every case (the compared ones, then the hop-by-hop one), from one
/// Python process.
fn botocore_results() -> &'static [Result<Botocore, String>] {
    static RESULTS: OnceLock<Vec<Result<Botocore, String>>> = OnceLock::new();
    RESULTS.get_or_init(|| {
        let mut all = cases();
        all.push(hop_by_hop_case());
        let mut input = String::new();
        for case in &all {
            let request = &case.request;
            let headers: Vec<Value> = request
                .headers()
                .iter()
                .map(|(name, value)| {
                    json!([
                        name.as_str(),
                        value.to_str().expect("the cases' header values are text")
                    ])
                })
                .collect();
            let line = json!({
                "method": request.method().as_str(),
                "url": request.uri().to_string(),
                "headers": headers,
                "body_base64": aws_smithy_types::base64::encode(request.body()),
                "service": "fsx",
                "region": case.region,
                "access_key": ACCESS_KEY,
                "secret_key": SECRET_KEY,
                "token": case.token,
                "timestamp": AMZ_DATE,
            });
            input.push_str(&line.to_string());
            input.push('\n');
        }
        let output = run_script("botocore_sign.py", &[], input.into_bytes());
        let results: Vec<Result<Botocore, String>> = output
            .split(|b| *b == b'\n')
            .filter(|line| !line.is_empty())
            .map(|line| {
                let value: Value =
                    serde_json::from_slice(line).expect("botocore_sign.py writes JSON lines");
                if let Some(error) = value.get("error") {
                    return Err(error.to_string());
                }
                let headers = value["headers"]
                    .as_array()
                    .expect("headers")
                    .iter()
                    .map(|pair| {
                        (
                            pair[0].as_str().expect("name").to_owned(),
                            pair[1].as_str().expect("value").to_owned(),
                        )
                    })
                    .collect();
                Ok(Botocore {
                    headers,
                    canonical_request: value["canonical_request"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                })
            })
            .collect();
        assert_eq!(results.len(), all.len(), "botocore signed every request");
        results
    })
}

fn header<'a>(request: &'a http::Request<Vec<u8>>, name: &str) -> Option<&'a str> {
    let mut values = request.headers().get_all(name).iter();
    let value = values
        .next()
        .map(|v| v.to_str().expect("signing headers are text"));
    assert!(values.next().is_none(), "{name} set twice");
    value
}

/// The `SignedHeaders=` list of an `Authorization` header.
fn signed_headers(authorization: &str) -> Vec<&str> {
    authorization
        .split(", ")
        .find_map(|part| part.strip_prefix("SignedHeaders="))
        .unwrap_or_else(|| panic!("no SignedHeaders in {authorization}"))
        .split(';')
        .collect()
}

fn signature(authorization: &str) -> &str {
    authorization
        .split(", ")
        .find_map(|part| part.strip_prefix("Signature="))
        .unwrap_or_else(|| panic!("no Signature in {authorization}"))
}

#[test]
fn signatures_equal_botocores() {
    let cases = cases();
    let botocore = botocore_results();
    let mut failures = Vec::new();
    for (case, theirs) in cases.iter().zip(botocore) {
        let theirs = match theirs {
            Ok(theirs) => theirs,
            Err(e) => {
                failures.push(format!("{}: botocore failed: {e}", case.name));
                continue;
            }
        };
        let ours = sign_ours(case);
        let mut problems = Vec::new();
        for name in ["authorization", "x-amz-date", "x-amz-security-token"] {
            let (a, b) = (header(&ours, name), theirs.header(name));
            if a != b {
                problems.push(format!("{name}:\n  ours:     {a:?}\n  botocore: {b:?}"));
            }
        }
        if header(&ours, "x-amz-date") != Some(AMZ_DATE) {
            problems.push(format!(
                "x-amz-date is {:?}, not the fixed time",
                header(&ours, "x-amz-date")
            ));
        }
        // Both add the same headers, and nothing else changes.
        let mut our_names: Vec<String> = ours.headers().keys().map(|n| n.to_string()).collect();
        let mut their_names: Vec<String> = theirs
            .headers
            .iter()
            .map(|(n, _)| n.to_ascii_lowercase())
            .collect();
        our_names.sort();
        their_names.sort();
        if our_names != their_names {
            problems.push(format!(
                "headers after signing:\n  ours:     {our_names:?}\n  botocore: {their_names:?}"
            ));
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{} ({} {}):\n{}\nbotocore's canonical request:\n{}",
                case.name,
                case.request.method(),
                case.request.uri(),
                problems.join("\n"),
                theirs.canonical_request
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} signatures differ from botocore's:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
    eprintln!(
        "{} signatures equal botocore's ({} with a session token)",
        cases.len(),
        cases.iter().filter(|c| c.token.is_some()).count()
    );
}

/// The client's headers: `user-agent` is signed by neither signer (so it may change on the way,
/// as proxies do), `amz-sdk-invocation-id` and `amz-sdk-request` by both.
#[test]
fn client_headers_are_signed_alike() {
    let cases = cases();
    let botocore = botocore_results();
    let mut checked = 0;
    for (case, theirs) in cases.iter().zip(botocore) {
        if !case
            .request
            .headers()
            .contains_key(http::header::USER_AGENT)
        {
            continue;
        }
        let theirs = theirs.as_ref().expect("botocore signed it");
        let ours = sign_ours(case);
        let authorization = header(&ours, "authorization").expect("signed");
        let signed = signed_headers(authorization);
        assert!(!signed.contains(&"user-agent"), "{}: {signed:?}", case.name);
        assert!(signed.contains(&"amz-sdk-invocation-id"), "{}", case.name);
        assert!(signed.contains(&"amz-sdk-request"), "{}", case.name);
        assert_eq!(
            signed,
            signed_headers(theirs.header("authorization").expect("signed")),
            "{}",
            case.name
        );
        checked += 1;
    }
    assert!(
        checked >= 30,
        "only {checked} cases carry the client's headers"
    );
}

/// The known difference: botocore leaves hop-by-hop headers (`connection`, `expect`, …) out of
/// the signature, aws-sigv4 signs them. Requests the client signs never carry them, so no
/// compared case does; here a request that does is signed differently, and the difference is
/// exactly those headers.
#[test]
fn hop_by_hop_headers_are_signed_by_aws_sigv4_only() {
    let case = hop_by_hop_case();
    let theirs = botocore_results()
        .last()
        .expect("the hop-by-hop case is last")
        .as_ref()
        .expect("botocore signed it");
    let ours = sign_ours(&case);
    let ours = header(&ours, "authorization").expect("signed");
    let theirs = theirs.header("authorization").expect("signed");
    let our_signed = signed_headers(ours);
    let their_signed = signed_headers(theirs);
    let without_hop_by_hop: Vec<&str> = our_signed
        .iter()
        .copied()
        .filter(|n| !["connection", "expect"].contains(n))
        .collect();
    assert_eq!(
        without_hop_by_hop, their_signed,
        "the signed headers differ by `connection` and `expect` alone"
    );
    assert!(our_signed.contains(&"connection") && our_signed.contains(&"expect"));
    assert_ne!(signature(ours), signature(theirs));
    // Everything before the signed headers (the credential scope) is the same.
    assert_eq!(
        ours.split(", SignedHeaders=").next(),
        theirs.split(", SignedHeaders=").next()
    );
}

// Checks of `sign_request` alone.

/// The case set signed by `sign_request`, for the checks below (no Python).
fn signed_cases() -> Vec<(Case, http::Request<Vec<u8>>)> {
    cases()
        .into_iter()
        .map(|case| {
            let signed = sign_ours(&case);
            (case, signed)
        })
        .collect()
}

#[test]
fn signed_requests_carry_date_and_scoped_authorization() {
    for (case, signed) in signed_cases() {
        assert_eq!(
            header(&signed, "x-amz-date"),
            Some(AMZ_DATE),
            "{}",
            case.name
        );
        let authorization = header(&signed, "authorization").expect("authorization");
        let scope = format!(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261127/{}/fsx/aws4_request, SignedHeaders=",
            case.region
        );
        assert!(
            authorization.starts_with(&scope),
            "{}: {authorization}",
            case.name
        );
        let signature = signature(authorization);
        assert!(
            signature.len() == 64
                && signature
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
            "{}: {signature}",
            case.name
        );
        let names = signed_headers(authorization);
        for name in ["host", "x-amz-date", "content-type", "x-amz-target"] {
            assert!(names.contains(&name), "{}: {names:?}", case.name);
        }
        // Signing adds headers and touches nothing else.
        assert_eq!(signed.method(), case.request.method());
        assert_eq!(signed.uri(), case.request.uri());
        assert_eq!(signed.body(), case.request.body());
        for (name, value) in case.request.headers() {
            assert_eq!(signed.headers().get(name), Some(value), "{}", case.name);
        }
    }
    let (case, signed) = signed_cases().swap_remove(0);
    assert_eq!(case.region, "us-east-1");
    assert!(header(&signed, "authorization")
        .expect("authorization")
        .starts_with(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261127/us-east-1/fsx/aws4_request"
        ));
}

#[test]
fn security_token_only_with_a_session_token() {
    for (case, signed) in signed_cases() {
        assert_eq!(
            header(&signed, "x-amz-security-token"),
            case.token,
            "{}",
            case.name
        );
        let authorization = header(&signed, "authorization").expect("authorization");
        assert_eq!(
            signed_headers(authorization).contains(&"x-amz-security-token"),
            case.token.is_some(),
            "{}",
            case.name
        );
    }
}

#[test]
fn secret_key_never_in_a_header() {
    for (case, signed) in signed_cases() {
        for (name, value) in signed.headers() {
            let value = String::from_utf8_lossy(value.as_bytes());
            assert!(
                !value.contains(SECRET_KEY) && !value.contains("wJalrXUtnFEMI"),
                "{}: the secret key is in {name}",
                case.name
            );
        }
    }
}
