//! The SDK's idioms, unchanged: `sdk_idioms/program.rs`, written for aws-sdk-fsx's backup
//! operations (builders, getters, enums, error matching), compiles against aws-sdk-fsx and
//! against the generated crate with only its `use` lines changed, and prints the same.

/// The program against aws-sdk-fsx.
mod sdk {
    use aws_sdk_fsx::error::{BuildError, ProvideErrorMetadata};
    use aws_sdk_fsx::operation::copy_backup::{CopyBackupError, CopyBackupInput};
    use aws_sdk_fsx::operation::describe_backups::{DescribeBackupsInput, DescribeBackupsOutput};
    use aws_sdk_fsx::primitives::DateTime;
    use aws_sdk_fsx::types::{
        Backup, BackupLifecycle, BackupType, FileSystem, Filter, FilterName, Tag,
    };

    include!("sdk_idioms/program.rs");
}

/// The same program against the generated crate.
mod ours {
    use fsx::error::BuildError;
    use fsx::operation::copy_backup::{CopyBackupError, CopyBackupInput};
    use fsx::operation::describe_backups::{DescribeBackupsInput, DescribeBackupsOutput};
    use fsx::primitives::DateTime;
    use fsx::types::{Backup, BackupLifecycle, BackupType, FileSystem, Filter, FilterName, Tag};

    include!("sdk_idioms/program.rs");
}

#[test]
fn the_same_program_prints_the_same() {
    let sdk = sdk::show_inputs(&sdk::copy_input().unwrap(), &sdk::describe_input().unwrap());
    let ours = ours::show_inputs(
        &ours::copy_input().unwrap(),
        &ours::describe_input().unwrap(),
    );
    assert_eq!(ours, sdk);
    assert!(ours.contains("tags Name=MyBackup,Team=storage"), "{ours}");

    let sdk = sdk::show_listing(&sdk::listing());
    let ours = ours::show_listing(&ours::listing());
    assert_eq!(ours, sdk);
    assert!(ours.contains("backup-2 other (ARCHIVED)"), "{ours}");
}

#[test]
fn the_same_errors_match_the_same_way() {
    use aws_sdk_fsx::error::ErrorMetadata;
    use aws_sdk_fsx::operation::copy_backup::CopyBackupError as SdkError;
    use aws_sdk_fsx::types::error::{BackupNotFound, BadRequest};

    // The SDK's errors, as its client returns them (with what the response said).
    let meta =
        |code: &str, message: &str| ErrorMetadata::builder().code(code).message(message).build();
    let sdk_errors = [
        SdkError::BackupNotFound(
            BackupNotFound::builder()
                .message("gone")
                .meta(meta("BackupNotFound", "gone"))
                .build(),
        ),
        SdkError::BadRequest(
            BadRequest::builder()
                .message("no")
                .meta(meta("BadRequest", "no"))
                .build(),
        ),
    ];
    // Ours, as `response` reads them from the same responses.
    let ours_errors = [
        ("BackupNotFound", r#"{"Message":"gone"}"#),
        ("BadRequest", r#"{"Message":"no"}"#),
    ]
    .map(|(code, body)| {
        let mut headers = http::HeaderMap::new();
        headers.insert("x-amzn-errortype", code.parse().unwrap());
        fsx::operation::copy_backup::response(
            http::StatusCode::BAD_REQUEST,
            &headers,
            body.as_bytes(),
        )
        .unwrap_err()
    });
    for (sdk, ours) in sdk_errors.iter().zip(&ours_errors) {
        assert_eq!(ours::show_error(ours), sdk::show_error(sdk));
    }
    assert_eq!(
        ours::show_error(&ours_errors[0]),
        "no such backup: Some(\"gone\")"
    );
}
