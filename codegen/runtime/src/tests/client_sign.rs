//! The SigV4 fast path (`Signer`) against aws-sigv4's own `sign`, on every kind of request: the
//! same headers, byte for byte, whether the fast path signs it or hands it to aws-sigv4; and
//! the signing key kept across days, regions and credentials is never a stale one.

use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;

use crate::client::sign::{sign_with_aws_sigv4, Signer};

fn request(uri: &str, headers: &[(&str, &str)], body: &[u8]) -> http::Request<Vec<u8>> {
    let mut builder = http::Request::builder().method("POST").uri(uri);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.to_vec()).unwrap()
}

fn headers_of(request: &http::Request<Vec<u8>>) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap().to_owned()))
        .collect();
    headers.sort();
    headers
}

fn credentials(token: bool) -> Credentials {
    Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        token.then(|| "session/token+value==".to_owned()),
        None,
        "test",
    )
}

/// 2026-11-27T12:34:56Z, and `days` later.
fn time(days: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_782_896 + days * 86_400)
}

#[test]
fn the_fast_path_signs_as_aws_sigv4_does() {
    let json = [
        ("content-type", "application/x-amz-json-1.1"),
        (
            "x-amz-target",
            "AWSSimbaAPIService_v20180301.DescribeBackups",
        ),
        ("content-length", "2"),
    ];
    let client = [
        ("content-type", "application/x-amz-json-1.1"),
        ("x-amz-target", "AWSSimbaAPIService_v20180301.CreateBackup"),
        ("user-agent", "fsx/0.1.0"),
        (
            "amz-sdk-invocation-id",
            "b8c2f0c4-7d43-4f5e-9d8a-1c2b3d4e5f60",
        ),
        ("amz-sdk-request", "attempt=1; max=3"),
        ("x-custom", "one"),
        ("x-custom", "two"),
    ];
    // Requests the fast path covers, and ones it hands to aws-sigv4: a query, a path to
    // encode or normalize, a value to trim, a host header already set.
    let uris = [
        "https://fsx.us-east-1.amazonaws.com/",
        "https://fsx.us-east-1.amazonaws.com:443/",
        "http://127.0.0.1:5000/",
        "http://localhost:80/",
        "https://proxy.example.com/fsx/v1/",
        "https://proxy.example.com/fsx/v1",
        "https://proxy.example.com/a%20b/",
        "https://proxy.example.com/a//b",
        "https://proxy.example.com/a/./b",
        "https://proxy.example.com/?Action=x&b=2",
    ];
    let odd_headers: [&[(&str, &str)]; 4] = [
        &json,
        &client,
        &[("x-spaced", "a  b"), ("x-trailing", "v ")],
        &[("host", "other.example.com")],
    ];
    let bodies: [&[u8]; 3] = [
        b"{}",
        "{\"Name\":\"caf\u{e9} \u{1F600}\"}".as_bytes(),
        &[b'x'; 70_000],
    ];
    let mut cases = 0;
    for uri in uris {
        for headers in odd_headers {
            for body in bodies {
                for token in [false, true] {
                    for (region, service) in [
                        ("us-east-1", "fsx"),
                        ("cn-north-1", "fsx"),
                        ("eu-west-3", "logs"),
                    ] {
                        let credentials = credentials(token);
                        let mut ours = request(uri, headers, body);
                        let mut theirs = request(uri, headers, body);
                        Signer::default()
                            .sign(&mut ours, &credentials, service, region, time(0))
                            .unwrap();
                        sign_with_aws_sigv4(&mut theirs, &credentials, service, region, time(0))
                            .unwrap();
                        assert_eq!(
                            headers_of(&ours),
                            headers_of(&theirs),
                            "{uri} {headers:?} {region}"
                        );
                        cases += 1;
                    }
                }
            }
        }
    }
    assert_eq!(cases, 10 * 4 * 3 * 2 * 3);
}

#[test]
fn a_kept_key_is_never_stale() {
    let signer = Signer::default();
    let uri = "https://fsx.us-east-1.amazonaws.com/";
    let other = Credentials::new("AKIDOTHER", "another-secret", None, None, "test");
    let steps = [
        (credentials(false), "us-east-1", "fsx", 0),
        (credentials(false), "us-east-1", "fsx", 0),
        (credentials(false), "us-east-1", "fsx", 1),
        (credentials(false), "eu-west-3", "fsx", 1),
        (credentials(false), "eu-west-3", "logs", 1),
        (other, "eu-west-3", "logs", 1),
        (credentials(true), "us-east-1", "fsx", 0),
    ];
    for (credentials, region, service, days) in steps {
        let mut ours = request(uri, &[("x-amz-target", "T")], b"{}");
        let mut theirs = request(uri, &[("x-amz-target", "T")], b"{}");
        signer
            .sign(&mut ours, &credentials, service, region, time(days))
            .unwrap();
        sign_with_aws_sigv4(&mut theirs, &credentials, service, region, time(days)).unwrap();
        assert_eq!(
            headers_of(&ours),
            headers_of(&theirs),
            "{region} {service} +{days}d"
        );
    }
}

#[test]
fn secrets_are_marked_sensitive_and_never_shown() {
    let mut signed = request("https://fsx.us-east-1.amazonaws.com/", &[], b"{}");
    Signer::default()
        .sign(&mut signed, &credentials(true), "fsx", "us-east-1", time(0))
        .unwrap();
    assert!(signed.headers()["authorization"].is_sensitive());
    assert!(signed.headers()["x-amz-security-token"].is_sensitive());
    let debug = format!("{:?} {:?}", signed.headers(), Signer::default());
    assert!(!debug.contains("wJalrXUtnFEMI"), "{debug}");
    assert!(!debug.contains("session/token"), "{debug}");
}

#[test]
fn the_fast_path_covers_what_the_client_sends_and_nothing_odd() {
    let covered = |uri: &str, headers: &[(&str, &str)]| {
        Signer::default()
            .sign_plain(
                &mut request(uri, headers, b"{}"),
                &credentials(true),
                "fsx",
                "us-east-1",
                time(0),
            )
            .is_some()
    };
    let sent = [
        ("content-type", "application/x-amz-json-1.1"),
        ("x-amz-target", "AWSSimbaAPIService_v20180301.CopyBackup"),
        ("user-agent", "fsx/0.1.0"),
        ("amz-sdk-request", "attempt=2; max=3"),
    ];
    for uri in [
        "https://fsx.us-east-1.amazonaws.com/",
        "http://127.0.0.1:5000/",
        "https://proxy.example.com/fsx/v1/",
    ] {
        assert!(covered(uri, &sent), "{uri}");
    }
    assert!(!covered("https://x.example.com/?a=1", &sent));
    assert!(!covered("https://x.example.com/a%20b", &sent));
    assert!(!covered("https://x.example.com/a/../b", &sent));
    assert!(!covered("https://x.example.com/", &[("x-spaced", "a  b")]));
    assert!(!covered(
        "https://x.example.com/",
        &[("host", "y.example.com")]
    ));
}
