//! Tests of `endpoint`.

use crate::endpoint::*;

fn uri(request: http::Request<()>) -> String {
    request.uri().to_string()
}

#[test]
fn endpoints_hosts_and_paths() {
    let request = || http::Request::builder().uri("/").body(()).unwrap();
    assert_eq!(
        uri(apply(request(), "example.com").unwrap()),
        "https://example.com/"
    );
    assert_eq!(
        uri(apply(request(), "http://localhost:8080").unwrap()),
        "http://localhost:8080/"
    );
    assert_eq!(
        uri(apply(request(), "example.com/custom").unwrap()),
        "https://example.com/custom/"
    );
    let mut prefixed = request();
    prefixed
        .extensions_mut()
        .insert(HostPrefix::new("foo.bar.".to_owned()));
    assert_eq!(
        uri(apply(prefixed, "example.com").unwrap()),
        "https://foo.bar.example.com/"
    );
    let absolute = http::Request::builder()
        .uri("https://custom.example.com/")
        .body(())
        .unwrap();
    assert_eq!(
        uri(apply(absolute, "example.com").unwrap()),
        "https://custom.example.com/"
    );
    assert!(apply(request(), "https://").is_err());
}

#[test]
fn host_labels() {
    assert_eq!(host_label(Some("bar-1"), "label"), Ok("bar-1"));
    for bad in ["", "-a", "a-", "a.b", "a b", &"a".repeat(64)] {
        assert!(host_label(Some(bad), "label").is_err(), "{bad}");
    }
    assert_eq!(
        host_label(None, "label").unwrap_err().to_string(),
        "label: host label is not set"
    );
}
