//! Tests of `profile` (the files' parser, their loading, the settings) and of the credentials
//! providers, all with an injected environment: none reads the real environment or home.

use std::error::Error;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::ProvideCredentials;
use aws_credential_types::Credentials;

use crate::client::credentials::{
    DefaultCredentialsChain, EnvironmentCredentials, ProfileCredentials,
};
use crate::client::profile::{self, parse, Env, ProfileSet};

const HOME: &str = "/home/test";
const CONFIG: &str = "/home/test/.aws/config";
const CREDENTIALS: &str = "/home/test/.aws/credentials";

/// Values no error message or `Debug` output may show.
const SECRET: &str = "wJalrXUtnFEMI-SECRET-K7MDENG";
const TOKEN: &str = "FwoGZXIvYXdzEJr-TOKEN-LONGSTRING";

// ---------------------------------------------------------------------------------------------
// Helpers

/// Polls a future that is ready at once (the providers' are).
fn now<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the future was not ready"),
    }
}

fn provide(provider: &impl ProvideCredentials) -> Result<Credentials, CredentialsError> {
    now(provider.provide_credentials())
}

/// An environment with `HOME` set, these variables, and these config and credentials files.
fn env(vars: &[(&str, &str)], config: &str, credentials: &str) -> Env {
    let mut all = vec![("HOME", HOME)];
    all.extend_from_slice(vars);
    Env::from_slices(&all, &[(CONFIG, config), (CREDENTIALS, credentials)])
}

/// An error and all its sources, as a user would see them reported.
fn full(err: &dyn Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

fn assert_no_secrets(text: &str) {
    assert!(!text.contains(SECRET), "secret shown in: {text}");
    assert!(!text.contains(TOKEN), "session token shown in: {text}");
}

/// Checks an error for its kind, for what its message must say, and for secrets, in both its
/// `Display` (with sources) and `Debug` forms.
fn check_error(err: &CredentialsError, not_loaded: bool, says: &[&str]) {
    let text = full(err);
    if not_loaded {
        assert!(
            matches!(err, CredentialsError::CredentialsNotLoaded(_)),
            "expected not loaded, got {text}"
        );
    } else {
        assert!(
            matches!(err, CredentialsError::InvalidConfiguration(_)),
            "expected invalid configuration, got {text}"
        );
    }
    for s in says {
        assert!(text.contains(s), "`{s}` not in: {text}");
    }
    assert_no_secrets(&text);
    assert_no_secrets(&format!("{err:?}"));
}

fn props(set: &ProfileSet, name: &str) -> Vec<(String, String)> {
    let profile = set.get(name).unwrap_or_else(|| panic!("no profile {name}"));
    profile
        .keys()
        .map(|k| (k.to_string(), profile.get(k).unwrap().to_string()))
        .collect()
}

fn kv(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn names(set: &ProfileSet) -> Vec<&str> {
    set.names().collect()
}

fn config(text: &str) -> ProfileSet {
    parse(text, "")
}

// ---------------------------------------------------------------------------------------------
// The parser (aws-config's profile-parser-tests.json, where its errors become skipped lines)

#[test]
fn empty_files_have_no_profiles() {
    assert!(parse("", "").is_empty());
    assert!(parse("\n\n  \t\n", "# only a comment").is_empty());
}

#[test]
fn empty_profiles_have_no_properties() {
    let set = config("[profile foo]");
    assert_eq!(names(&set), ["foo"]);
    assert!(set.get("foo").unwrap().is_empty());
    assert_eq!(set.get("foo").unwrap().name(), "foo");
}

#[test]
fn profile_names_allow_identifier_characters_only() {
    let set = config("[profile some-thing:long/the_one%only.foo@bar+]\n[profile foo!bar]");
    assert_eq!(names(&set), ["some-thing:long/the_one%only.foo@bar+"]);
    let all = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    assert_eq!(names(&config(&format!("[profile {all}]"))), [all]);
}

#[test]
fn profile_names_are_trimmed_and_tab_separated() {
    assert_eq!(names(&config("[profile \tfoo \t]")), ["foo"]);
    assert_eq!(names(&config("[profile\tfoo]")), ["foo"]);
    assert_eq!(
        names(&config("[   profile foo    ]\nname = value")),
        ["foo"]
    );
    assert_eq!(names(&parse("", "[   foo    ]\nname = value")), ["foo"]);
}

#[test]
fn profile_names_are_case_sensitive_and_keys_are_not() {
    let set = config("[profile Foo]\nRegion = eu-west-1\n[profile foo]\nREGION = us-east-2");
    assert_eq!(names(&set), ["Foo", "foo"]);
    assert_eq!(set.get("Foo").unwrap().get("region"), Some("eu-west-1"));
    assert_eq!(set.get("Foo").unwrap().get("REGION"), Some("eu-west-1"));
    assert_eq!(set.get("foo").unwrap().get("Region"), Some("us-east-2"));
    assert_eq!(props(&set, "foo"), kv(&[("region", "us-east-2")]));
    assert!(set.get("FOO").is_none());
}

#[test]
fn properties_outside_a_profile_are_skipped() {
    let set = config("name = value\n -continued\n[profile foo]\nk = v");
    assert_eq!(names(&set), ["foo"]);
    assert_eq!(props(&set, "foo"), kv(&[("k", "v")]));
}

#[test]
fn profiles_contain_properties() {
    let set = config("[profile foo]\nname = value\nname2 = value2");
    assert_eq!(
        props(&set, "foo"),
        kv(&[("name", "value"), ("name2", "value2")])
    );
}

#[test]
fn windows_line_endings() {
    let set = config("[profile foo]\r\nname = value\r\n[default]\r\nregion = x\r");
    assert_eq!(props(&set, "foo"), kv(&[("name", "value")]));
    assert_eq!(props(&set, "default"), kv(&[("region", "x")]));
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let set = config("\u{feff}[default]\nregion = eu-north-1");
    assert_eq!(
        set.get("default").unwrap().get("region"),
        Some("eu-north-1")
    );
}

#[test]
fn values_keep_equals_signs_and_unicode() {
    let set = config(
        "[profile foo]\nname = val=ue\nb64=aGVsbG8gZW50aHVzaWFzdGljIHJlYWRlcg==\nemoji = 😂",
    );
    assert_eq!(
        props(&set, "foo"),
        kv(&[
            ("b64", "aGVsbG8gZW50aHVzaWFzdGljIHJlYWRlcg=="),
            ("emoji", "😂"),
            ("name", "val=ue"),
        ])
    );
}

#[test]
fn keys_and_values_are_trimmed_and_values_may_be_empty() {
    let set = config("[profile foo]\nname \t=  \tvalue \t\nempty =\nblank =   ");
    assert_eq!(
        props(&set, "foo"),
        kv(&[("blank", ""), ("empty", ""), ("name", "value")])
    );
}

#[test]
fn malformed_property_lines_are_skipped() {
    let set = config(
        "[profile foo]\n= value\nkey : value\nok = yes\n -continued\nbad line\n -orphan\nlast = 1",
    );
    assert_eq!(
        props(&set, "foo"),
        kv(&[("last", "1"), ("ok", "yes\n-continued")])
    );
}

#[test]
fn multiple_profiles_and_blank_lines() {
    let set = config("\t \n[profile foo]\n\t\n \nname = value\n\t \n[profile bar]\n \t");
    assert_eq!(names(&set), ["bar", "foo"]);
    assert_eq!(props(&set, "foo"), kv(&[("name", "value")]));
    assert!(set.get("bar").unwrap().is_empty());
}

#[test]
fn comments() {
    for text in [
        "# Comment\n[profile foo] # Comment\nname = value # Comment with # sign",
        "; Comment\n[profile foo] ; Comment\nname = value ; Comment with ; sign",
        "# Comment\n[profile foo] ; Comment\nname = value # Comment with ; sign",
        ";\n[profile foo];\nname = value ;\n",
        "[profile foo]# adjacent\nname = value\t# after a tab",
    ] {
        let set = config(text);
        assert_eq!(props(&set, "foo"), kv(&[("name", "value")]), "{text:?}");
    }
    let set = config("[profile foo]; semicolon\n[profile bar]# pound");
    assert_eq!(names(&set), ["bar", "foo"]);
}

#[test]
fn comment_characters_adjacent_to_values_are_kept() {
    let set =
        config("[profile foo]\nname = value; Adjacent\nname2 = value# Adjacent\nurl = http://h/#x");
    assert_eq!(
        props(&set, "foo"),
        kv(&[
            ("name", "value; Adjacent"),
            ("name2", "value# Adjacent"),
            ("url", "http://h/#x"),
        ])
    );
}

#[test]
fn continuation_lines() {
    let set = config("[profile foo]\nname = value\n -continued\n \t -and-continued \t ");
    assert_eq!(
        set.get("foo").unwrap().get("name"),
        Some("value\n-continued\n-and-continued")
    );
    // Continuations keep comment characters.
    let set = config("[profile foo]\nname = value\n -continued # Comment\n -more ; Comment");
    assert_eq!(
        set.get("foo").unwrap().get("name"),
        Some("value\n-continued # Comment\n-more ; Comment")
    );
}

#[test]
fn continuations_need_a_property_of_the_same_section() {
    assert!(config(" -continued").is_empty());
    let set = config("[profile foo]\n -continued\nname = value");
    assert_eq!(props(&set, "foo"), kv(&[("name", "value")]));
    // A section line ends the property above it.
    let set = config("[profile foo]\nname = value\n[profile foo]\n -continued");
    assert_eq!(props(&set, "foo"), kv(&[("name", "value")]));
    // An indented comment is a continuation line, as in aws-config.
    let set = config("[profile foo]\nname = value\n  # indented");
    assert_eq!(props(&set, "foo"), kv(&[("name", "value\n# indented")]));
}

#[test]
fn sub_properties() {
    let set = config("[profile foo]\ns3 =\n max_concurrent_requests = 10\n\t \n name2 = value2");
    assert_eq!(
        set.get("foo").unwrap().get("s3"),
        Some("\nmax_concurrent_requests = 10\nname2 = value2")
    );
    assert_eq!(
        config("[profile foo]\ns3 =\n name =")
            .get("foo")
            .unwrap()
            .get("s3"),
        Some("\nname =")
    );
    assert_eq!(
        config("[profile foo]\ns3 =\n in valid = value")
            .get("foo")
            .unwrap()
            .get("s3"),
        Some("\nin valid = value")
    );
    // Sub-properties without `=` or a name are skipped, the rest kept.
    let set = config("[profile foo]\ns3 =\n invalid\n = value\n ok = 1\nregion = x");
    assert_eq!(
        props(&set, "foo"),
        kv(&[("region", "x"), ("s3", "\nok = 1")])
    );
}

#[test]
fn duplicates_merge_and_the_last_value_wins() {
    let set = config("[profile foo]\nname = value\n[profile foo]\nname2 = value2");
    assert_eq!(
        props(&set, "foo"),
        kv(&[("name", "value"), ("name2", "value2")])
    );
    let set = config("[profile foo]\nname = value\nname = value2");
    assert_eq!(props(&set, "foo"), kv(&[("name", "value2")]));
    let set = config("[profile foo]\nName = value\n[profile  foo]\nname = value2");
    assert_eq!(props(&set, "foo"), kv(&[("name", "value2")]));
}

#[test]
fn prefixed_default_wins_over_default() {
    for text in [
        "[profile default]\nname = value\n[default]\nname2 = value2",
        "[default]\nname2 = value2\n[profile default]\nname = value",
    ] {
        assert_eq!(props(&config(text), "default"), kv(&[("name", "value")]));
    }
    let text = "[profile default]\nname = value\n[default]\nname2 = value2\n[profile default]\nname3 = value3";
    assert_eq!(
        props(&parse(text, "[default]\nsecret=foo"), "default"),
        kv(&[("name", "value"), ("name3", "value3"), ("secret", "foo")])
    );
    // Without `[profile default]`, `[default]` is the default profile.
    assert_eq!(
        props(&config("[default]\na = 1"), "default"),
        kv(&[("a", "1")])
    );
}

#[test]
fn invalid_names_are_ignored() {
    assert!(parse(
        "[profile in valid]\nname = value",
        "[in valid 2]\nname2 = value2"
    )
    .is_empty());
    let set = config("[profile foo]\nin valid = value\nok! = 1\nfine = 2");
    assert_eq!(props(&set, "foo"), kv(&[("fine", "2")]));
    let all = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let set = config(&format!("[profile foo]\n{all} = value"));
    assert_eq!(set.get("foo").unwrap().get(all), Some("value"));
}

#[test]
fn properties_of_ignored_sections_go_nowhere() {
    let set = config(
        "[profile foo]\nname = value\n[profile in valid]\nx = 1\n[profile bar]\nname = value2",
    );
    assert_eq!(props(&set, "foo"), kv(&[("name", "value")]));
    assert_eq!(props(&set, "bar"), kv(&[("name", "value2")]));
    // A `[` line without `]` discards its section, rather than adding to the one above.
    let set = config("[default]\na = 1\n[profile broken\nb = 2\n -c\n[profile ok]\nd = 4");
    assert_eq!(names(&set), ["default", "ok"]);
    assert_eq!(props(&set, "default"), kv(&[("a", "1")]));
    // So does `[section` whose `]` is after a comment character.
    let set = config("[default]\na = 1\n[profile x#y]\nb = 2");
    assert_eq!(props(&set, "default"), kv(&[("a", "1")]));
}

#[test]
fn which_sections_are_profiles_in_each_file() {
    // Config file: `[profile NAME]` and `[default]` only.
    let set = config(
        "[foo]\na = 1\n[profilefoo]\nb = 2\n[sso-session s]\nc = 3\n[services dev]\ns3 =\n  x = 1\n[profile]\nd = 4\n[profile bar]",
    );
    assert_eq!(names(&set), ["bar"]);
    // Credentials file: `[NAME]` only.
    let set = parse(
        "",
        "[profile foo]\nname = value\n[sso-session s]\nc = 3\n[bar]\nk = v",
    );
    assert_eq!(names(&set), ["bar"]);
    assert_eq!(props(&set, "bar"), kv(&[("k", "v")]));
}

#[test]
fn credentials_file_wins_over_config_file() {
    let set = parse(
        "[profile foo]\nname = value\nregion = us-east-1",
        "[foo]\nname = value2\nother = x",
    );
    assert_eq!(
        props(&set, "foo"),
        kv(&[("name", "value2"), ("other", "x"), ("region", "us-east-1")])
    );
    let set = parse("[profile foo]\nname = value", "[foo]\nname2 = value2");
    assert_eq!(
        props(&set, "foo"),
        kv(&[("name", "value"), ("name2", "value2")])
    );
}

#[test]
fn the_parser_never_panics() {
    let fixed = [
        "[",
        "]",
        "[]",
        "[ ]",
        "=",
        " =",
        "\t",
        "[profile ]",
        "[profile",
        "[profile é]",
        "[default]\né = é",
        "[default]\na=é#é",
        "\u{feff}",
        "\u{feff}\u{feff}[default]",
        "\r",
        "\r\n\r\n",
        "[default]\n\u{a0}x = 1",
        "[default]\n=\n==\n = =",
        "[[default]]",
        "[default]\ns3 =\n é\n \u{2003}= é",
        "[default]\na = ;\n b = #",
        "[default]\u{0}",
    ];
    for text in fixed {
        let _ = parse(text, text);
    }
    // Deterministic pseudo-random files made of the characters that matter.
    let alphabet: Vec<char> = "[]=#; \t\n\r\u{feff}é😂ab_-profiledefault"
        .chars()
        .collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..(state % 60) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        let set = parse(&text, &text);
        for name in set.names() {
            assert!(!name.is_empty(), "{text:?}");
        }
    }
}

#[test]
fn debug_shows_no_values() {
    let set = parse(
        "[default]\nregion = us-west-2",
        &format!("[default]\naws_secret_access_key = {SECRET}\naws_session_token = {TOKEN}"),
    );
    let debug = format!("{set:?} {:?}", set.get("default").unwrap());
    assert_no_secrets(&debug);
    assert!(!debug.contains("us-west-2"), "{debug}");
    assert!(debug.contains("aws_secret_access_key"), "{debug}");
    let env = Env::from_slices(
        &[("AWS_SECRET_ACCESS_KEY", SECRET)],
        &[(CREDENTIALS, SECRET)],
    );
    assert_no_secrets(&format!("{env:?}"));
}

// ---------------------------------------------------------------------------------------------
// Loading: file locations, home directory, selected profile

#[test]
fn files_are_found_in_the_home_directory() {
    let env = env(&[], "[default]\nregion = a", "[default]\nx = 1");
    assert_eq!(profile::config_file(&env), PathBuf::from(CONFIG));
    assert_eq!(profile::credentials_file(&env), PathBuf::from(CREDENTIALS));
    assert_eq!(
        props(&ProfileSet::load(&env), "default"),
        kv(&[("region", "a"), ("x", "1")])
    );
}

#[test]
fn file_locations_can_be_overridden() {
    let env = Env::from_slices(
        &[
            ("HOME", HOME),
            ("AWS_CONFIG_FILE", "/etc/aws/config"),
            ("AWS_SHARED_CREDENTIALS_FILE", "~/elsewhere/creds"),
        ],
        &[
            (CONFIG, "[default]\nregion = ignored"),
            ("/etc/aws/config", "[default]\nregion = chosen"),
            ("/home/test/elsewhere/creds", "[default]\nk = v"),
        ],
    );
    assert_eq!(profile::config_file(&env), PathBuf::from("/etc/aws/config"));
    assert_eq!(
        profile::credentials_file(&env),
        PathBuf::from("/home/test/elsewhere/creds")
    );
    assert_eq!(
        props(&ProfileSet::load(&env), "default"),
        kv(&[("k", "v"), ("region", "chosen")])
    );
    // An empty override is no override.
    let env = Env::from_slices(&[("HOME", HOME), ("AWS_CONFIG_FILE", "")], &[]);
    assert_eq!(profile::config_file(&env), PathBuf::from(CONFIG));
}

#[test]
fn missing_files_and_home_are_empty() {
    let env = Env::from_slices(&[], &[]);
    assert_eq!(profile::config_file(&env), PathBuf::from("~/.aws/config"));
    assert!(ProfileSet::load(&env).is_empty());
    assert!(ProfileSet::load(&Env::from_slices(&[("HOME", HOME)], &[])).is_empty());
}

#[test]
fn home_directory() {
    let vars = |v: &[(&str, &str)]| Env::from_slices(v, &[]);
    let windows = [
        ("USERPROFILE", "C:\\Users\\name"),
        ("HOMEDRIVE", "D:"),
        ("HOMEPATH", "\\home"),
    ];
    let all = vars(&[("HOME", "/h"), windows[0], windows[1], windows[2]]);
    assert_eq!(profile::home_dir(&all, false).as_deref(), Some("/h"));
    assert_eq!(profile::home_dir(&all, true).as_deref(), Some("/h"));
    let win = vars(&windows);
    assert_eq!(profile::home_dir(&win, false), None);
    assert_eq!(
        profile::home_dir(&win, true).as_deref(),
        Some("C:\\Users\\name")
    );
    let drive = vars(&windows[1..]);
    assert_eq!(profile::home_dir(&drive, true).as_deref(), Some("D:\\home"));
    assert_eq!(profile::home_dir(&vars(&windows[1..2]), true), None);
    assert_eq!(profile::home_dir(&vars(&[("HOME", "")]), false), None);
}

#[test]
fn home_expansion_is_only_for_a_leading_tilde() {
    let expand = |p: &str| profile::expand_home(Path::new(p), Some("/h"));
    assert_eq!(expand("~/.aws/config"), PathBuf::from("/h/.aws/config"));
    assert_eq!(expand("~"), PathBuf::from("/h"));
    assert_eq!(expand("/etc/~/x"), PathBuf::from("/etc/~/x"));
    assert_eq!(expand("~user/x"), PathBuf::from("~user/x"));
    assert_eq!(expand(""), PathBuf::from(""));
    assert_eq!(
        profile::expand_home(Path::new("~/x"), None),
        PathBuf::from("~/x")
    );
}

#[test]
fn selected_profile() {
    let none = Env::from_slices(&[], &[]);
    assert_eq!(profile::selected_profile(&none, None), "default");
    assert_eq!(profile::selected_profile(&none, Some("x")), "x");
    assert_eq!(profile::selected_profile(&none, Some("")), "default");
    let set = Env::from_slices(&[("AWS_PROFILE", "dev")], &[]);
    assert_eq!(profile::selected_profile(&set, None), "dev");
    assert_eq!(profile::selected_profile(&set, Some("prod")), "prod");
    let empty = Env::from_slices(&[("AWS_PROFILE", " ")], &[]);
    assert_eq!(profile::selected_profile(&empty, None), "default");
}

// ---------------------------------------------------------------------------------------------
// Settings: region, FIPS, dual-stack, endpoint URL

const REGIONS: &str =
    "[default]\nregion = us-west-2\n[profile dev]\nregion = eu-west-1\n[profile blank]\nregion =";

#[test]
fn region_precedence() {
    let both = [
        ("AWS_REGION", "ap-south-1"),
        ("AWS_DEFAULT_REGION", "sa-east-1"),
    ];
    assert_eq!(
        profile::region(&env(&both, REGIONS, ""), None).as_deref(),
        Some("ap-south-1")
    );
    let default_only = [("AWS_REGION", ""), ("AWS_DEFAULT_REGION", "sa-east-1")];
    assert_eq!(
        profile::region(&env(&default_only, REGIONS, ""), None).as_deref(),
        Some("sa-east-1")
    );
    let empty = [("AWS_REGION", ""), ("AWS_DEFAULT_REGION", " ")];
    assert_eq!(
        profile::region(&env(&empty, REGIONS, ""), None).as_deref(),
        Some("us-west-2")
    );
    assert_eq!(
        profile::region(&env(&[], REGIONS, ""), Some("dev")).as_deref(),
        Some("eu-west-1")
    );
    let dev = [("AWS_PROFILE", "dev")];
    assert_eq!(
        profile::region(&env(&dev, REGIONS, ""), None).as_deref(),
        Some("eu-west-1")
    );
    assert_eq!(profile::region(&env(&[], REGIONS, ""), Some("blank")), None);
    assert_eq!(profile::region(&env(&[], REGIONS, ""), Some("nope")), None);
    assert_eq!(profile::region(&Env::from_slices(&[], &[]), None), None);
    // From the credentials file too (it wins over the config file).
    assert_eq!(
        profile::region(&env(&[], REGIONS, "[default]\nregion = ca-central-1"), None).as_deref(),
        Some("ca-central-1")
    );
}

#[test]
fn the_files_are_not_read_when_the_environment_answers() {
    let reads = Arc::new(AtomicUsize::new(0));
    let counter = reads.clone();
    let env = Env::new(
        |name| (name == "AWS_REGION").then(|| "us-east-1".to_string()),
        move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
            None
        },
    );
    assert_eq!(profile::region(&env, None).as_deref(), Some("us-east-1"));
    assert_eq!(reads.load(Ordering::SeqCst), 0);
    assert_eq!(profile::use_fips_endpoint(&env, None), None);
    assert_eq!(
        reads.load(Ordering::SeqCst),
        2,
        "config and credentials, once"
    );
}

#[test]
fn fips_and_dual_stack() {
    let files = "[default]\nuse_fips_endpoint = false\nuse_dualstack_endpoint = TRUE\n[profile odd]\nuse_fips_endpoint = yes\nuse_dualstack_endpoint =";
    let e = env(&[], files, "");
    assert_eq!(profile::use_fips_endpoint(&e, None), Some(false));
    assert_eq!(profile::use_dualstack_endpoint(&e, None), Some(true));
    assert_eq!(profile::use_fips_endpoint(&e, Some("odd")), None);
    assert_eq!(profile::use_dualstack_endpoint(&e, Some("odd")), None);
    assert_eq!(profile::use_fips_endpoint(&e, Some("missing")), None);

    let e = env(
        &[
            ("AWS_USE_FIPS_ENDPOINT", "True"),
            ("AWS_USE_DUALSTACK_ENDPOINT", "false"),
        ],
        files,
        "",
    );
    assert_eq!(profile::use_fips_endpoint(&e, None), Some(true));
    assert_eq!(profile::use_dualstack_endpoint(&e, None), Some(false));

    // A value that is set decides, even if it is not a boolean (as in aws-config)...
    let e = env(&[("AWS_USE_DUALSTACK_ENDPOINT", "1")], files, "");
    assert_eq!(profile::use_dualstack_endpoint(&e, None), None);
    // ...but an empty one counts as unset.
    let e = env(
        &[
            ("AWS_USE_FIPS_ENDPOINT", ""),
            ("AWS_USE_DUALSTACK_ENDPOINT", ""),
        ],
        files,
        "",
    );
    assert_eq!(profile::use_fips_endpoint(&e, None), Some(false));
    assert_eq!(profile::use_dualstack_endpoint(&e, None), Some(true));
}

#[test]
fn endpoint_url() {
    let files = "[default]\nendpoint_url = http://localhost:4566\n[profile ignoring]\nendpoint_url = http://x\nignore_configured_endpoint_urls = true";
    let e = env(&[], files, "");
    assert_eq!(
        profile::endpoint_url(&e, None, None).as_deref(),
        Some("http://localhost:4566")
    );
    assert_eq!(profile::endpoint_url(&e, Some("ignoring"), None), None);
    let e = env(&[("AWS_ENDPOINT_URL", "https://env.example")], files, "");
    assert_eq!(
        profile::endpoint_url(&e, None, None).as_deref(),
        Some("https://env.example")
    );
    let e = env(
        &[
            ("AWS_ENDPOINT_URL", "https://env.example"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE"),
        ],
        files,
        "",
    );
    assert_eq!(profile::endpoint_url(&e, None, None), None);
    // The environment's `false` overrides the profile's `true`.
    let e = env(
        &[("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false")],
        files,
        "",
    );
    assert_eq!(
        profile::endpoint_url(&e, Some("ignoring"), None).as_deref(),
        Some("http://x")
    );
    let e = env(&[("AWS_ENDPOINT_URL", "")], "", "");
    assert_eq!(profile::endpoint_url(&e, None, None), None);
}

// ---------------------------------------------------------------------------------------------
// EnvironmentCredentials

fn env_provider(vars: &[(&str, &str)]) -> EnvironmentCredentials {
    EnvironmentCredentials::with_env(Env::from_slices(vars, &[]))
}

#[test]
fn environment_credentials() {
    let creds = provide(&env_provider(&[
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
    ]))
    .unwrap();
    assert_eq!(creds.access_key_id(), "AKIDENV");
    assert_eq!(creds.secret_access_key(), SECRET);
    assert_eq!(creds.session_token(), None);
    assert_eq!(creds.account_id(), None);
    assert!(format!("{creds:?}").contains("Environment"));
    assert_no_secrets(&format!("{creds:?}"));

    let creds = provide(&env_provider(&[
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
        ("AWS_SESSION_TOKEN", TOKEN),
        ("AWS_ACCOUNT_ID", "123456789012"),
    ]))
    .unwrap();
    assert_eq!(creds.session_token(), Some(TOKEN));
    assert_eq!(creds.account_id().unwrap().as_str(), "123456789012");

    for blank in ["", "  "] {
        let creds = provide(&env_provider(&[
            ("AWS_ACCESS_KEY_ID", "AKIDENV"),
            ("AWS_SECRET_ACCESS_KEY", SECRET),
            ("AWS_SESSION_TOKEN", blank),
        ]))
        .unwrap();
        assert_eq!(creds.session_token(), None);
    }
}

#[test]
fn environment_secret_key_fallback() {
    let creds = provide(&env_provider(&[
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("SECRET_ACCESS_KEY", SECRET),
    ]))
    .unwrap();
    assert_eq!(creds.secret_access_key(), SECRET);
    let creds = provide(&env_provider(&[
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", " "),
        ("SECRET_ACCESS_KEY", SECRET),
    ]))
    .unwrap();
    assert_eq!(creds.secret_access_key(), SECRET);
    // `AWS_SECRET_ACCESS_KEY` wins.
    let creds = provide(&env_provider(&[
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
        ("SECRET_ACCESS_KEY", "other"),
    ]))
    .unwrap();
    assert_eq!(creds.secret_access_key(), SECRET);
}

#[test]
fn environment_missing_variables_are_not_loaded() {
    let err = provide(&env_provider(&[])).unwrap_err();
    check_error(
        &err,
        true,
        &["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "not set"],
    );
    let err = provide(&env_provider(&[("AWS_ACCESS_KEY_ID", "AKIDENV")])).unwrap_err();
    check_error(&err, true, &["AWS_SECRET_ACCESS_KEY is not set"]);
    let err = provide(&env_provider(&[("AWS_SECRET_ACCESS_KEY", SECRET)])).unwrap_err();
    check_error(&err, true, &["AWS_ACCESS_KEY_ID is not set"]);
}

#[test]
fn environment_empty_variables_are_invalid() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[("AWS_ACCESS_KEY_ID", ""), ("AWS_SECRET_ACCESS_KEY", SECRET)],
            "AWS_ACCESS_KEY_ID",
        ),
        (
            &[("AWS_ACCESS_KEY_ID", " "), ("AWS_SECRET_ACCESS_KEY", "")],
            "AWS_ACCESS_KEY_ID",
        ),
        (&[("AWS_ACCESS_KEY_ID", "")], "AWS_ACCESS_KEY_ID"),
        (
            &[("AWS_ACCESS_KEY_ID", "AKID"), ("AWS_SECRET_ACCESS_KEY", "")],
            "AWS_SECRET_ACCESS_KEY",
        ),
        (
            &[
                ("AWS_ACCESS_KEY_ID", "AKID"),
                ("AWS_SECRET_ACCESS_KEY", "\t"),
            ],
            "AWS_SECRET_ACCESS_KEY",
        ),
        (
            &[("AWS_ACCESS_KEY_ID", "AKID"), ("SECRET_ACCESS_KEY", "")],
            "SECRET_ACCESS_KEY",
        ),
        (
            &[
                ("AWS_ACCESS_KEY_ID", "AKID"),
                ("AWS_SECRET_ACCESS_KEY", ""),
                ("SECRET_ACCESS_KEY", ""),
            ],
            "AWS_SECRET_ACCESS_KEY",
        ),
    ];
    for (vars, named) in cases {
        let err = provide(&env_provider(vars)).unwrap_err();
        check_error(&err, false, &[&format!("{named} is set but empty")]);
    }
}

#[test]
fn environment_reads_at_call_time() {
    let vars: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let shared = vars.clone();
    let env = Env::new(
        move |name| {
            shared
                .lock()
                .unwrap()
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        },
        |_| None,
    );
    let provider = EnvironmentCredentials::with_env(env);
    assert!(provide(&provider).is_err());
    vars.lock().unwrap().extend([
        ("AWS_ACCESS_KEY_ID".to_string(), "AKIDLATER".to_string()),
        ("AWS_SECRET_ACCESS_KEY".to_string(), SECRET.to_string()),
    ]);
    assert_eq!(provide(&provider).unwrap().access_key_id(), "AKIDLATER");
}

// ---------------------------------------------------------------------------------------------
// ProfileCredentials

fn keys(profile_header: &str, id: &str) -> String {
    format!("{profile_header}\naws_access_key_id = {id}\naws_secret_access_key = {SECRET}\n")
}

#[test]
fn profile_credentials_from_either_file() {
    let from_credentials = env(&[], "", &keys("[default]", "AKIDCREDS"));
    let creds = provide(&ProfileCredentials::with_env(from_credentials)).unwrap();
    assert_eq!(creds.access_key_id(), "AKIDCREDS");
    assert_eq!(creds.secret_access_key(), SECRET);
    assert_eq!(creds.session_token(), None);
    assert!(format!("{creds:?}").contains("\"Profile\""));

    let from_config = env(&[], &keys("[profile dev]", "AKIDCONFIG"), "");
    let creds = provide(&ProfileCredentials::with_env(from_config).profile("dev")).unwrap();
    assert_eq!(creds.access_key_id(), "AKIDCONFIG");
}

#[test]
fn profile_credentials_file_wins_over_config_file() {
    let e = env(
        &[],
        &format!(
            "{}aws_session_token = {TOKEN}\n",
            keys("[default]", "AKIDCONFIG")
        ),
        &keys("[default]", "AKIDCREDS"),
    );
    let creds = provide(&ProfileCredentials::with_env(e)).unwrap();
    assert_eq!(creds.access_key_id(), "AKIDCREDS");
    assert_eq!(creds.session_token(), Some(TOKEN));
}

#[test]
fn profile_credentials_token_and_account() {
    let e = env(
        &[],
        "",
        &format!(
            "{}aws_session_token = {TOKEN}\naws_account_id = 111122223333\n[blank]\naws_access_key_id = A\naws_secret_access_key = {SECRET}\naws_session_token =",
            keys("[default]", "AKID")
        ),
    );
    let creds = provide(&ProfileCredentials::with_env(e.clone())).unwrap();
    assert_eq!(creds.session_token(), Some(TOKEN));
    assert_eq!(creds.account_id().unwrap().as_str(), "111122223333");
    let creds = provide(&ProfileCredentials::with_env(e).profile("blank")).unwrap();
    assert_eq!(creds.session_token(), None);
}

#[test]
fn profile_selection() {
    let files = format!(
        "{}{}",
        keys("[default]", "AKIDDEFAULT"),
        keys("[dev]", "AKIDDEV")
    );
    let by_env = env(&[("AWS_PROFILE", "dev")], "", &files);
    assert_eq!(
        provide(&ProfileCredentials::with_env(by_env.clone()))
            .unwrap()
            .access_key_id(),
        "AKIDDEV"
    );
    let explicit = ProfileCredentials::with_env(by_env).profile("default");
    assert_eq!(provide(&explicit).unwrap().access_key_id(), "AKIDDEFAULT");
    // `[profile dev]` belongs in the config file, `[dev]` in the credentials file.
    let wrong = env(&[], &keys("[dev]", "A"), &keys("[profile dev]", "B"));
    let err = provide(&ProfileCredentials::with_env(wrong).profile("dev")).unwrap_err();
    check_error(&err, true, &["no profile `dev`"]);
}

#[test]
fn profile_missing_names_the_profile_and_files() {
    let e = env(&[("AWS_PROFILE", "prod")], &keys("[default]", "AKID"), "");
    let err = provide(&ProfileCredentials::with_env(e)).unwrap_err();
    check_error(
        &err,
        true,
        &["no profile `prod`", "AWS_PROFILE", CONFIG, CREDENTIALS],
    );
    let e = env(&[], "", "");
    let err = provide(&ProfileCredentials::with_env(e).profile("x")).unwrap_err();
    check_error(&err, true, &["no profile `x` in", CONFIG, CREDENTIALS]);
    assert!(!full(&err).contains("AWS_PROFILE"));
}

#[test]
fn profile_without_keys_is_not_loaded() {
    let e = env(&[], "[default]\nregion = us-east-1", "");
    let err = provide(&ProfileCredentials::with_env(e)).unwrap_err();
    check_error(&err, true, &["profile `default` has no credentials"]);
}

#[test]
fn profile_with_incomplete_keys_is_invalid() {
    let cases = [
        (
            format!("[default]\naws_secret_access_key = {SECRET}"),
            "no `aws_access_key_id`",
        ),
        (
            "[default]\naws_access_key_id = AKID".to_string(),
            "no `aws_secret_access_key`",
        ),
        (
            format!("[default]\naws_access_key_id =\naws_secret_access_key = {SECRET}"),
            "an empty `aws_access_key_id`",
        ),
        (
            "[default]\naws_access_key_id = AKID\naws_secret_access_key =".to_string(),
            "an empty `aws_secret_access_key`",
        ),
        (
            format!("[default]\naws_session_token = {TOKEN}"),
            "no `aws_access_key_id` and no `aws_secret_access_key`",
        ),
    ];
    for (credentials, says) in cases {
        let err = provide(&ProfileCredentials::with_env(env(&[], "", &credentials))).unwrap_err();
        check_error(&err, false, &["profile `default` has", says]);
    }
}

#[test]
fn unsupported_profiles_name_the_profile_and_key() {
    let cases = [
        (
            "role_arn = arn:aws:iam::123456789012:role/R\nsource_profile = base",
            "role_arn",
        ),
        (
            "role_arn = arn:aws:iam::123456789012:role/R\ncredential_source = Ec2InstanceMetadata",
            "role_arn",
        ),
        ("credential_source = Environment", "credential_source"),
        (
            "role_arn = arn:aws:iam::123456789012:role/R\nweb_identity_token_file = /t",
            "web_identity_token_file",
        ),
        (
            "sso_session = my-sso\nsso_account_id = 1\nsso_role_name = R",
            "sso_session",
        ),
        (
            "sso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1",
            "sso_start_url",
        ),
        ("sso_region = us-east-1", "sso_region"),
        (
            "login_session = arn:aws:iam::0123456789012:user/Admin",
            "login_session",
        ),
        (
            "credential_process = /bin/creds --secret hunter2",
            "credential_process",
        ),
    ];
    for (lines, key) in cases {
        // The static keys are there too: aws-config would not use them, nor do we.
        let config = format!("{}{lines}\n", keys("[profile work]", "AKIDSTATIC"));
        let e = env(&[("AWS_PROFILE", "work")], &config, "");
        let err = provide(&ProfileCredentials::with_env(e)).unwrap_err();
        check_error(
            &err,
            false,
            &["profile `work`", &format!("`{key}`"), "aws-config"],
        );
        assert!(!full(&err).contains("hunter2"), "{}", full(&err));
        assert!(!full(&err).contains("AKIDSTATIC"), "{}", full(&err));
    }
    // `source_profile` alone, or an empty unsupported key, does not stop static keys.
    let config = format!(
        "{}source_profile = other\nrole_arn =\n",
        keys("[default]", "AKIDSTATIC")
    );
    let creds = provide(&ProfileCredentials::with_env(env(&[], &config, ""))).unwrap();
    assert_eq!(creds.access_key_id(), "AKIDSTATIC");
}

#[test]
fn profile_reads_at_call_time() {
    let reads = Arc::new(AtomicUsize::new(0));
    let contents = Arc::new(Mutex::new(String::new()));
    let (counter, shared) = (reads.clone(), contents.clone());
    let env = Env::new(
        |name| (name == "HOME").then(|| HOME.to_string()),
        move |path| {
            counter.fetch_add(1, Ordering::SeqCst);
            (path == Path::new(CREDENTIALS)).then(|| shared.lock().unwrap().clone())
        },
    );
    let provider = ProfileCredentials::with_env(env);
    assert_eq!(
        reads.load(Ordering::SeqCst),
        0,
        "nothing read at construction"
    );
    assert!(provide(&provider).is_err());
    *contents.lock().unwrap() = keys("[default]", "AKIDNEW");
    assert_eq!(provide(&provider).unwrap().access_key_id(), "AKIDNEW");
    *contents.lock().unwrap() = keys("[default]", "AKIDROTATED");
    assert_eq!(provide(&provider).unwrap().access_key_id(), "AKIDROTATED");
}

// ---------------------------------------------------------------------------------------------
// DefaultCredentialsChain

#[test]
fn chain_prefers_the_environment() {
    let e = env(
        &[
            ("AWS_ACCESS_KEY_ID", "AKIDENV"),
            ("AWS_SECRET_ACCESS_KEY", SECRET),
        ],
        "",
        &keys("[default]", "AKIDPROFILE"),
    );
    let creds = provide(&DefaultCredentialsChain::with_env(e)).unwrap();
    assert_eq!(creds.access_key_id(), "AKIDENV");
    assert!(format!("{creds:?}").contains("\"Environment\""));
}

#[test]
fn chain_falls_back_to_the_profile() {
    for vars in [
        &[][..],
        &[("AWS_ACCESS_KEY_ID", ""), ("AWS_SECRET_ACCESS_KEY", "")][..],
        &[("AWS_ACCESS_KEY_ID", "AKIDENV")][..],
    ] {
        let e = env(vars, "", &keys("[default]", "AKIDPROFILE"));
        let creds = provide(&DefaultCredentialsChain::with_env(e)).unwrap();
        assert_eq!(creds.access_key_id(), "AKIDPROFILE");
        assert!(format!("{creds:?}").contains("\"Profile\""));
    }
    let e = env(
        &[],
        "",
        &format!("{}{}", keys("[default]", "A"), keys("[dev]", "AKIDDEV")),
    );
    let creds = provide(&DefaultCredentialsChain::with_env(e).profile("dev")).unwrap();
    assert_eq!(creds.access_key_id(), "AKIDDEV");
}

#[test]
fn chain_error_says_what_each_provider_said() {
    let err = provide(&DefaultCredentialsChain::with_env(env(&[], "", ""))).unwrap_err();
    check_error(
        &err,
        true,
        &[
            "no credentials found",
            "Environment: the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
            "Profile: no profile `default`",
        ],
    );

    let e = env(
        &[("AWS_ACCESS_KEY_ID", ""), ("AWS_SECRET_ACCESS_KEY", SECRET)],
        "[default]\nsso_session = corp",
        "",
    );
    let err = provide(&DefaultCredentialsChain::with_env(e)).unwrap_err();
    check_error(
        &err,
        false,
        &[
            "Environment: the environment variable AWS_ACCESS_KEY_ID is set but empty",
            "Profile: profile `default` sets `sso_session`",
        ],
    );
}

#[test]
fn providers_debug_shows_no_secrets() {
    let e = env(
        &[
            ("AWS_ACCESS_KEY_ID", "AKIDENV"),
            ("AWS_SECRET_ACCESS_KEY", SECRET),
            ("AWS_SESSION_TOKEN", TOKEN),
        ],
        &format!("{}aws_session_token = {TOKEN}", keys("[default]", "AKID")),
        &keys("[default]", "AKID"),
    );
    let debug = format!(
        "{:?} {:?} {:?} {e:?}",
        EnvironmentCredentials::with_env(e.clone()),
        ProfileCredentials::with_env(e.clone()).profile("default"),
        DefaultCredentialsChain::with_env(e.clone()),
    );
    assert_no_secrets(&debug);
    let creds = provide(&DefaultCredentialsChain::with_env(e)).unwrap();
    assert_no_secrets(&format!("{creds:?}"));
}

#[test]
fn real_environment_constructors_do_not_read() {
    // Building reads nothing; `Default` is `new`.
    let _ = (
        EnvironmentCredentials::default(),
        ProfileCredentials::default(),
        DefaultCredentialsChain::default(),
    );
    let _ = Env::real().var("THIS_VARIABLE_IS_NOT_SET_ANYWHERE_7F3A");
}

#[test]
fn a_service_endpoint_url_comes_first() {
    let e = Env::from_slices(
        &[
            ("HOME", HOME),
            ("AWS_ENDPOINT_URL", "http://everything:1"),
            ("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://logs:2"),
        ],
        &[],
    );
    assert_eq!(
        profile::endpoint_url(&e, None, Some("CloudWatch Logs")).as_deref(),
        Some("http://logs:2")
    );
    assert_eq!(
        profile::endpoint_url(&e, None, Some("FSx")).as_deref(),
        Some("http://everything:1")
    );
}
