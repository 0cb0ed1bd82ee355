//! SigV4, with the official `aws-sigv4` crate: the signing name comes from the model's
//! `aws.auth#sigv4` (or the endpoint's `authSchemes`), the region from the endpoint or the
//! config.

use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

/// Signs `request` in place: adds `x-amz-date`, `x-amz-security-token` (with a session token),
/// `x-amz-content-sha256` is not added (awsJson services do not need it), and `authorization`.
///
/// `time` is the signing time (now, except in tests that compare signatures).
pub fn sign_request(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    signing_name: &str,
    signing_region: &str,
    time: SystemTime,
) -> Result<(), SignError> {
    let identity: Identity = credentials.clone().into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(signing_region)
        .name(signing_name)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| SignError(e.to_string()))?
        .into();
    let uri = request.uri().to_string();
    let headers = request
        .headers()
        .iter()
        .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)));
    let signable = SignableRequest::new(
        request.method().as_str(),
        uri,
        headers,
        SignableBody::Bytes(request.body()),
    )
    .map_err(|e| SignError(e.to_string()))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|e| SignError(e.to_string()))?
        .into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}

/// Why a request could not be signed (its text never holds the credentials).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignError(String);

impl std::fmt::Display for SignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the request could not be signed: {}", self.0)
    }
}

impl std::error::Error for SignError {}
