//! SigV4: the signing name comes from the model's `aws.auth#sigv4` (or the endpoint's
//! `authSchemes`), the region from the endpoint or the config.
//!
//! The official `aws-sigv4` crate derives the signing key and computes the signature. What it
//! signs, the canonical request, is written here for the requests this crate sends (a path of
//! unreserved characters, no query, header values with nothing to trim), in one buffer, and
//! the signing key is kept for the day, the region and the service: the whole call then takes
//! half the time (`cargo xtask bench`, `client_*`). Any other request goes through aws-sigv4's
//! own `sign`. Both give the same headers: the runtime's tests compare them on every kind of
//! request, and `tests/differential/tests/sigv4.rs` compares the result with botocore's.

use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use sha2::{Digest, Sha256};

/// Headers never signed (aws-sigv4's defaults: changed by proxies, or the signature itself).
const UNSIGNED: [&str; 4] = [
    "authorization",
    "user-agent",
    "x-amzn-trace-id",
    "transfer-encoding",
];

/// Signs requests, keeping the signing key of the latest day, region and service (a key is
/// four HMACs; a client signs many requests a day with one).
#[derive(Default)]
pub struct Signer {
    key: Mutex<Option<CachedKey>>,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The key is a secret: never shown.
        f.debug_struct("Signer").finish_non_exhaustive()
    }
}

struct CachedKey {
    secret: String,
    date: String,
    region: String,
    service: String,
    key: Vec<u8>,
}

impl Signer {
    /// Signs `request` in place: adds `x-amz-date`, `x-amz-security-token` (with a session
    /// token) and `authorization`. `time` is the signing time (now, except in tests).
    pub fn sign(
        &self,
        request: &mut http::Request<Vec<u8>>,
        credentials: &Credentials,
        signing_name: &str,
        signing_region: &str,
        time: SystemTime,
    ) -> Result<(), SignError> {
        match self.sign_plain(request, credentials, signing_name, signing_region, time) {
            Some(result) => result,
            None => sign_with_aws_sigv4(request, credentials, signing_name, signing_region, time),
        }
    }

    /// The fast path; `None` for a request it does not cover (aws-sigv4 signs those).
    pub(crate) fn sign_plain(
        &self,
        request: &mut http::Request<Vec<u8>>,
        credentials: &Credentials,
        signing_name: &str,
        signing_region: &str,
        time: SystemTime,
    ) -> Option<Result<(), SignError>> {
        let uri = request.uri();
        let path = uri.path();
        let plain_path = path.starts_with('/')
            && !path.contains("//")
            && path.split('/').all(|s| s != "." && s != "..")
            && path
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~/".contains(&b));
        if uri.query().is_some() || !plain_path {
            return None;
        }
        let host = host_value(uri)?;
        let date_time = amz_date(time)?;
        let headers = request.headers();
        if headers.contains_key(http::header::HOST)
            || headers.contains_key("x-amz-date")
            || headers.contains_key("x-amz-security-token")
        {
            return None;
        }
        // (name, value) of every signed header, sorted by name; values in request order.
        let mut signed: Vec<(&str, &str)> = Vec::with_capacity(headers.len() + 3);
        for (name, value) in headers {
            let name = name.as_str();
            if UNSIGNED.contains(&name) {
                continue;
            }
            let value = value.to_str().ok()?;
            if value.starts_with(' ') || value.ends_with(' ') || value.contains("  ") {
                return None;
            }
            signed.push((name, value));
        }
        signed.push(("host", &host));
        signed.push(("x-amz-date", &date_time));
        if let Some(token) = credentials.session_token() {
            signed.push(("x-amz-security-token", token));
        }
        signed.sort_by(|a, b| a.0.cmp(b.0));

        let mut canonical = String::with_capacity(512);
        canonical.push_str(request.method().as_str());
        canonical.push('\n');
        canonical.push_str(path);
        canonical.push_str("\n\n");
        let mut names = String::with_capacity(128);
        let mut i = 0;
        while i < signed.len() {
            let name = signed[i].0;
            canonical.push_str(name);
            canonical.push(':');
            let mut first = true;
            while i < signed.len() && signed[i].0 == name {
                if !first {
                    canonical.push(',');
                }
                canonical.push_str(signed[i].1);
                first = false;
                i += 1;
            }
            canonical.push('\n');
            if !names.is_empty() {
                names.push(';');
            }
            names.push_str(name);
        }
        canonical.push('\n');
        canonical.push_str(&names);
        canonical.push('\n');
        canonical.push_str(&hex(&Sha256::digest(request.body())));

        let date = &date_time[..8];
        let scope = format!("{date}/{signing_region}/{signing_name}/aws4_request");
        let string_to_sign = format!(
            "AWS4-HMAC-SHA256\n{date_time}\n{scope}\n{}",
            hex(&Sha256::digest(canonical.as_bytes()))
        );
        let signature = self.with_key(
            credentials.secret_access_key(),
            time,
            date,
            signing_region,
            signing_name,
            |key| v4::calculate_signature(key, string_to_sign.as_bytes()),
        );
        let mut authorization = String::with_capacity(256);
        let _ = write!(
            authorization,
            "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={names}, Signature={signature}",
            credentials.access_key_id()
        );
        let token = credentials.session_token().map(str::to_owned);
        let date_value = http::HeaderValue::from_str(&date_time);
        let mut authorization = match http::HeaderValue::from_str(&authorization) {
            Ok(value) => value,
            Err(e) => return Some(Err(SignError(e.to_string()))),
        };
        authorization.set_sensitive(true);
        let headers = request.headers_mut();
        match date_value {
            Ok(value) => headers.insert("x-amz-date", value),
            Err(e) => return Some(Err(SignError(e.to_string()))),
        };
        if let Some(token) = token {
            match http::HeaderValue::from_str(&token) {
                Ok(mut value) => {
                    value.set_sensitive(true);
                    headers.insert("x-amz-security-token", value);
                }
                Err(e) => return Some(Err(SignError(e.to_string()))),
            }
        }
        headers.insert(http::header::AUTHORIZATION, authorization);
        Some(Ok(()))
    }

    /// Calls `f` with the signing key of `secret` on `date` for `region` and `service`,
    /// derived (by aws-sigv4) only when one of them changed.
    fn with_key<T>(
        &self,
        secret: &str,
        time: SystemTime,
        date: &str,
        region: &str,
        service: &str,
        f: impl FnOnce(&[u8]) -> T,
    ) -> T {
        let mut cached = match self.key.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        let fresh = cached.as_ref().filter(|k| {
            k.secret == secret && k.date == date && k.region == region && k.service == service
        });
        if let Some(k) = fresh {
            return f(&k.key);
        }
        let key = v4::generate_signing_key(secret, time, region, service)
            .as_ref()
            .to_vec();
        let k = cached.insert(CachedKey {
            secret: secret.to_owned(),
            date: date.to_owned(),
            region: region.to_owned(),
            service: service.to_owned(),
            key,
        });
        f(&k.key)
    }
}

/// Signs `request` in place, as [`Signer::sign`] does (without keeping the key).
pub fn sign_request(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    signing_name: &str,
    signing_region: &str,
    time: SystemTime,
) -> Result<(), SignError> {
    Signer::default().sign(request, credentials, signing_name, signing_region, time)
}

/// Signs `request` with aws-sigv4's own `sign`: every request the fast path does not cover,
/// and the reference the tests compare the fast path with.
pub fn sign_with_aws_sigv4(
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

/// The `host` header's value: the authority without a default port (as aws-sigv4 and hyper
/// write it).
fn host_value(uri: &http::Uri) -> Option<String> {
    let host = uri.host()?;
    let default = matches!(
        (uri.scheme_str(), uri.port_u16()),
        (Some("http"), Some(80)) | (Some("https"), Some(443))
    );
    Some(match uri.port() {
        Some(_) if default => host.to_owned(),
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    })
}

/// `20261127T123456Z`: the signing time to the second, in UTC.
fn amz_date(time: SystemTime) -> Option<String> {
    let secs = time.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_secs();
    let text = aws_smithy_types::DateTime::from_secs(i64::try_from(secs).ok()?)
        .fmt(aws_smithy_types::date_time::Format::DateTime)
        .ok()?;
    // `2026-11-27T12:34:56Z`
    let compact: String = text.chars().filter(|c| *c != '-' && *c != ':').collect();
    (compact.len() == 16).then_some(compact)
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
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
