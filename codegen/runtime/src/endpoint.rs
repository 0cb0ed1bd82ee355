//! Sending a request to an endpoint: `request()` builds `POST /` for the service's endpoint,
//! whatever it is; [`apply`] points it at one, adding the operation's host prefix (Smithy's
//! `@endpoint` trait) and the endpoint's own path.

use std::fmt;

/// The host prefix an operation's `@endpoint(hostPrefix: …)` puts in front of the endpoint's
/// host, with its `{label}`s filled in from the input (e.g. `foo.bar.`). `request()` stores it in
/// the request's extensions; [`apply`] uses it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HostPrefix(String);

impl HostPrefix {
    // Crate-private in generated crates (whose users must not call it); generated code is its
    // only caller, so it is unused here.
    #[allow(dead_code)]
    pub(crate) fn new(prefix: String) -> Self {
        HostPrefix(prefix)
    }

    /// The prefix, e.g. `foo.bar.`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An endpoint [`apply`] cannot use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidEndpoint {
    endpoint: String,
    reason: String,
}

impl fmt::Display for InvalidEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid endpoint `{}`: {}", self.endpoint, self.reason)
    }
}

impl std::error::Error for InvalidEndpoint {}

/// Points `request` at `endpoint` (`https://fsx.us-east-1.amazonaws.com`, or a bare host, which
/// means https; a path in it is kept as a prefix): the host gets the operation's
/// [`HostPrefix`], if any, and the request's path is appended to the endpoint's. A request whose
/// URI is already absolute (an operation that carries its own endpoint) is left as it is.
pub fn apply<B>(
    mut request: http::Request<B>,
    endpoint: &str,
) -> Result<http::Request<B>, InvalidEndpoint> {
    if request.uri().scheme().is_some() {
        return Ok(request);
    }
    let invalid = |reason: String| InvalidEndpoint {
        endpoint: endpoint.to_owned(),
        reason,
    };
    let full = if endpoint.contains("://") {
        endpoint.to_owned()
    } else {
        format!("https://{endpoint}")
    };
    let base: http::Uri = full
        .parse()
        .map_err(|e: http::uri::InvalidUri| invalid(e.to_string()))?;
    let scheme = base
        .scheme()
        .cloned()
        .ok_or_else(|| invalid("no scheme".to_owned()))?;
    let authority = base
        .authority()
        .ok_or_else(|| invalid("no host".to_owned()))?;
    let prefix = request
        .extensions()
        .get::<HostPrefix>()
        .map(HostPrefix::as_str)
        .unwrap_or_default();
    let authority = format!("{prefix}{authority}");
    let base_path = base.path().trim_end_matches('/');
    let path_and_query = request
        .uri()
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let uri = http::Uri::builder()
        .scheme(scheme)
        .authority(authority.as_str())
        .path_and_query(format!("{base_path}{path_and_query}"))
        .build()
        .map_err(|e| invalid(e.to_string()))?;
    *request.uri_mut() = uri;
    Ok(request)
}

/// A `@hostLabel` member's value, checked to be a valid host label (letters, digits and `-`,
/// 1 to 63 characters, not starting or ending with `-`).
pub fn host_label<'a>(
    value: Option<&'a str>,
    member: &'static str,
) -> Result<&'a str, crate::runtime::json_write::SerializeError> {
    let error = |why: &str| {
        crate::runtime::json_write::SerializeError::new(format!("host label {why}"))
            .in_member(member)
    };
    let value = value.ok_or_else(|| error("is not set"))?;
    let valid = !value.is_empty()
        && value.len() <= 63
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !value.starts_with('-')
        && !value.ends_with('-');
    if valid {
        Ok(value)
    } else {
        Err(error(&format!("`{value}` is not a valid host label")))
    }
}
