//! `Debug` never prints `@sensitive` data, however deep it sits.

use fixture_sensitive::operation::log_in::LogInInput;
use fixture_sensitive::types::{Auth, Clearance, Credentials, Profile};

const MARKER: &str = "*** Sensitive Data Redacted ***";

fn login() -> LogInInput {
    let mut credentials = Credentials::default();
    credentials.access_key = Some("AKIA-secret-access".into());
    credentials.secret_key = Some("secret-key-value".into());
    let profile = Profile::builder()
        .name("alice-profile")
        .pin("secret-pin")
        .build();
    LogInInput::builder()
        .user("alice")
        .password("secret-password")
        .password_history("secret-old-1")
        .password_history("secret-old-2")
        .passwords_by_site("example.com", "secret-site")
        .nested_history(vec!["secret-nested".to_owned()])
        .credentials(credentials)
        .profile(profile)
        .auth(Auth::Token("secret-token".into()))
        .clearance(Clearance::TopSecret)
        .build()
        .expect("user and password are set")
}

#[test]
fn nothing_sensitive_is_printed() {
    let input = login();
    for text in [
        format!("{input:?}"),
        format!("{input:#?}"),
        format!("{:?}", LogInInput::builder().password("secret-b")),
    ] {
        assert!(!text.contains("secret"), "leaked: {text}");
        assert!(
            !text.contains("TopSecret") && !text.contains("TOP_SECRET"),
            "leaked the clearance: {text}"
        );
        assert!(text.contains(MARKER), "{text}");
    }
    let text = format!("{input:?}");
    assert!(
        text.contains("alice"),
        "non-sensitive members still print: {text}"
    );
    assert!(
        text.contains("alice-profile"),
        "nested non-sensitive members still print: {text}"
    );
}

#[test]
fn sensitive_shapes_redact_on_their_own() {
    assert_eq!(format!("{:?}", Clearance::Secret), MARKER);
    let text = format!("{:?}", Auth::Token("secret-token".into()));
    assert_eq!(text, format!("Token({MARKER:?})"));
    assert_eq!(format!("{:?}", Auth::Name("bob".into())), "Name(\"bob\")");
    let mut credentials = Credentials::default();
    credentials.access_key = Some("hunter2".into());
    let text = format!("{credentials:?}");
    assert!(!text.contains("hunter2") && text.contains(MARKER), "{text}");
}
