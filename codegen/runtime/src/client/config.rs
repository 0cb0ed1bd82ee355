//! The client's configuration: region, credentials, endpoint settings, retries, timeouts and
//! the HTTP client. Built in code ([`Config::builder`]) or from the environment and the shared
//! config files ([`Config::from_env`]), as aws-config and botocore read them.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_credential_types::Credentials;

use crate::runtime::client::credentials::DefaultCredentialsChain;
use crate::runtime::client::http::HttpClient;
use crate::runtime::client::profile::{self, Env};
use crate::runtime::client::retry::RetryConfig;

/// The client's configuration. Cheap to clone: every part is shared.
#[derive(Clone)]
pub struct Config {
    region: Option<String>,
    credentials: Option<SharedCredentialsProvider>,
    use_fips: bool,
    use_dual_stack: bool,
    endpoint_url: Option<String>,
    retry: RetryConfig,
    timeouts: TimeoutConfig,
    http_client: Option<Arc<dyn HttpClient>>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The credentials provider is named, never shown: its keys must stay out of logs.
        f.debug_struct("Config")
            .field("region", &self.region)
            .field(
                "credentials",
                &self.credentials.as_ref().map(|_| "<provider>"),
            )
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("endpoint_url", &self.endpoint_url)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("http_client", &self.http_client)
            .finish()
    }
}

impl Config {
    /// A builder with nothing set: no region, no credentials (requests then go unsigned only
    /// where the model allows it), the standard retries and default timeouts.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// A builder set from the environment and the shared config files, as the AWS SDKs read
    /// them: the region from `AWS_REGION`, `AWS_DEFAULT_REGION` or the profile's `region`;
    /// FIPS, dual-stack and an endpoint URL from `AWS_USE_FIPS_ENDPOINT`,
    /// `AWS_USE_DUALSTACK_ENDPOINT`, `AWS_ENDPOINT_URL_<SERVICE>` (`AWS_ENDPOINT_URL_FSX` for
    /// FSx), `AWS_ENDPOINT_URL` or the profile; the retries' attempts from `AWS_MAX_ATTEMPTS`
    /// or the profile's `max_attempts`; credentials from the
    /// environment, then the profile (loaded by the first call that needs them, and kept until
    /// shortly before they expire, or for 15 minutes; so this never fails). The
    /// profile is `AWS_PROFILE`, else `default`.
    pub fn from_env() -> ConfigBuilder {
        Self::from_env_with(Env::real(), None)
    }

    /// [`Config::from_env`] with the given environment and profile name (for tests, or to
    /// pick a profile in code).
    pub fn from_env_with(env: Env, profile_name: Option<&str>) -> ConfigBuilder {
        let mut builder = ConfigBuilder {
            region: profile::region(&env, profile_name),
            use_fips: profile::use_fips_endpoint(&env, profile_name),
            use_dual_stack: profile::use_dualstack_endpoint(&env, profile_name),
            endpoint_url: profile::endpoint_url(&env, profile_name, Some(crate::runtime::SDK_ID)),
            retry: profile::max_attempts(&env, profile_name)
                .map(|n| RetryConfig::default().with_max_attempts(n)),
            ..ConfigBuilder::default()
        };
        let mut chain = DefaultCredentialsChain::with_env(env);
        if let Some(name) = profile_name {
            chain = chain.profile(name);
        }
        builder.credentials = Some(SharedCredentialsProvider::new(chain));
        builder
    }

    /// The region requests go to (and are signed for).
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The credentials provider, if any.
    pub fn credentials_provider(&self) -> Option<&SharedCredentialsProvider> {
        self.credentials.as_ref()
    }

    /// Whether to use the FIPS endpoint.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether to use the dual-stack (IPv6) endpoint.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// The endpoint every request goes to instead of the region's, if set.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// The retry settings.
    pub fn retry_config(&self) -> &RetryConfig {
        &self.retry
    }

    /// The timeouts.
    pub fn timeout_config(&self) -> &TimeoutConfig {
        &self.timeouts
    }

    /// The HTTP client set on the builder, if any (else the client makes its default one).
    pub fn http_client(&self) -> Option<&Arc<dyn HttpClient>> {
        self.http_client.as_ref()
    }

    /// A builder holding this configuration, to change part of it.
    pub fn to_builder(&self) -> ConfigBuilder {
        ConfigBuilder {
            region: self.region.clone(),
            credentials: self.credentials.clone(),
            use_fips: Some(self.use_fips),
            use_dual_stack: Some(self.use_dual_stack),
            endpoint_url: self.endpoint_url.clone(),
            retry: Some(self.retry.clone()),
            timeouts: Some(self.timeouts.clone()),
            http_client: self.http_client.clone(),
        }
    }
}

/// Builds a [`Config`]. Every setter has a `set_` twin taking an `Option`, as in aws-sdk-rust.
#[derive(Clone, Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    credentials: Option<SharedCredentialsProvider>,
    use_fips: Option<bool>,
    use_dual_stack: Option<bool>,
    endpoint_url: Option<String>,
    retry: Option<RetryConfig>,
    timeouts: Option<TimeoutConfig>,
    http_client: Option<Arc<dyn HttpClient>>,
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field("region", &self.region)
            .field(
                "credentials",
                &self.credentials.as_ref().map(|_| "<provider>"),
            )
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("endpoint_url", &self.endpoint_url)
            .finish_non_exhaustive()
    }
}

impl ConfigBuilder {
    /// The region (`us-east-1`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sets or clears the region.
    pub fn set_region(mut self, region: Option<String>) -> Self {
        self.region = region;
        self
    }

    /// The credentials provider: any [`ProvideCredentials`], e.g. one from aws-config.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(SharedCredentialsProvider::new(provider));
        self
    }

    /// Sets or clears the credentials provider.
    pub fn set_credentials_provider(mut self, provider: Option<SharedCredentialsProvider>) -> Self {
        self.credentials = provider;
        self
    }

    /// Fixed credentials (an access key id, its secret, and a session token if temporary).
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    /// Whether to use the FIPS endpoint (default `false`).
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.use_fips = Some(use_fips);
        self
    }

    /// Sets or clears the FIPS setting.
    pub fn set_use_fips(mut self, use_fips: Option<bool>) -> Self {
        self.use_fips = use_fips;
        self
    }

    /// Whether to use the dual-stack endpoint (default `false`).
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.use_dual_stack = Some(use_dual_stack);
        self
    }

    /// Sets or clears the dual-stack setting.
    pub fn set_use_dual_stack(mut self, use_dual_stack: Option<bool>) -> Self {
        self.use_dual_stack = use_dual_stack;
        self
    }

    /// An endpoint to send every request to (a local test server, a VPC endpoint), instead of
    /// the region's.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Sets or clears the endpoint override.
    pub fn set_endpoint_url(mut self, url: Option<String>) -> Self {
        self.endpoint_url = url;
        self
    }

    /// The retry settings (default: the standard strategy, 3 attempts).
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Sets or clears the retry settings.
    pub fn set_retry_config(mut self, retry: Option<RetryConfig>) -> Self {
        self.retry = retry;
        self
    }

    /// The timeouts (default: [`TimeoutConfig::default`]).
    pub fn timeout_config(mut self, timeouts: TimeoutConfig) -> Self {
        self.timeouts = Some(timeouts);
        self
    }

    /// Sets or clears the timeouts.
    pub fn set_timeout_config(mut self, timeouts: Option<TimeoutConfig>) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// The HTTP client to send requests with (default: hyper over rustls, made with the
    /// connect and read timeouts of the [`TimeoutConfig`]).
    pub fn http_client(mut self, client: impl HttpClient + 'static) -> Self {
        self.http_client = Some(Arc::new(client));
        self
    }

    /// Sets or clears the HTTP client.
    pub fn set_http_client(mut self, client: Option<Arc<dyn HttpClient>>) -> Self {
        self.http_client = client;
        self
    }

    /// The configuration. Nothing is checked here: a missing region or credentials is
    /// reported by the call that needs them, naming what to set.
    pub fn build(self) -> Config {
        Config {
            region: self.region.filter(|r| !r.is_empty()),
            credentials: self.credentials,
            use_fips: self.use_fips.unwrap_or(false),
            use_dual_stack: self.use_dual_stack.unwrap_or(false),
            endpoint_url: self.endpoint_url.filter(|u| !u.is_empty()),
            retry: self.retry.unwrap_or_default(),
            timeouts: self.timeouts.unwrap_or_default(),
            http_client: self.http_client,
        }
    }
}

/// How long the client waits. `None` means no limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeoutConfig {
    connect: Option<Duration>,
    read: Option<Duration>,
    attempt: Option<Duration>,
    operation: Option<Duration>,
}

impl Default for TimeoutConfig {
    /// aws-sdk-rust's defaults: 3.1 s to connect, no other limit.
    fn default() -> Self {
        TimeoutConfig {
            connect: Some(Duration::from_millis(3100)),
            read: None,
            attempt: None,
            operation: None,
        }
    }
}

impl TimeoutConfig {
    /// No limit at all.
    pub fn disabled() -> Self {
        TimeoutConfig {
            connect: None,
            read: None,
            attempt: None,
            operation: None,
        }
    }

    /// The time to open a connection (TLS included).
    pub fn with_connect_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.connect = timeout;
        self
    }

    /// The time from sending a request to its whole response (the default HTTP client's).
    pub fn with_read_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.read = timeout;
        self
    }

    /// The time one attempt may take (connect, send, response), whatever the HTTP client.
    pub fn with_attempt_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.attempt = timeout;
        self
    }

    /// The time a whole call may take, retries and their waits included.
    pub fn with_operation_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.operation = timeout;
        self
    }

    /// The connect timeout.
    pub fn connect_timeout(&self) -> Option<Duration> {
        self.connect
    }

    /// The read timeout.
    pub fn read_timeout(&self) -> Option<Duration> {
        self.read
    }

    /// The attempt timeout.
    pub fn attempt_timeout(&self) -> Option<Duration> {
        self.attempt
    }

    /// The operation timeout.
    pub fn operation_timeout(&self) -> Option<Duration> {
        self.operation
    }
}
