//! One call, from input to output: resolve the endpoint, build the request once (so that an
//! idempotency token filled for it is the same on every attempt), then for each attempt sign
//! it, send it within the attempt timeout, read the answer, and retry what the standard
//! strategy says may succeed, after its backoff.

use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use aws_credential_types::provider::ProvideCredentials;

use crate::runtime::client::config::Config;
use crate::runtime::client::error::{ConstructionFailure, SdkError};
use crate::runtime::client::http::{HttpClient, HttpError, HttpErrorKind, HyperClient};
use crate::runtime::client::retry::{
    self, Decision, Failure, ModeledRetry, RetryQuota, RetryState,
};
use crate::runtime::client::sign::Signer;
use crate::runtime::client::timer;
use crate::runtime::json_write::SerializeError;
use crate::runtime::protocol::ServiceError;

/// The `user-agent` requests carry: the generated crate's name and version.
const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// What the client needs to know of an operation: the generated crate's sans-IO functions
/// and how requests are signed.
pub struct Operation<I, O, E> {
    /// The operation's name (for errors).
    pub name: &'static str,
    /// The SigV4 signing name (`aws.auth#sigv4`), or `None` for an unsigned operation
    /// (`@optionalAuth`, or a service without SigV4).
    pub signing_name: Option<&'static str>,
    /// Input to request (`POST /`, the awsJson headers and body).
    pub request: fn(&I) -> Result<http::Request<Vec<u8>>, SerializeError>,
    /// Response to output or the operation's error.
    pub response: fn(http::StatusCode, &http::HeaderMap, &[u8]) -> Result<O, E>,
}

/// An endpoint, with what it says about signing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResolvedEndpoint {
    /// The URL requests go to.
    pub url: String,
    /// Headers the endpoint asks requests to carry.
    pub headers: Vec<(String, String)>,
    /// The signing name the endpoint asks for (its `authSchemes`), if any.
    pub signing_name: Option<String>,
    /// The signing region the endpoint asks for, if any.
    pub signing_region: Option<String>,
}

/// How the generated crate turns the config into an endpoint (its rules, or the override).
pub type ResolveEndpoint = fn(&Config) -> Result<ResolvedEndpoint, ConstructionFailure>;

/// What every call of one client shares: the config, the HTTP client (and its connection
/// pool), and the retry quota.
#[derive(Clone)]
pub struct Handle {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    http: Result<Arc<dyn HttpClient>, String>,
    quota: RetryQuota,
    resolve_endpoint: ResolveEndpoint,
    /// The endpoint, once resolved: it depends on the config alone, which never changes (a
    /// failure is not kept, so each call reports it).
    endpoint: std::sync::OnceLock<ResolvedEndpoint>,
    signer: Signer,
    /// The credentials of the latest load, until they are about to expire.
    credentials: std::sync::Mutex<Option<CachedCredentials>>,
}

/// Loaded credentials and when to load again: 10 s before they expire, or after 15 minutes
/// when they do not say (aws-sdk-rust's lazy identity cache does the same: providers, aws-config's
/// included, do not cache, and an assume-role provider calls STS on each load).
struct CachedCredentials {
    credentials: aws_credential_types::Credentials,
    refresh_at: SystemTime,
}

/// How long before their expiry credentials are loaded again.
const EXPIRY_BUFFER: Duration = Duration::from_secs(10);
/// How long credentials without an expiry are kept.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(15 * 60);

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl Handle {
    /// A handle on `config`, resolving endpoints with `resolve_endpoint`.
    pub fn new(config: Config, resolve_endpoint: ResolveEndpoint) -> Self {
        let http = match config.http_client() {
            Some(client) => Ok(client.clone()),
            None => {
                let timeouts = config.timeout_config();
                HyperClient::new(timeouts.connect_timeout(), timeouts.read_timeout())
                    .map(|c| Arc::new(c) as Arc<dyn HttpClient>)
                    .map_err(|e| e.to_string())
            }
        };
        Handle {
            inner: Arc::new(Inner {
                quota: RetryQuota::default(),
                config,
                http,
                resolve_endpoint,
                endpoint: std::sync::OnceLock::new(),
                signer: Signer::default(),
                credentials: std::sync::Mutex::new(None),
            }),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Calls `operation` with the input a builder built (`build()`): one that did not build is
    /// a construction failure, never sent.
    pub async fn send<I, O, E: ServiceError>(
        &self,
        operation: &Operation<I, O, E>,
        built: Result<I, crate::runtime::values::BuildError>,
    ) -> Result<O, SdkError<E>> {
        let input = built.map_err(|e| {
            SdkError::Construction(ConstructionFailure::new(
                format!("the {} input is invalid", operation.name),
                Some(Box::new(e)),
            ))
        })?;
        self.invoke(operation, &input).await
    }

    /// Calls `operation` with `input`.
    pub async fn invoke<I, O, E: ServiceError>(
        &self,
        operation: &Operation<I, O, E>,
        input: &I,
    ) -> Result<O, SdkError<E>> {
        let attempts = AtomicU32::new(0);
        let call = self.invoke_attempts(operation, input, &attempts);
        match self.inner.config.timeout_config().operation_timeout() {
            None => call.await,
            Some(limit) => match timer::timeout(limit, call).await {
                Ok(result) => result,
                Err(_) => Err(SdkError::transport(
                    HttpError::new(
                        HttpErrorKind::Timeout,
                        format!(
                            "{} took longer than its operation timeout ({limit:?})",
                            operation.name
                        ),
                    ),
                    attempts.load(Ordering::Relaxed),
                )),
            },
        }
    }

    async fn invoke_attempts<I, O, E: ServiceError>(
        &self,
        operation: &Operation<I, O, E>,
        input: &I,
        attempts: &AtomicU32,
    ) -> Result<O, SdkError<E>> {
        let inner = &*self.inner;
        let config = &inner.config;
        let http = inner.http.as_ref().map_err(|e| {
            SdkError::Construction(ConstructionFailure::new(
                format!(
                    "the default HTTP client could not be made ({e}); pass one with `http_client`"
                ),
                None,
            ))
        })?;
        let endpoint = match inner.endpoint.get() {
            Some(endpoint) => endpoint,
            None => {
                let resolved = (inner.resolve_endpoint)(config).map_err(SdkError::Construction)?;
                inner.endpoint.get_or_init(|| resolved)
            }
        };
        let request = (operation.request)(input).map_err(|e| {
            SdkError::Construction(ConstructionFailure::new(
                format!("the {} input could not be serialized", operation.name),
                Some(Box::new(e)),
            ))
        })?;
        let mut request = crate::runtime::endpoint::apply(request, &endpoint.url).map_err(|e| {
            SdkError::Construction(ConstructionFailure::new(
                "the endpoint could not be used",
                Some(Box::new(e)),
            ))
        })?;
        prepare_headers(&mut request, endpoint).map_err(SdkError::Construction)?;
        let signing = match operation.signing_name {
            None => None,
            Some(model_name) => Some(signing(inner, endpoint, model_name, operation.name).await?),
        };

        let retry = config.retry_config();
        // Only tells a call's attempts apart in the service's logs: a fast random UUID, not
        // the operating system's randomness (a system call) that idempotency tokens get.
        let invocation_id = uuid::Builder::from_random_bytes(fastrand::u128(..).to_le_bytes())
            .into_uuid()
            .to_string();
        let mut state = RetryState::new();
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            attempts.store(attempt, Ordering::Relaxed);
            let mut request = clone_request(&request);
            let headers = request.headers_mut();
            if let Ok(value) = http::HeaderValue::from_str(&invocation_id) {
                headers.insert("amz-sdk-invocation-id", value);
            }
            if let Ok(value) = http::HeaderValue::from_str(&format!(
                "attempt={attempt}; max={}",
                retry.max_attempts()
            )) {
                headers.insert("amz-sdk-request", value);
            }
            if let Some((credentials, name, region)) = &signing {
                inner
                    .signer
                    .sign(&mut request, credentials, name, region, SystemTime::now())
                    .map_err(|e| {
                        SdkError::Construction(ConstructionFailure::new(
                            format!("{} could not be signed", operation.name),
                            Some(Box::new(e)),
                        ))
                    })?;
            }
            let sent = send(&**http, request, config.timeout_config().attempt_timeout()).await;
            let (failure, outcome) = match sent {
                Ok(response) => {
                    let (parts, body) = response.into_parts();
                    match (operation.response)(parts.status, &parts.headers, &body) {
                        Ok(output) => {
                            state.on_success(&inner.quota);
                            return Ok(output);
                        }
                        Err(error) => {
                            let status = parts.status.as_u16();
                            let failure = retry::classify(&Failure::Response {
                                status,
                                code: error.code(),
                                modeled: ModeledRetry::from_traits(
                                    error.is_retryable(),
                                    error.is_throttling(),
                                    status >= 500,
                                ),
                                retry_after: parts
                                    .headers
                                    .get("x-amz-retry-after")
                                    .and_then(|v| v.to_str().ok()),
                            });
                            (failure, SdkError::Service(error))
                        }
                    }
                }
                Err(error) => {
                    let failure = match error.kind() {
                        HttpErrorKind::Timeout => retry::classify(&Failure::Timeout),
                        HttpErrorKind::Connect | HttpErrorKind::Io => retry::classify(&Failure::Io),
                        HttpErrorKind::Response => {
                            retry::classify(&Failure::ResponseUnreadable { status: 0 })
                        }
                        _ => retry::classify(&Failure::Other),
                    };
                    (failure, SdkError::transport(error, attempt))
                }
            };
            match state.on_failure(retry, &inner.quota, failure, retry::jitter()) {
                Decision::RetryAfter(delay) => sleep(delay).await,
                Decision::Stop(_) => return Err(outcome),
            }
        }
    }
}

async fn sleep(delay: Duration) {
    if !delay.is_zero() {
        timer::sleep(delay).await;
    }
}

async fn send(
    http: &dyn HttpClient,
    request: http::Request<Vec<u8>>,
    limit: Option<Duration>,
) -> Result<http::Response<Vec<u8>>, HttpError> {
    match limit {
        None => http.send(request).await,
        Some(limit) => match timer::timeout(limit, http.send(request)).await {
            Ok(result) => result,
            Err(_) => Err(HttpError::new(
                HttpErrorKind::Timeout,
                format!("no response within the attempt timeout ({limit:?})"),
            )),
        },
    }
}

/// The credentials, signing name and region of a signed call.
async fn signing<E>(
    inner: &Inner,
    endpoint: &ResolvedEndpoint,
    model_name: &'static str,
    operation: &str,
) -> Result<(aws_credential_types::Credentials, String, String), SdkError<E>> {
    let config = &inner.config;
    let construction =
        |message: String, source: Option<Box<dyn std::error::Error + Send + Sync>>| {
            SdkError::Construction(ConstructionFailure::new(message, source))
        };
    let region = endpoint
        .signing_region
        .clone()
        .or_else(|| config.region().map(str::to_owned))
        .ok_or_else(|| {
            construction(
                format!("{operation} is signed for a region, and none is set: set the config's `region`, or AWS_REGION"),
                None,
            )
        })?;
    let credentials = credentials(inner, operation).await?;
    let name = endpoint
        .signing_name
        .clone()
        .unwrap_or_else(|| model_name.to_owned());
    Ok((credentials, name, region))
}

/// The client's credentials: the cached ones while they are fresh, else a new load (two calls
/// missing the cache at once may both load; the later result is kept).
async fn credentials<E>(
    inner: &Inner,
    operation: &str,
) -> Result<aws_credential_types::Credentials, SdkError<E>> {
    let now = SystemTime::now();
    {
        let cached = match inner.credentials.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(cached) = cached.as_ref().filter(|c| now < c.refresh_at) {
            return Ok(cached.credentials.clone());
        }
    }
    let provider = inner.config.credentials_provider().ok_or_else(|| {
        SdkError::Construction(ConstructionFailure::new(
            format!("{operation} needs credentials, and the config has no credentials provider: set one, or build the config with `Config::from_env`"),
            None,
        ))
    })?;
    let credentials = provider.provide_credentials().await.map_err(|e| {
        SdkError::Construction(ConstructionFailure::new(
            "no credentials could be loaded",
            Some(Box::new(e)),
        ))
    })?;
    let refresh_at = match credentials.expiry() {
        Some(expiry) => expiry.checked_sub(EXPIRY_BUFFER).unwrap_or(expiry),
        None => now + DEFAULT_LIFETIME,
    };
    let mut cached = match inner.credentials.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    *cached = Some(CachedCredentials {
        credentials: credentials.clone(),
        refresh_at,
    });
    Ok(credentials)
}

/// Adds the endpoint's headers and the `user-agent`.
fn prepare_headers(
    request: &mut http::Request<Vec<u8>>,
    endpoint: &ResolvedEndpoint,
) -> Result<(), ConstructionFailure> {
    let headers = request.headers_mut();
    for (name, value) in &endpoint.headers {
        let name = http::HeaderName::from_bytes(name.as_bytes()).map_err(|e| {
            ConstructionFailure::new("the endpoint asks for an invalid header", Some(Box::new(e)))
        })?;
        let value = http::HeaderValue::from_str(value).map_err(|e| {
            ConstructionFailure::new("the endpoint asks for an invalid header", Some(Box::new(e)))
        })?;
        headers.append(name, value);
    }
    headers.insert(
        http::header::USER_AGENT,
        http::HeaderValue::from_static(USER_AGENT),
    );
    Ok(())
}

/// `http::Request` is not `Clone` (its extensions may not be): each attempt gets a copy of
/// what is sent.
fn clone_request(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    copy
}
