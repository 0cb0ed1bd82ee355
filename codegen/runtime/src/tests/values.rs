//! Tests of `values`.

use crate::values::*;

#[test]
fn unknown_values_keep_what_was_received() {
    assert_eq!(UnknownEnumValue::new("ARCHIVED").as_str(), "ARCHIVED");
    assert_eq!(UnknownEnumValue::new("ARCHIVED").to_string(), "ARCHIVED");
    assert_eq!(UnknownIntEnumValue::new(-7).value(), -7);
}

#[test]
fn build_error_names_the_member() {
    let e = BuildError::missing_member("CopyBackupInput", "source_backup_id", "SourceBackupId");
    assert_eq!(
        e.to_string(),
        "CopyBackupInput: required member `source_backup_id` (SourceBackupId) is not set"
    );
}
