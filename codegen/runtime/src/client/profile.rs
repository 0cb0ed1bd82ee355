//! The AWS shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`) and the
//! environment variables that go with them, read the way aws-config (aws-sdk-rust) and botocore
//! read them, so that a client built here picks up the same region, endpoint settings and keys
//! as the AWS CLI and the SDKs do.
//!
//! The parser never fails: where aws-config would reject a file, the offending line (or, for a
//! malformed `[section]` line, the whole section) is skipped and the rest is kept.
//!
//! Everything here reads the process environment and the file system through an [`Env`], so
//! that tests (and embedders) can supply their own.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// Where settings come from: environment variables and files. [`Env::real`] is the process's
/// own; [`Env::new`] and [`Env::from_slices`] supply others, so that tests never depend on (or
/// touch) the real environment or home directory.
///
/// Its `Debug` output shows none of the variables or file contents, which may hold secrets.
#[derive(Clone)]
pub struct Env {
    var: Arc<VarFn>,
    read: Arc<ReadFn>,
}

/// Reads an environment variable.
type VarFn = dyn Fn(&str) -> Option<String> + Send + Sync;
/// Reads a file.
type ReadFn = dyn Fn(&Path) -> Option<String> + Send + Sync;

impl Env {
    /// The process's environment (`std::env::var`; a variable that is not valid Unicode counts
    /// as unset) and file system (`std::fs::read_to_string`; a file that cannot be read, or is
    /// not UTF-8, counts as missing).
    pub fn real() -> Self {
        Env::new(
            |name| std::env::var(name).ok(),
            |path| std::fs::read_to_string(path).ok(),
        )
    }

    /// An environment made of `var` (a variable's value, `None` if unset) and `read` (a file's
    /// contents, `None` if missing or unreadable).
    pub fn new(
        var: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
        read: impl Fn(&Path) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        Env {
            var: Arc::new(var),
            read: Arc::new(read),
        }
    }

    /// A fixed environment: these variables, and these files (path, contents); nothing else
    /// exists. For tests, and for callers that want the files' semantics without the real
    /// process environment.
    pub fn from_slices(vars: &[(&str, &str)], files: &[(&str, &str)]) -> Self {
        let vars: BTreeMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let files: BTreeMap<PathBuf, String> = files
            .iter()
            .map(|(p, c)| (PathBuf::from(p), c.to_string()))
            .collect();
        Env::new(
            move |name| vars.get(name).cloned(),
            move |path| files.get(path).cloned(),
        )
    }

    /// The variable `name`, as set (possibly empty); `None` if unset.
    pub fn var(&self, name: &str) -> Option<String> {
        (self.var)(name)
    }

    /// The contents of the file at `path`; `None` if it is missing or unreadable.
    pub fn read_file(&self, path: &Path) -> Option<String> {
        (self.read)(path)
    }

    /// The variable `name`, trimmed, if set to something other than blanks: an empty variable
    /// counts as unset, as is usual for these settings.
    pub(crate) fn non_empty_var(&self, name: &str) -> Option<String> {
        let value = self.var(name)?;
        let trimmed = value.trim();
        (!trimmed.is_empty()).then(|| trimmed.to_string())
    }
}

impl fmt::Debug for Env {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Deliberately opaque: the variables and files may hold credentials.
        f.debug_struct("Env").finish_non_exhaustive()
    }
}

/// One profile: its properties, from the config and credentials files merged. Property names
/// are lowercase (names in the files are case-insensitive); profile names are case-sensitive.
///
/// Its `Debug` output lists property names only, never values (which may be secrets).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Profile {
    name: String,
    properties: BTreeMap<String, String>,
}

impl Profile {
    /// The profile's name (`default`, or `NAME` of `[profile NAME]` / `[NAME]`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The property `key` (case-insensitive, e.g. `region`), as written after `=` with
    /// surrounding blanks and any trailing ` # comment` removed. It may be empty (`key =`), and
    /// holds one line per continuation line (`key =` followed by indented `sub = value` lines
    /// gives `"\nsub = value"`).
    pub fn get(&self, key: &str) -> Option<&str> {
        if key.bytes().any(|b| b.is_ascii_uppercase()) {
            self.properties
                .get(&key.to_ascii_lowercase())
                .map(String::as_str)
        } else {
            self.properties.get(key).map(String::as_str)
        }
    }

    /// The property `key`, unless it is missing or blank: settings treat an empty value as
    /// unset.
    pub(crate) fn get_non_empty(&self, key: &str) -> Option<&str> {
        self.get(key).map(str::trim).filter(|v| !v.is_empty())
    }

    /// The names of the profile's properties (lowercase, sorted).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.properties.keys().map(String::as_str)
    }

    /// Whether the profile has no properties (`[profile x]` alone).
    pub fn is_empty(&self) -> bool {
        self.properties.is_empty()
    }
}

impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Profile")
            .field("name", &self.name)
            .field("keys", &self.properties.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// The profiles of a config file and a credentials file, merged: see [`parse`].
///
/// Its `Debug` output lists profile and property names only, never values.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ProfileSet {
    profiles: BTreeMap<String, Profile>,
}

impl ProfileSet {
    /// The profile `name` (case-sensitive), if either file defines it.
    pub fn get(&self, name: &str) -> Option<&Profile> {
        self.profiles.get(name)
    }

    /// The profiles' names (sorted).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.profiles.keys().map(String::as_str)
    }

    /// Whether neither file defines any profile.
    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty()
    }

    /// Reads and parses the config and credentials files `env` points at ([`config_file`],
    /// [`credentials_file`]); a missing file counts as empty.
    pub fn load(env: &Env) -> ProfileSet {
        let config = env.read_file(&config_file(env)).unwrap_or_default();
        let credentials = env.read_file(&credentials_file(env)).unwrap_or_default();
        parse(&config, &credentials)
    }
}

impl fmt::Debug for ProfileSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.profiles.values()).finish()
    }
}

/// Parses a config file and a credentials file (either may be empty) into their profiles, as
/// aws-config does:
///
/// - The config file's profiles are `[profile NAME]` and `[default]` (`[profile default]` wins
///   over `[default]` when both appear); its other sections (`[NAME]`, `[sso-session NAME]`,
///   `[services NAME]`) are not profiles. The credentials file's are `[NAME]`; `[profile NAME]`
///   is ignored there.
/// - A profile in both files gets the properties of both, the credentials file's winning; a
///   section or property repeated within a file merges, the last value winning.
/// - Names of profiles and properties are made of `A-Za-z0-9_-/.%@:+` (others are ignored);
///   property names are case-insensitive, profile names are not.
/// - `key = value`, blanks (spaces and tabs) trimmed. Lines starting with `#` or `;` are
///   comments; so is the rest of a `[section]` line after `#` or `;`, and the rest of a
///   property line after a `#` or `;` that follows a blank (`value#1` keeps its `#1`).
/// - An indented line continues the property above it (one more line of its value), e.g.
///   `s3 =` followed by `  max_concurrent_requests = 10`.
///
/// It never panics; what aws-config would reject is skipped: a property line outside a section
/// or without `=` or a name, a continuation line with no property to continue, and a `[` line
/// without its `]` together with the properties under it.
pub fn parse(config: &str, credentials: &str) -> ProfileSet {
    let mut set = ProfileSet::default();
    merge_in(&mut set, raw_sections(config), FileKind::Config);
    merge_in(&mut set, raw_sections(credentials), FileKind::Credentials);
    set
}

/// Blanks, as the files' format defines them (not Unicode whitespace).
const BLANKS: &[char] = &[' ', '\t'];
const COMMENT: &[char] = &['#', ';'];

#[derive(Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Config,
    Credentials,
}

/// A `[section]` as written: its header (between the brackets, comments removed; `None` when
/// the line is malformed, which discards the section) and its properties in order.
struct RawSection<'a> {
    header: Option<&'a str>,
    properties: Vec<(String, String)>,
}

/// Splits a file into its sections, skipping what cannot be read.
fn raw_sections(file: &str) -> Vec<RawSection<'_>> {
    let file = file.strip_prefix('\u{feff}').unwrap_or(file);
    let mut sections: Vec<RawSection<'_>> = Vec::new();
    // The property the next continuation line extends, and whether it started empty (then
    // continuation lines are sub-properties, `name = value`).
    let mut property: Option<(usize, bool)> = None;
    for line in file.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim_matches(BLANKS).is_empty() {
            continue;
        }
        if line.starts_with(COMMENT) {
            continue;
        }
        if line.starts_with('[') {
            let header = strip_comment(line, false)
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'));
            sections.push(RawSection {
                header,
                properties: Vec::new(),
            });
            property = None;
        } else if line.starts_with(BLANKS) {
            let (Some(section), Some((index, is_sub))) = (sections.last_mut(), property) else {
                continue;
            };
            if is_sub && !is_sub_property(line) {
                continue;
            }
            let value = &mut section.properties[index].1;
            value.push('\n');
            value.push_str(line.trim_matches(BLANKS));
        } else {
            let Some(section) = sections.last_mut() else {
                continue;
            };
            match property_line(line) {
                Some((key, value)) => {
                    property = Some((section.properties.len(), value.is_empty()));
                    section.properties.push((key, value.to_string()));
                }
                None => property = None,
            }
        }
    }
    sections
}

/// `line` trimmed, without its trailing comment: one starting at any `#` or `;` when
/// `need_blank` is false (section lines), else only at one that follows a blank.
fn strip_comment(line: &str, need_blank: bool) -> &str {
    let line = line.trim_matches(BLANKS);
    let mut after_blank = false;
    for (index, c) in line.char_indices() {
        if COMMENT.contains(&c) && (after_blank || !need_blank) {
            return line[..index].trim_matches(BLANKS);
        }
        after_blank = c.is_whitespace();
    }
    line
}

/// `key = value` → (lowercase key, value); `None` without `=` or without a key.
fn property_line(line: &str) -> Option<(String, &str)> {
    let (key, value) = strip_comment(line, true).split_once('=')?;
    let key = key.trim_matches(BLANKS);
    if key.is_empty() {
        return None;
    }
    Some((key.to_ascii_lowercase(), value.trim_matches(BLANKS)))
}

/// Whether a continuation line of a property that started empty is a valid sub-property (blank,
/// or `name = value`).
fn is_sub_property(line: &str) -> bool {
    line.trim_matches(BLANKS).is_empty() || property_line(line).is_some()
}

/// Whether `name` is a valid profile or property name: `[A-Za-z0-9_\-/.%@:+]+`.
fn is_identifier(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-/.%@:+".contains(c))
}

/// A section header split at its first blank: `profile foo` → (`Some("profile")`, `foo`).
fn split_header(header: &str) -> (Option<&str>, &str) {
    let header = header.trim_matches(BLANKS);
    match header.split_once(BLANKS) {
        Some((prefix, name)) => (Some(prefix.trim()), name.trim()),
        None => (None, header.trim()),
    }
}

/// Which profile a section of a file of `kind` defines, if any (the name, and whether it was
/// written `[profile default]`).
fn profile_of(header: &str, kind: FileKind) -> Option<(&str, bool)> {
    let (prefix, name) = split_header(header);
    if !is_identifier(name) {
        return None;
    }
    match (kind, prefix) {
        (FileKind::Config, Some("profile")) => Some((name, name == "default")),
        (FileKind::Config, None) if name == "default" => Some((name, false)),
        (FileKind::Credentials, None) => Some((name, false)),
        _ => None,
    }
}

fn merge_in(set: &mut ProfileSet, sections: Vec<RawSection<'_>>, kind: FileKind) {
    let sections: Vec<_> = sections
        .into_iter()
        .filter_map(|s| Some((profile_of(s.header?, kind)?, s.properties)))
        .collect();
    let has_prefixed_default = sections.iter().any(|((_, prefixed), _)| *prefixed);
    for ((name, prefixed), properties) in sections {
        if has_prefixed_default && name == "default" && !prefixed {
            continue;
        }
        let profile = set
            .profiles
            .entry(name.to_string())
            .or_insert_with(|| Profile {
                name: name.to_string(),
                properties: BTreeMap::new(),
            });
        for (key, value) in properties {
            if is_identifier(&key) {
                profile.properties.insert(key, value);
            }
        }
    }
}

/// The config file's path: `AWS_CONFIG_FILE`, else `~/.aws/config`; a leading `~` is the home
/// directory (`HOME`; on Windows also `USERPROFILE`, then `HOMEDRIVE` + `HOMEPATH`).
pub fn config_file(env: &Env) -> PathBuf {
    file_path(env, "AWS_CONFIG_FILE", "~/.aws/config")
}

/// The credentials file's path: `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`; `~` as
/// for [`config_file`].
pub fn credentials_file(env: &Env) -> PathBuf {
    file_path(env, "AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials")
}

fn file_path(env: &Env, variable: &str, default: &str) -> PathBuf {
    let path = env
        .non_empty_var(variable)
        .unwrap_or_else(|| default.to_string());
    expand_home(Path::new(&path), home_dir(env, cfg!(windows)).as_deref())
}

/// The home directory, as aws-config finds it (`windows`: whether to look further than `HOME`).
pub(crate) fn home_dir(env: &Env, windows: bool) -> Option<String> {
    if let Some(home) = env.non_empty_var("HOME") {
        return Some(home);
    }
    if windows {
        if let Some(profile) = env.non_empty_var("USERPROFILE") {
            return Some(profile);
        }
        if let (Some(drive), Some(path)) = (
            env.non_empty_var("HOMEDRIVE"),
            env.non_empty_var("HOMEPATH"),
        ) {
            return Some(drive + &path);
        }
    }
    None
}

/// `path` with a leading `~` component replaced by `home` (left as it is without one).
pub(crate) fn expand_home(path: &Path, home: Option<&str>) -> PathBuf {
    let mut components = path.components();
    match (components.next(), home) {
        (Some(Component::Normal(first)), Some(home)) if first == "~" => {
            let mut expanded = PathBuf::from(home);
            expanded.extend(components);
            expanded
        }
        _ => path.to_path_buf(),
    }
}

/// The profile to use: `explicit` if given (and not empty), else `AWS_PROFILE`, else `default`.
pub fn selected_profile(env: &Env, explicit: Option<&str>) -> String {
    explicit
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .or_else(|| env.non_empty_var("AWS_PROFILE"))
        .unwrap_or_else(|| "default".to_string())
}

/// Settings read from the environment, else from the selected profile; the files are read at
/// most once, and only if some setting is not in the environment.
struct Settings<'a> {
    env: &'a Env,
    profile: Option<&'a str>,
    loaded: OnceCell<Option<Profile>>,
}

impl<'a> Settings<'a> {
    fn new(env: &'a Env, profile: Option<&'a str>) -> Self {
        Settings {
            env,
            profile,
            loaded: OnceCell::new(),
        }
    }

    /// The selected profile's `key`, unless blank.
    fn profile_value(&self, key: &str) -> Option<String> {
        let profile = self.loaded.get_or_init(|| {
            let name = selected_profile(self.env, self.profile);
            ProfileSet::load(self.env).profiles.remove(&name)
        });
        profile.as_ref()?.get_non_empty(key).map(str::to_string)
    }

    /// The environment variable `variable`, else the selected profile's `key`; blank counts as
    /// unset.
    fn get(&self, variable: &str, key: &str) -> Option<String> {
        self.env
            .non_empty_var(variable)
            .or_else(|| self.profile_value(key))
    }
}

/// `true` or `false`, in any case; anything else is `None`.
fn parse_bool(value: &str) -> Option<bool> {
    if value.eq_ignore_ascii_case("true") {
        Some(true)
    } else if value.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// The region: `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the `region` of the profile
/// `profile` (default: [`selected_profile`]). Empty values count as unset.
pub fn region(env: &Env, profile: Option<&str>) -> Option<String> {
    let settings = Settings::new(env, profile);
    env.non_empty_var("AWS_REGION")
        .or_else(|| settings.get("AWS_DEFAULT_REGION", "region"))
}

/// Whether to use FIPS endpoints: `AWS_USE_FIPS_ENDPOINT`, else the profile's
/// `use_fips_endpoint` (`true`/`false`, any case). As in aws-config, the first of them that is
/// set decides: a value that is not a boolean gives `None`, not the other's value.
pub fn use_fips_endpoint(env: &Env, profile: Option<&str>) -> Option<bool> {
    Settings::new(env, profile)
        .get("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint")
        .as_deref()
        .and_then(parse_bool)
}

/// How many attempts a call may make: `AWS_MAX_ATTEMPTS`, else the profile's `max_attempts`
/// (a whole number of at least 1; anything else gives `None`, the default). The retry mode
/// (`AWS_RETRY_MODE`) is not read: the client's is the standard one.
pub fn max_attempts(env: &Env, profile: Option<&str>) -> Option<u32> {
    Settings::new(env, profile)
        .get("AWS_MAX_ATTEMPTS", "max_attempts")
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|n| *n >= 1)
}

/// Whether to use dual-stack (IPv6) endpoints: `AWS_USE_DUALSTACK_ENDPOINT`, else the profile's
/// `use_dualstack_endpoint`; parsed as for [`use_fips_endpoint`].
pub fn use_dualstack_endpoint(env: &Env, profile: Option<&str>) -> Option<bool> {
    Settings::new(env, profile)
        .get("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint")
        .as_deref()
        .and_then(parse_bool)
}

/// The endpoint URL configured for the service whose `sdkId` is `service` (`FSx`):
/// `AWS_ENDPOINT_URL_<SERVICE>` (`AWS_ENDPOINT_URL_FSX`: the `sdkId` upper-cased, spaces as
/// `_`), else `AWS_ENDPOINT_URL`, else the profile's `endpoint_url` (not validated here). `None`
/// when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (else the profile's
/// `ignore_configured_endpoint_urls`) is `true`, as in aws-config, which lets a user switch
/// configured endpoints off without editing the files. A profile's `services` sections are not
/// read (aws-config puts them between the two variables and the profile's `endpoint_url`).
pub fn endpoint_url(env: &Env, profile: Option<&str>, service: Option<&str>) -> Option<String> {
    let settings = Settings::new(env, profile);
    let ignore = settings.get(
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
        "ignore_configured_endpoint_urls",
    );
    if ignore.as_deref().and_then(parse_bool) == Some(true) {
        return None;
    }
    let service_variable = service.map(|id| {
        format!(
            "AWS_ENDPOINT_URL_{}",
            id.trim().replace(' ', "_").to_ascii_uppercase()
        )
    });
    if let Some(url) = service_variable
        .and_then(|name| env.var(&name))
        .filter(|url| !url.trim().is_empty())
    {
        return Some(url);
    }
    settings.get("AWS_ENDPOINT_URL", "endpoint_url")
}
