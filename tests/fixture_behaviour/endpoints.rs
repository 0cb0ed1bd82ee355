//! Endpoints from the model's own rules: parameters with defaults and built-ins, conditions,
//! assignments, trees, errors, templates with attributes, properties and headers, partitions.
//! (The model's endpoint tests run as the crate's `tests/endpoints.rs`.)

use fixture_endpoints::endpoint::{apply, resolve, Params};
use fixture_endpoints::operation::ping::{self, PingInput};

#[test]
fn a_region_resolves_through_its_partition() {
    let endpoint = resolve(&Params::builder().region("us-gov-west-1").build().unwrap()).unwrap();
    assert_eq!(endpoint.url(), "https://svc.us-gov-west-1.amazonaws.com");
    let unknown = resolve(&Params::builder().region("mars-north-1").build().unwrap()).unwrap();
    assert_eq!(
        unknown.url(),
        "https://svc.mars-north-1.amazonaws.com",
        "the aws partition"
    );
}

#[test]
fn defaults_apply_to_unset_parameters() {
    let params = Params::builder().region("us-east-1").build().unwrap();
    assert_eq!(params.use_fips, None);
    assert_eq!(params.zones, None);
    let endpoint = resolve(&params).unwrap();
    assert_eq!(endpoint.headers()["x-amz-zone"], ["a"]);
    let cleared = Params::builder()
        .region("us-east-1")
        .use_fips(true)
        .set_use_fips(None)
        .build()
        .unwrap();
    assert_eq!(
        resolve(&cleared).unwrap().url(),
        "https://svc.us-east-1.amazonaws.com"
    );
}

#[test]
fn the_resolved_endpoint_applies_to_a_request() {
    let endpoint = resolve(&Params::builder().region("eu-west-1").build().unwrap()).unwrap();
    let request = ping::request(&PingInput::builder().build().unwrap()).unwrap();
    let request = apply(request, endpoint.url()).unwrap();
    assert_eq!(
        request.uri().to_string(),
        "https://svc.eu-west-1.amazonaws.com/"
    );
}

#[test]
fn hostile_parameters_give_errors_not_panics() {
    for region in ["", "\u{0}", "us-east-1\n", &"a-".repeat(10_000), "🦀"] {
        let _ = resolve(&Params::builder().region(region).build().unwrap());
    }
    for endpoint in ["", "https://", "http://[::1", "https://a b", "\u{202e}"] {
        let result = resolve(&Params::builder().endpoint(endpoint).build().unwrap());
        assert!(
            result.is_err() || result.unwrap().url().starts_with("http"),
            "{endpoint:?}"
        );
    }
}
