//! Sending a request: the [`HttpClient`] trait the client calls, and its default
//! implementation, hyper 1 over rustls ([`HyperClient`]).
//!
//! Why hyper rather than reqwest: the client needs a connection pool, a connect timeout and
//! TLS, which hyper-util's pooled client and hyper-rustls give with a fraction of reqwest's
//! dependencies (no URL, cookie, redirect, multipart or proxy machinery), so a crate using
//! the `client` feature builds faster. Why ring rather than aws-lc-rs: it needs no cmake or
//! assembler, and builds in a fraction of the time.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};

/// A boxed future, `Send` so that calls can be spawned on a multi-threaded runtime.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What sends one HTTP request and reads its whole response. Implement it to use another HTTP
/// stack, or an in-process fake in tests; the client adds timeouts and retries around it.
pub trait HttpClient: Send + Sync + fmt::Debug {
    /// Sends `request` and reads the response, body included.
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, HttpError>>;
}

/// Why a request got no (complete) response.
#[derive(Debug)]
pub struct HttpError {
    kind: HttpErrorKind,
    source: Box<dyn std::error::Error + Send + Sync + 'static>,
}

/// What kind of failure an [`HttpError`] is: it decides whether a retry may help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HttpErrorKind {
    /// No connection could be made (refused, DNS, TLS handshake, connect timeout).
    Connect,
    /// The connection failed after the request was (perhaps) sent: reset, closed early.
    Io,
    /// A response that is not HTTP, or a body cut off before its announced length.
    Response,
    /// The response took longer than the read timeout.
    Timeout,
    /// Anything else (a request the client could not send at all): not retried.
    Other,
}

impl HttpError {
    /// An error of the given kind, caused by `source`.
    pub fn new(
        kind: HttpErrorKind,
        source: impl Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
    ) -> Self {
        HttpError {
            kind,
            source: source.into(),
        }
    }

    /// What kind of failure it is.
    pub fn kind(&self) -> HttpErrorKind {
        self.kind
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            HttpErrorKind::Connect => "could not connect: ",
            HttpErrorKind::Io => "the connection failed: ",
            HttpErrorKind::Response => "the response could not be read: ",
            // Its source names the timeout that passed.
            HttpErrorKind::Timeout => "",
            HttpErrorKind::Other => "the request could not be sent: ",
        };
        write!(f, "{what}{}", self.source)?;
        // hyper's errors name the step ("client error (Connect)"), their sources the cause
        // ("Connection refused"): say both.
        let mut cause = self.source.source();
        let mut innermost = None;
        while let Some(next) = cause {
            innermost = Some(next);
            cause = next.source();
        }
        if let Some(innermost) = innermost {
            write!(f, ": {innermost}")?;
        }
        Ok(())
    }
}

impl std::error::Error for HttpError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// The TLS settings every [`HyperClient`] shares: the platform's roots are read once per
/// process (tens of milliseconds on some systems), not once per client.
fn tls_config() -> Result<rustls::ClientConfig, String> {
    static TLS: std::sync::OnceLock<Result<rustls::ClientConfig, String>> =
        std::sync::OnceLock::new();
    TLS.get_or_init(|| {
        let mut roots = rustls::RootCertStore::empty();
        for certificate in rustls_native_certs::load_native_certs().certs {
            // A certificate rustls cannot use is skipped, as hyper-rustls does.
            let _ = roots.add(certificate);
        }
        rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .map(|builder| builder.with_root_certificates(roots).with_no_client_auth())
        .map_err(|e| e.to_string())
    })
    .clone()
}

/// The default [`HttpClient`]: hyper's pooled client (connections are reused across calls)
/// over rustls with the platform's root certificates, HTTP/1.1.
#[derive(Clone)]
pub struct HyperClient {
    client: hyper_util::client::legacy::Client<
        ConnectTimeout<
            hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
        >,
        Full<Bytes>,
    >,
    read_timeout: Option<Duration>,
}

type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A connector whose connections must be made within a limit: DNS, TCP and TLS together, as
/// aws-sdk-rust bounds them (hyper's own connect timeout covers TCP alone, split between the
/// host's addresses).
#[derive(Clone)]
struct ConnectTimeout<C> {
    inner: C,
    limit: Option<Duration>,
}

impl<C> tower_service::Service<http::Uri> for ConnectTimeout<C>
where
    C: tower_service::Service<http::Uri>,
    C::Future: Send + 'static,
    C::Error: Into<BoxError>,
{
    type Response = C::Response;
    type Error = BoxError;
    type Future = BoxFuture<'static, Result<C::Response, BoxError>>;

    fn poll_ready(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, uri: http::Uri) -> Self::Future {
        let connecting = self.inner.call(uri);
        let limit = self.limit;
        Box::pin(async move {
            match limit {
                None => connecting.await.map_err(Into::into),
                Some(limit) => match tokio::time::timeout(limit, connecting).await {
                    Ok(connected) => connected.map_err(Into::into),
                    Err(_) => Err(format!(
                        "no connection (DNS, TCP and TLS) within the connect timeout ({limit:?})"
                    )
                    .into()),
                },
            }
        })
    }
}

impl fmt::Debug for HyperClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperClient")
            .field("read_timeout", &self.read_timeout)
            .finish_non_exhaustive()
    }
}

impl HyperClient {
    /// A client with the given connect timeout (the time to open a connection, TLS included)
    /// and read timeout (the time from sending a request to its whole response).
    ///
    /// It trusts the platform's root certificates; where none can be read (a bare container),
    /// plain-HTTP endpoints still work and HTTPS ones fail their handshake, naming the
    /// certificate, rather than the client failing to start. Fails only if rustls refuses its
    /// own safe defaults.
    pub fn new(
        connect_timeout: Option<Duration>,
        read_timeout: Option<Duration>,
    ) -> Result<Self, HttpError> {
        let tls = tls_config().map_err(|e| HttpError::new(HttpErrorKind::Other, e))?;
        let mut http = hyper_util::client::legacy::connect::HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let https = ConnectTimeout {
            inner: https,
            limit: connect_timeout,
        };
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .pool_idle_timeout(Duration::from_secs(90))
                // Without a timer, idle connections are only dropped when next checked out.
                .pool_timer(hyper_util::rt::TokioTimer::new())
                .build(https);
        Ok(HyperClient {
            client,
            read_timeout,
        })
    }

    async fn send_inner(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, HttpError> {
        let request = request.map(|body| Full::new(Bytes::from(body)));
        let response = self.client.request(request).await.map_err(|e| {
            let kind = if e.is_connect() {
                HttpErrorKind::Connect
            } else {
                HttpErrorKind::Io
            };
            HttpError::new(kind, e)
        })?;
        let (parts, body) = response.into_parts();
        let body = body
            .collect()
            .await
            .map_err(|e| HttpError::new(HttpErrorKind::Response, e))?
            .to_bytes();
        Ok(http::Response::from_parts(parts, body.to_vec()))
    }
}

impl HttpClient for HyperClient {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, HttpError>> {
        Box::pin(async move {
            match self.read_timeout {
                Some(limit) => tokio::time::timeout(limit, self.send_inner(request))
                    .await
                    .map_err(|_| {
                        HttpError::new(
                            HttpErrorKind::Timeout,
                            format!("no response within the read timeout ({limit:?})"),
                        )
                    })?,
                None => self.send_inner(request).await,
            }
        })
    }
}
