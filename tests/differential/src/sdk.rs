//! aws-sdk-fsx behind a fake HTTP client: requests are captured, responses are canned.
//!
//! The client is configured as a user would (static credentials, a region, SigV4), with
//! retries off (an error response is classified once), a sleep that never waits (the SDK
//! insists on one for its timeouts) and the idempotency token fixed to [`FIXED_TOKEN`].

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use aws_smithy_json::codec::{JsonCodec, JsonCodecSettings};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_schema::codec::{Codec, FinishSerializer};
use aws_smithy_schema::serde::{SerializableStruct, ShapeSerializer};
use aws_smithy_types::body::SdkBody;

/// The idempotency token aws-sdk-fsx fills in (ours fills a random UUID v4).
pub const FIXED_TOKEN: &str = "00000000-0000-4000-8000-00000000f1x0";

/// A request as the fake HTTP client saw it.
#[derive(Clone, Debug)]
pub struct Captured {
    pub method: String,
    pub uri: String,
    /// Header names in lower case, in the order sent.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Captured {
    /// The first value of a header (name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The path of the URI (`/`).
    pub fn path(&self) -> &str {
        let after_scheme = self
            .uri
            .split_once("://")
            .map_or(self.uri.as_str(), |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("", |at| &after_scheme[at..]);
        path.split('?').next().unwrap_or(path)
    }
}

/// A canned response.
#[derive(Clone, Debug)]
pub struct Canned {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

#[derive(Clone, Debug, Default)]
struct Fake {
    last: Arc<Mutex<Option<Captured>>>,
    next: Arc<Mutex<Option<Canned>>>,
}

impl HttpConnector for Fake {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let captured = Captured {
            method: request.method().to_owned(),
            uri: request.uri().to_owned(),
            headers: request
                .headers()
                .iter()
                .map(|(k, v)| (k.to_ascii_lowercase(), v.to_owned()))
                .collect(),
            body: request.body().bytes().unwrap_or_default().to_vec(),
        };
        *self.last.lock().expect("not poisoned") = Some(captured);
        let canned = self
            .next
            .lock()
            .expect("not poisoned")
            .take()
            .unwrap_or(Canned {
                status: 200,
                headers: Vec::new(),
                body: b"{}".to_vec(),
            });
        let mut builder = http::Response::builder().status(canned.status);
        for (name, value) in &canned.headers {
            builder = builder.header(name, value);
        }
        let response = builder
            .body(SdkBody::from(canned.body))
            .expect("a valid canned response");
        HttpConnectorFuture::ready(Ok(
            HttpResponse::try_from(response).expect("an HTTP/1 response")
        ))
    }
}

impl HttpClient for Fake {
    fn http_connector(
        &self,
        _: &HttpConnectorSettings,
        _: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

#[derive(Debug)]
struct NoSleep;

impl aws_smithy_async::rt::sleep::AsyncSleep for NoSleep {
    fn sleep(&self, _: std::time::Duration) -> aws_smithy_async::rt::sleep::Sleep {
        aws_smithy_async::rt::sleep::Sleep::new(async {})
    }
}

/// An aws-sdk-fsx client wired to a fake HTTP client.
pub struct Sdk {
    pub client: aws_sdk_fsx::Client,
    fake: Fake,
}

impl Default for Sdk {
    fn default() -> Self {
        Sdk::new()
    }
}

impl Sdk {
    /// A client for `us-east-1` with static credentials and the fixed idempotency token.
    pub fn new() -> Self {
        let fake = Fake::default();
        let config = aws_sdk_fsx::Config::builder()
            .behavior_version(aws_sdk_fsx::config::BehaviorVersion::latest())
            .http_client(fake.clone())
            .credentials_provider(aws_credential_types::Credentials::new(
                "AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                None,
                None,
                "differential",
            ))
            .region(aws_sdk_fsx::config::Region::new("us-east-1"))
            .retry_config(aws_smithy_types::retry::RetryConfig::disabled())
            .sleep_impl(NoSleep)
            .idempotency_token_provider(FIXED_TOKEN)
            .build();
        Sdk {
            client: aws_sdk_fsx::Client::from_conf(config),
            fake,
        }
    }

    /// Sets the response the next request gets (else `200 {}`).
    pub fn respond_with(&self, canned: Canned) {
        *self.fake.next.lock().expect("not poisoned") = Some(canned);
    }

    /// Takes the last request the client sent.
    pub fn take_request(&self) -> Option<Captured> {
        self.fake.last.lock().expect("not poisoned").take()
    }
}

/// Runs a future that never waits on anything outside itself (the fake client answers at
/// once) to completion on this thread.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1_000_000 {
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
        std::thread::yield_now();
    }
    panic!("an aws-sdk-fsx call did not complete: something in it waits on a timer or I/O");
}

/// The codec aws-sdk-fsx's awsJson 1.1 protocol uses (model member names, epoch seconds).
pub fn codec() -> JsonCodec {
    JsonCodec::new(
        JsonCodecSettings::builder()
            .use_json_name(false)
            .default_timestamp_format(aws_smithy_types::date_time::Format::EpochSeconds)
            .build(),
    )
}

/// An SDK structure as JSON, through the SDK's own serializer.
pub fn to_json(
    schema: &aws_smithy_schema::Schema<'_>,
    value: &dyn SerializableStruct,
) -> Result<Vec<u8>, String> {
    let mut serializer = codec().create_serializer();
    serializer
        .write_struct(schema, value)
        .map_err(|e| format!("aws-sdk-fsx cannot serialize its value: {e}"))?;
    Ok(FinishSerializer::finish(serializer))
}

/// How one side classified an error response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorView {
    /// The error enum's variant (`BackupNotFound`, or `Unhandled`).
    pub variant: String,
    /// The `is_*` methods that return true.
    pub is: Vec<&'static str>,
    /// `code()`.
    pub code: Option<String>,
    /// `message()`.
    pub message: Option<String>,
    /// The request id.
    pub request_id: Option<String>,
    /// A modeled error's members, as JSON (serialized by the same side).
    pub members: Option<Vec<u8>>,
}

/// A response as one side read it: the output as JSON, or the error.
pub type ResponseView = Result<Vec<u8>, ErrorView>;

/// What the differential tests do with one operation, on both sides. (An `ErrorView` is big
/// for an `Err`, and that is fine: these run once per test case, not in a hot path.)
#[allow(clippy::result_large_err)]
pub trait Harness {
    /// The operation's name.
    const NAME: &'static str;

    /// Our request for the input `json`: `fsx::json::from_slice`, then `request`.
    fn ours_request(json: &[u8]) -> Result<http::Request<Vec<u8>>, String>;

    /// aws-sdk-fsx's request for the input `json` (read by its codec, set on the fluent
    /// builder, sent through the fake client).
    fn sdk_request(sdk: &Sdk, json: &[u8]) -> Result<Captured, String>;

    /// Our reading of a response.
    fn ours_response(status: u16, headers: &[(String, String)], body: &[u8]) -> ResponseView;

    /// aws-sdk-fsx's reading of a response (through the fake client).
    fn sdk_response(
        sdk: &Sdk,
        status: u16,
        headers: &[(String, String)],
        body: &[u8],
    ) -> ResponseView;

    /// aws-sdk-fsx's reading of an output body through its codec alone (the JSON codec its
    /// awsJson protocol reads bodies with), written back by its serializer.
    fn sdk_read_output(body: &[u8]) -> Result<Vec<u8>, String>;
}

fn header_map(headers: &[(String, String)]) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for (name, value) in headers {
        map.append(
            http::HeaderName::from_bytes(name.as_bytes()).expect("valid header name"),
            http::HeaderValue::from_str(value).expect("valid header value"),
        );
    }
    map
}

/// Our `response` for status, headers and body.
pub fn ours_status(status: u16) -> http::StatusCode {
    http::StatusCode::from_u16(status).expect("valid status")
}

macro_rules! harness {
    (
        $Harness:ident, $name:literal, $op:ident, $Input:ident, $Output:ident, $Error:ident,
        fields [$($field:ident => $setter:ident),* $(,)?],
        errors [$($Variant:ident => $is:ident),* $(,)?]
    ) => {
        #[doc = concat!("`", $name, "` on both sides.")]
        pub struct $Harness;

        #[allow(clippy::result_large_err)]
        impl Harness for $Harness {
            const NAME: &'static str = $name;

            fn ours_request(json: &[u8]) -> Result<http::Request<Vec<u8>>, String> {
                let input: fsx::operation::$op::$Input =
                    fsx::json::from_slice(json).map_err(|e| format!("ours cannot read the input: {e}"))?;
                fsx::operation::$op::request(&input).map_err(|e| format!("ours cannot write the request: {e}"))
            }

            fn sdk_request(sdk: &Sdk, json: &[u8]) -> Result<Captured, String> {
                let input = aws_sdk_fsx::operation::$op::$Input::deserialize(&mut codec().create_deserializer(json))
                    .map_err(|e| format!("aws-sdk-fsx cannot read the input: {e}"))?;
                let _ = sdk.take_request();
                let result = block_on(sdk.client.$op()$(.$setter(input.$field))*.send());
                sdk.take_request()
                    .ok_or_else(|| format!("aws-sdk-fsx sent no request: {result:?}"))
            }

            fn ours_response(status: u16, headers: &[(String, String)], body: &[u8]) -> ResponseView {
                use fsx::operation::$op::$Error as E;
                match fsx::operation::$op::response(ours_status(status), &header_map(headers), body) {
                    Ok(output) => Ok(fsx::json::to_vec(&output).expect("ours writes what it read")),
                    Err(error) => {
                        let mut is = Vec::new();
                        $(if error.$is() { is.push(stringify!($is)); })*
                        let (variant, members) = match &error {
                            $(E::$Variant(e) => (stringify!($Variant), Some(fsx::json::to_vec(&**e).expect("ours writes its error"))),)*
                            E::Unhandled(_) => ("Unhandled", None),
                            _ => ("(a variant the harness does not know)", None),
                        };
                        Err(ErrorView {
                            variant: variant.to_owned(),
                            is,
                            code: error.code().map(str::to_owned),
                            message: error.message().map(str::to_owned),
                            request_id: error.request_id().map(str::to_owned),
                            members,
                        })
                    }
                }
            }

            fn sdk_read_output(body: &[u8]) -> Result<Vec<u8>, String> {
                let output = aws_sdk_fsx::operation::$op::$Output::deserialize(&mut codec().create_deserializer(body))
                    .map_err(|e| format!("aws-sdk-fsx cannot read the output: {e}"))?;
                to_json(aws_sdk_fsx::operation::$op::$Output::SCHEMA, &output)
            }

            fn sdk_response(sdk: &Sdk, status: u16, headers: &[(String, String)], body: &[u8]) -> ResponseView {
                use aws_sdk_fsx::error::ProvideErrorMetadata as _;
                use aws_sdk_fsx::operation::RequestId as _;
                use aws_sdk_fsx::operation::$op::$Error as E;
                sdk.respond_with(Canned { status, headers: headers.to_vec(), body: body.to_vec() });
                let result = block_on(sdk.client.$op().send());
                match result {
                    Ok(output) => Ok(to_json(aws_sdk_fsx::operation::$op::$Output::SCHEMA, &output).map_err(|e| ErrorView {
                        variant: "(cannot serialize)".into(),
                        message: Some(e),
                        ..ErrorView::default()
                    })?),
                    Err(error) => {
                        // A modeled or coded error is a `ServiceError`; an error response with
                        // no code at all comes back as a `ResponseError` whose source is the
                        // operation's error (`Unhandled`): both are how the SDK classified it.
                        let error: E = match error {
                            aws_sdk_fsx::error::SdkError::ServiceError(context) => context.into_err(),
                            other => {
                                let text = format!("{other:?}");
                                match other.into_source().map(|source| source.downcast::<E>()) {
                                    Ok(Ok(error)) => *error,
                                    _ => {
                                        return Err(ErrorView {
                                            variant: "(not a service error)".to_owned(),
                                            message: Some(text),
                                            ..ErrorView::default()
                                        })
                                    }
                                }
                            }
                        };
                        let mut is = Vec::new();
                        $(if error.$is() { is.push(stringify!($is)); })*
                        let (variant, members) = match &error {
                            $(E::$Variant(e) => (stringify!($Variant), to_json(e.schema(), e).ok()),)*
                            _ => ("Unhandled", None),
                        };
                        Err(ErrorView {
                            variant: variant.to_owned(),
                            is,
                            code: error.code().map(str::to_owned),
                            message: error.message().map(str::to_owned),
                            request_id: error.request_id().map(str::to_owned),
                            members,
                        })
                    }
                }
            }
        }
    };
}

harness!(
    CopyBackup, "CopyBackup", copy_backup, CopyBackupInput, CopyBackupOutput, CopyBackupError,
    fields [
        client_request_token => set_client_request_token,
        source_backup_id => set_source_backup_id,
        source_region => set_source_region,
        kms_key_id => set_kms_key_id,
        copy_tags => set_copy_tags,
        tags => set_tags,
    ],
    errors [
        BackupNotFound => is_backup_not_found,
        BadRequest => is_bad_request,
        IncompatibleParameterError => is_incompatible_parameter_error,
        IncompatibleRegionForMultiAz => is_incompatible_region_for_multi_az,
        InternalServerError => is_internal_server_error,
        InvalidDestinationKmsKey => is_invalid_destination_kms_key,
        InvalidRegion => is_invalid_region,
        InvalidSourceKmsKey => is_invalid_source_kms_key,
        ServiceLimitExceeded => is_service_limit_exceeded,
        SourceBackupUnavailable => is_source_backup_unavailable,
        UnsupportedOperation => is_unsupported_operation,
    ]
);

harness!(
    CreateBackup, "CreateBackup", create_backup, CreateBackupInput, CreateBackupOutput, CreateBackupError,
    fields [
        file_system_id => set_file_system_id,
        client_request_token => set_client_request_token,
        tags => set_tags,
        volume_id => set_volume_id,
    ],
    errors [
        BackupInProgress => is_backup_in_progress,
        BadRequest => is_bad_request,
        FileSystemNotFound => is_file_system_not_found,
        IncompatibleParameterError => is_incompatible_parameter_error,
        InternalServerError => is_internal_server_error,
        ServiceLimitExceeded => is_service_limit_exceeded,
        UnsupportedOperation => is_unsupported_operation,
        VolumeNotFound => is_volume_not_found,
    ]
);

harness!(
    CreateFileSystemFromBackup, "CreateFileSystemFromBackup", create_file_system_from_backup,
    CreateFileSystemFromBackupInput, CreateFileSystemFromBackupOutput, CreateFileSystemFromBackupError,
    fields [
        backup_id => set_backup_id,
        client_request_token => set_client_request_token,
        subnet_ids => set_subnet_ids,
        security_group_ids => set_security_group_ids,
        tags => set_tags,
        windows_configuration => set_windows_configuration,
        lustre_configuration => set_lustre_configuration,
        storage_type => set_storage_type,
        kms_key_id => set_kms_key_id,
        file_system_type_version => set_file_system_type_version,
        open_zfs_configuration => set_open_zfs_configuration,
        storage_capacity => set_storage_capacity,
        network_type => set_network_type,
    ],
    errors [
        ActiveDirectoryError => is_active_directory_error,
        BackupNotFound => is_backup_not_found,
        BadRequest => is_bad_request,
        IncompatibleParameterError => is_incompatible_parameter_error,
        InternalServerError => is_internal_server_error,
        InvalidNetworkSettings => is_invalid_network_settings,
        InvalidPerUnitStorageThroughput => is_invalid_per_unit_storage_throughput,
        MissingFileSystemConfiguration => is_missing_file_system_configuration,
        ServiceLimitExceeded => is_service_limit_exceeded,
    ]
);

harness!(
    CreateVolumeFromBackup, "CreateVolumeFromBackup", create_volume_from_backup,
    CreateVolumeFromBackupInput, CreateVolumeFromBackupOutput, CreateVolumeFromBackupError,
    fields [
        backup_id => set_backup_id,
        client_request_token => set_client_request_token,
        name => set_name,
        ontap_configuration => set_ontap_configuration,
        tags => set_tags,
    ],
    errors [
        BackupNotFound => is_backup_not_found,
        BadRequest => is_bad_request,
        FileSystemNotFound => is_file_system_not_found,
        IncompatibleParameterError => is_incompatible_parameter_error,
        InternalServerError => is_internal_server_error,
        MissingVolumeConfiguration => is_missing_volume_configuration,
        ServiceLimitExceeded => is_service_limit_exceeded,
        StorageVirtualMachineNotFound => is_storage_virtual_machine_not_found,
    ]
);

harness!(
    DeleteBackup, "DeleteBackup", delete_backup, DeleteBackupInput, DeleteBackupOutput, DeleteBackupError,
    fields [
        backup_id => set_backup_id,
        client_request_token => set_client_request_token,
    ],
    errors [
        BackupBeingCopied => is_backup_being_copied,
        BackupInProgress => is_backup_in_progress,
        BackupNotFound => is_backup_not_found,
        BackupRestoring => is_backup_restoring,
        BadRequest => is_bad_request,
        IncompatibleParameterError => is_incompatible_parameter_error,
        InternalServerError => is_internal_server_error,
    ]
);

harness!(
    DescribeBackups, "DescribeBackups", describe_backups, DescribeBackupsInput, DescribeBackupsOutput, DescribeBackupsError,
    fields [
        backup_ids => set_backup_ids,
        filters => set_filters,
        max_results => set_max_results,
        next_token => set_next_token,
    ],
    errors [
        BackupNotFound => is_backup_not_found,
        BadRequest => is_bad_request,
        FileSystemNotFound => is_file_system_not_found,
        InternalServerError => is_internal_server_error,
        VolumeNotFound => is_volume_not_found,
    ]
);

/// The error variants each harness knows, by operation (to check them against the model).
pub fn harness_errors(operation: &str) -> Vec<&'static str> {
    macro_rules! list {
        ($($v:literal),*) => { vec![$($v),*] };
    }
    match operation {
        "CopyBackup" => list!(
            "BackupNotFound",
            "BadRequest",
            "IncompatibleParameterError",
            "IncompatibleRegionForMultiAZ",
            "InternalServerError",
            "InvalidDestinationKmsKey",
            "InvalidRegion",
            "InvalidSourceKmsKey",
            "ServiceLimitExceeded",
            "SourceBackupUnavailable",
            "UnsupportedOperation"
        ),
        "CreateBackup" => list!(
            "BackupInProgress",
            "BadRequest",
            "FileSystemNotFound",
            "IncompatibleParameterError",
            "InternalServerError",
            "ServiceLimitExceeded",
            "UnsupportedOperation",
            "VolumeNotFound"
        ),
        "CreateFileSystemFromBackup" => list!(
            "ActiveDirectoryError",
            "BackupNotFound",
            "BadRequest",
            "IncompatibleParameterError",
            "InternalServerError",
            "InvalidNetworkSettings",
            "InvalidPerUnitStorageThroughput",
            "MissingFileSystemConfiguration",
            "ServiceLimitExceeded"
        ),
        "CreateVolumeFromBackup" => list!(
            "BackupNotFound",
            "BadRequest",
            "FileSystemNotFound",
            "IncompatibleParameterError",
            "InternalServerError",
            "MissingVolumeConfiguration",
            "ServiceLimitExceeded",
            "StorageVirtualMachineNotFound"
        ),
        "DeleteBackup" => list!(
            "BackupBeingCopied",
            "BackupInProgress",
            "BackupNotFound",
            "BackupRestoring",
            "BadRequest",
            "IncompatibleParameterError",
            "InternalServerError"
        ),
        "DescribeBackups" => list!(
            "BackupNotFound",
            "BadRequest",
            "FileSystemNotFound",
            "InternalServerError",
            "VolumeNotFound"
        ),
        other => panic!("no harness for {other}"),
    }
}
