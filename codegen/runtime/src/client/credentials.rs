//! Where the client's credentials come from by default: environment variables, then static keys
//! in the shared config and credentials files, read as aws-config reads them. That covers the
//! common cases without depending on aws-config; for anything else (SSO, assume role,
//! `credential_process`, web identity, ECS, IMDS), pass a provider from aws-config, which these
//! providers' errors say when they meet such a profile.
//!
//! Each provider reads its sources when asked for credentials, not when built, so a client picks
//! up changes (e.g. refreshed keys in `~/.aws/credentials`) the next time it loads credentials:
//! the client keeps what it loaded until shortly before it expires, or for 15 minutes. The
//! reads are small and synchronous.

use std::error::Error;
use std::fmt;

use aws_credential_types::attributes::AccountId;
use aws_credential_types::provider::{self, error::CredentialsError, future, ProvideCredentials};
use aws_credential_types::Credentials;

use super::profile::{self, Env, Profile, ProfileSet};

/// What to tell users whose profile needs a provider these do not implement.
const USE_AWS_CONFIG: &str = "this client reads only static keys from profiles \
    (aws_access_key_id, aws_secret_access_key, aws_session_token): pass a credentials provider \
    from the aws-config crate instead (e.g. the one `aws_config::load_defaults` builds)";

/// Credentials from the environment variables aws-config's
/// `EnvironmentVariableCredentialsProvider` reads: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`
/// (else `SECRET_ACCESS_KEY`), and the optional `AWS_SESSION_TOKEN` and `AWS_ACCOUNT_ID`.
///
/// A variable that is unset gives [`CredentialsError::not_loaded`]; one that is set but empty
/// (or blank) gives [`CredentialsError::invalid_configuration`] naming it, as that is usually a
/// mistake worth reporting (the [`DefaultCredentialsChain`] still goes on to the profile, as
/// aws-config treats blank variables as unset).
#[derive(Clone, Debug)]
pub struct EnvironmentCredentials {
    env: Env,
}

impl EnvironmentCredentials {
    /// The `provider_name` of the credentials it gives.
    pub const PROVIDER_NAME: &'static str = "Environment";

    /// Reads the process's environment.
    pub fn new() -> Self {
        Self::with_env(Env::real())
    }

    /// Reads `env` instead of the process's environment (for tests).
    pub fn with_env(env: Env) -> Self {
        EnvironmentCredentials { env }
    }

    fn load(&self) -> provider::Result {
        let access_key_id = self.required("AWS_ACCESS_KEY_ID");
        let secret_access_key = match self.required("AWS_SECRET_ACCESS_KEY") {
            // aws-config's fallback, for an unset or blank `AWS_SECRET_ACCESS_KEY`.
            Err(err) => match self.required("SECRET_ACCESS_KEY") {
                Ok(secret) => Ok(secret),
                Err(Var::Unset) => Err(err),
                Err(Var::Blank(name)) if err == Var::Unset => Err(Var::Blank(name)),
                Err(_) => Err(err),
            },
            found => found,
        };
        let (access_key_id, secret_access_key) = match (access_key_id, secret_access_key) {
            (Ok(id), Ok(secret)) => (id, secret),
            (Err(Var::Blank(name)), _) | (_, Err(Var::Blank(name))) => {
                return Err(CredentialsError::invalid_configuration(format!(
                    "the environment variable {name} is set but empty"
                )));
            }
            (id, secret) => {
                let message = match (id.is_err(), secret.is_err()) {
                    (true, true) => BOTH_UNSET,
                    (true, false) => ACCESS_KEY_UNSET,
                    _ => SECRET_KEY_UNSET,
                };
                return Err(CredentialsError::not_loaded(message));
            }
        };
        let mut builder = Credentials::builder()
            .access_key_id(access_key_id)
            .secret_access_key(secret_access_key)
            .provider_name(Self::PROVIDER_NAME);
        builder.set_session_token(self.env.non_empty_var("AWS_SESSION_TOKEN"));
        builder.set_account_id(
            self.env
                .non_empty_var("AWS_ACCOUNT_ID")
                .map(AccountId::from),
        );
        Ok(builder.build())
    }

    /// The variable `name`, as set (not trimmed: a key is used as written).
    fn required(&self, name: &'static str) -> Result<String, Var> {
        match self.env.var(name) {
            None => Err(Var::Unset),
            Some(value) if value.trim().is_empty() => Err(Var::Blank(name)),
            Some(value) => Ok(value),
        }
    }
}

const BOTH_UNSET: &str =
    "the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set";
const ACCESS_KEY_UNSET: &str =
    "the environment variable AWS_ACCESS_KEY_ID is not set (though AWS_SECRET_ACCESS_KEY is)";
const SECRET_KEY_UNSET: &str =
    "the environment variable AWS_SECRET_ACCESS_KEY is not set (though AWS_ACCESS_KEY_ID is)";

/// Why a required variable has no value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Var {
    Unset,
    Blank(&'static str),
}

impl Default for EnvironmentCredentials {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for EnvironmentCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::ready(self.load())
    }
}

/// Static credentials from a profile of the shared config and credentials files
/// (`aws_access_key_id`, `aws_secret_access_key`, optional `aws_session_token` and
/// `aws_account_id`; the credentials file's values win). The profile is the one set with
/// [`ProfileCredentials::profile`], else `AWS_PROFILE`, else `default`.
///
/// A profile that aws-config would resolve some other way (`role_arn`, `credential_source`,
/// `web_identity_token_file`, `sso_*`, `login_session`, `credential_process`) gives
/// [`CredentialsError::invalid_configuration`] naming the profile and the key, rather than the
/// profile's static keys (aws-config would not use those either): such profiles need a provider
/// from aws-config. A missing profile, or one without keys, gives
/// [`CredentialsError::not_loaded`].
#[derive(Clone, Debug)]
pub struct ProfileCredentials {
    env: Env,
    profile: Option<String>,
}

/// The keys that make aws-config resolve a profile with a provider other than static keys, in
/// the order it checks them (the first one present is the one reported).
const UNSUPPORTED_KEYS: &[(&str, &str)] = &[
    ("web_identity_token_file", "web identity federation"),
    ("role_arn", "assuming a role"),
    ("credential_source", "a named credential source"),
    ("sso_session", "IAM Identity Center (SSO)"),
    ("sso_start_url", "IAM Identity Center (SSO)"),
    ("sso_account_id", "IAM Identity Center (SSO)"),
    ("sso_role_name", "IAM Identity Center (SSO)"),
    ("sso_region", "IAM Identity Center (SSO)"),
    ("login_session", "a console login session"),
    ("credential_process", "an external credential process"),
];

impl ProfileCredentials {
    /// The `provider_name` of the credentials it gives.
    pub const PROVIDER_NAME: &'static str = "Profile";

    /// Reads the process's environment and files.
    pub fn new() -> Self {
        Self::with_env(Env::real())
    }

    /// Reads `env` instead of the process's environment and files (for tests).
    pub fn with_env(env: Env) -> Self {
        ProfileCredentials { env, profile: None }
    }

    /// Uses the profile `name` rather than `AWS_PROFILE` or `default`.
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    fn load(&self) -> provider::Result {
        let name = profile::selected_profile(&self.env, self.profile.as_deref());
        let set = ProfileSet::load(&self.env);
        let Some(profile) = set.get(&name) else {
            let explicit = self
                .profile
                .as_deref()
                .is_some_and(|p| !p.trim().is_empty());
            let selected_by = if !explicit && self.env.non_empty_var("AWS_PROFILE").is_some() {
                " (selected by AWS_PROFILE)"
            } else {
                ""
            };
            return Err(CredentialsError::not_loaded(format!(
                "no profile `{name}`{selected_by} in {} or {}",
                profile::config_file(&self.env).display(),
                profile::credentials_file(&self.env).display(),
            )));
        };
        static_credentials(profile)
    }
}

/// The static credentials of `profile`, or why it has none we can use.
fn static_credentials(profile: &Profile) -> provider::Result {
    let name = profile.name();
    if let Some((key, what)) = UNSUPPORTED_KEYS
        .iter()
        .find(|(key, _)| profile.get_non_empty(key).is_some())
    {
        return Err(CredentialsError::invalid_configuration(format!(
            "profile `{name}` sets `{key}` ({what}), which this client does not support; \
             {USE_AWS_CONFIG}"
        )));
    }
    let access_key_id = profile.get("aws_access_key_id");
    let secret_access_key = profile.get("aws_secret_access_key");
    let session_token = profile.get("aws_session_token");
    let (access_key_id, secret_access_key) = match (access_key_id, secret_access_key) {
        (Some(id), Some(secret)) if !id.trim().is_empty() && !secret.trim().is_empty() => {
            (id, secret)
        }
        (None, None) if session_token.is_none() => {
            return Err(CredentialsError::not_loaded(format!(
                "profile `{name}` has no credentials (neither aws_access_key_id nor \
                 aws_secret_access_key)"
            )))
        }
        (id, secret) => {
            let problem = |key: &str, value: Option<&str>| match value {
                None => Some(format!("no `{key}`")),
                Some(v) if v.trim().is_empty() => Some(format!("an empty `{key}`")),
                Some(_) => None,
            };
            let problems: Vec<String> = [
                problem("aws_access_key_id", id),
                problem("aws_secret_access_key", secret),
            ]
            .into_iter()
            .flatten()
            .collect();
            return Err(CredentialsError::invalid_configuration(format!(
                "profile `{name}` has {}",
                problems.join(" and ")
            )));
        }
    };
    let mut builder = Credentials::builder()
        .access_key_id(access_key_id)
        .secret_access_key(secret_access_key)
        .provider_name(ProfileCredentials::PROVIDER_NAME);
    builder.set_session_token(
        profile
            .get_non_empty("aws_session_token")
            .map(str::to_string),
    );
    builder.set_account_id(profile.get_non_empty("aws_account_id").map(AccountId::from));
    Ok(builder.build())
}

impl Default for ProfileCredentials {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for ProfileCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::ready(self.load())
    }
}

/// The client's default credentials: [`EnvironmentCredentials`], then [`ProfileCredentials`];
/// the first that gives credentials wins. An error from the environment does not stop the
/// chain (aws-config treats blank variables as unset, so the profile still gets its turn). When
/// neither gives credentials, the error says what each said: [`CredentialsError::not_loaded`]
/// if neither was configured, else [`CredentialsError::invalid_configuration`].
#[derive(Clone, Debug)]
pub struct DefaultCredentialsChain {
    environment: EnvironmentCredentials,
    profile: ProfileCredentials,
}

impl DefaultCredentialsChain {
    /// Reads the process's environment and files.
    pub fn new() -> Self {
        Self::with_env(Env::real())
    }

    /// Reads `env` instead of the process's environment and files (for tests).
    pub fn with_env(env: Env) -> Self {
        DefaultCredentialsChain {
            environment: EnvironmentCredentials::with_env(env.clone()),
            profile: ProfileCredentials::with_env(env),
        }
    }

    /// Uses the profile `name` rather than `AWS_PROFILE` or `default`.
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.profile = self.profile.profile(name);
        self
    }

    fn load(&self) -> provider::Result {
        let environment = match self.environment.load() {
            Ok(credentials) => return Ok(credentials),
            Err(err) => err,
        };
        let profile = match self.profile.load() {
            Ok(credentials) => return Ok(credentials),
            Err(err) => err,
        };
        let not_loaded =
            |err: &CredentialsError| matches!(err, CredentialsError::CredentialsNotLoaded(_));
        let all_not_loaded = not_loaded(&environment) && not_loaded(&profile);
        let error = ChainError {
            tried: vec![
                (EnvironmentCredentials::PROVIDER_NAME, environment),
                (ProfileCredentials::PROVIDER_NAME, profile),
            ],
        };
        Err(if all_not_loaded {
            CredentialsError::not_loaded(error)
        } else {
            CredentialsError::invalid_configuration(error)
        })
    }
}

impl Default for DefaultCredentialsChain {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::ready(self.load())
    }
}

/// Every provider of the chain failed: what each said.
#[derive(Debug)]
struct ChainError {
    tried: Vec<(&'static str, CredentialsError)>,
}

impl fmt::Display for ChainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no credentials found")?;
        for (provider, err) in &self.tried {
            // The detail is in the source; `CredentialsError`'s own text is generic.
            match err.source() {
                Some(source) => write!(f, "; {provider}: {source}")?,
                None => write!(f, "; {provider}: {err}")?,
            }
        }
        Ok(())
    }
}

impl Error for ChainError {}
