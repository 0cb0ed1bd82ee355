// A small program written for aws-sdk-fsx's backup operations, with the SDK's idioms:
// builders (appending list setters, `set_` to replace), getters (`&[T]`, `Option<&str>`,
// `Option<&T>`), matching enums (with a fallback for values a newer service sends) and
// matching errors (variants and `is_*`). `sdk_idioms.rs` compiles it twice, against
// aws-sdk-fsx and against the generated crate; only the `use` lines before it differ.

/// The copy request a backup tool sends.
pub fn copy_input() -> Result<CopyBackupInput, BuildError> {
    CopyBackupInput::builder()
        .source_backup_id("backup-03e3c82e0183b7b6b")
        .source_region("us-east-2")
        .copy_tags(true)
        .tags(Tag::builder().key("Name").value("MyBackup").build())
        .tags(Tag::builder().key("Team").value("storage").build())
        .build()
}

/// A listing request: filters appended one by one, a token set with `set_`.
pub fn describe_input() -> Result<DescribeBackupsInput, BuildError> {
    DescribeBackupsInput::builder()
        .backup_ids("backup-1")
        .filters(
            Filter::builder()
                .name(FilterName::FileSystemId)
                .values("fs-1")
                .values("fs-2")
                .build(),
        )
        .max_results(10)
        .set_next_token(Some("token".to_owned()))
        .build()
}

/// A listing as a test fixture: outputs build without `?`.
pub fn listing() -> DescribeBackupsOutput {
    DescribeBackupsOutput::builder()
        .backups(
            Backup::builder()
                .backup_id("backup-1")
                .lifecycle(BackupLifecycle::Available)
                .r#type(BackupType::UserInitiated)
                .creation_time(DateTime::from_secs(1_617_954_808))
                .progress_percent(100)
                .file_system(FileSystem::builder().file_system_id("fs-1").build())
                .tags(Tag::builder().key("Name").value("nightly").build())
                .build(),
        )
        .backups(
            Backup::builder()
                .backup_id("backup-2")
                .lifecycle(BackupLifecycle::from("ARCHIVED"))
                .build(),
        )
        .next_token("next")
        .build()
}

/// What the tool prints of its requests.
pub fn show_inputs(copy: &CopyBackupInput, describe: &DescribeBackupsInput) -> String {
    let tags: Vec<String> = copy
        .tags()
        .iter()
        .map(|t| {
            format!(
                "{}={}",
                t.key().unwrap_or_default(),
                t.value().unwrap_or_default()
            )
        })
        .collect();
    let filters: Vec<String> = describe
        .filters()
        .iter()
        .map(|f| {
            format!(
                "{:?}:{}",
                f.name().map(|n| n.as_str()),
                f.values().join("|")
            )
        })
        .collect();
    format!(
        "copy {:?} from {:?} copy_tags={:?} tags {}; describe {:?} {} max {:?} token {:?}",
        copy.source_backup_id(),
        copy.source_region(),
        copy.copy_tags(),
        tags.join(","),
        describe.backup_ids(),
        filters.join(","),
        describe.max_results(),
        describe.next_token(),
    )
}

/// What the tool prints of a listing.
pub fn show_listing(output: &DescribeBackupsOutput) -> String {
    let mut lines = Vec::new();
    for backup in output.backups() {
        let lifecycle = match backup.lifecycle() {
            Some(BackupLifecycle::Available) => "ready".to_owned(),
            Some(BackupLifecycle::Creating | BackupLifecycle::Pending) => "in progress".to_owned(),
            Some(other) => format!("other ({})", other.as_str()),
            None => "unknown".to_owned(),
        };
        lines.push(format!(
            "{} {} {:?} at {:?} {:?}% fs {:?} tags {}",
            backup.backup_id().unwrap_or("-"),
            lifecycle,
            backup.r#type().map(|t| t.as_str()),
            backup.creation_time().map(|t| t.secs()),
            backup.progress_percent(),
            backup.file_system().and_then(|f| f.file_system_id()),
            backup.tags().len(),
        ));
    }
    lines.push(format!("next {:?}", output.next_token()));
    lines.join("\n")
}

/// What the tool prints of an error.
pub fn show_error(error: &CopyBackupError) -> String {
    match error {
        CopyBackupError::BackupNotFound(e) => format!("no such backup: {:?}", e.message()),
        CopyBackupError::InvalidRegion(e) => format!("bad region: {:?}", e.message()),
        other if other.is_bad_request() => format!("bad request: {:?}", other.message()),
        other => format!("failed: {:?} {:?}", other.code(), other.message()),
    }
}
