//! End to end: `fsx::Client` (the `client` feature) against moto's FSx server, a Python
//! implementation of the service (`python -m moto.server`, [`differential::moto`]), over real
//! HTTP with SigV4-signed requests.
//!
//! The scenario: a file system (CreateFileSystem, by hand: see [`create_file_system`]), three
//! tagged backups, DescribeBackups one backup per page, DeleteBackup, then what moto answers for
//! a backup that is gone, an unknown file system, a bad page token and CopyBackup (which moto
//! does not implement: a 500 HTML page), and the errors of a call without a region and of a
//! call to a stopped server. Every error must be a clean value: its `Display` one readable line,
//! no secret in any `Display` or `Debug`.
//!
//! Where moto differs from FSx the test asserts moto's answer and says so (moto 5.2.5):
//! - DescribeBackups of an unknown id answers an empty list, where FSx answers `BackupNotFound`.
//! - DeleteBackup of an unknown id, and CreateBackup on an unknown file system, answer
//!   `ResourceNotFoundException`, a code FSx's model does not list for them (FSx answers
//!   `BackupNotFound` and `FileSystemNotFound`): our client reports them as `Unhandled`, with
//!   the code, message, status and request id.
//! - Responses carry members the model lacks (`FileSystemId`, `ClientRequestToken` in a
//!   backup), `"NextToken": null` on the last page, and lack members the model requires
//!   (a backup's `Type` and `FileSystem`).
//!
//! Needs Python 3 with pip: the pinned moto (`requirements-moto.txt`) is installed into
//! `target/differential-python-moto` on first use ([`differential::python::MOTO`]); without
//! Python the test fails, saying how to install moto by hand.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use differential::moto::MotoServer;
use differential::python::MOTO;
use fsx::client::{
    BoxFuture, Credentials, HttpClient, HttpError, HyperClient, RetryConfig, SdkError,
    TimeoutConfig,
};
use fsx::types::{BackupLifecycle, Tag};
use serde_json::{json, Value};

const REGION: &str = "us-east-1";
const ACCESS_KEY: &str = "AKIDMOTOTEST";
/// Strings that must never appear in the `Display` or `Debug` of an error, a config or a
/// client.
const SECRET: &str = "moto-test-secret-key-never-shown";
const SESSION_TOKEN: &str = "moto-test-session-token-never-shown";
const TARGET_PREFIX: &str = "AWSSimbaAPIService_v20180301.";

/// One request the client sent, and what came back.
#[derive(Clone, Debug)]
struct Exchange {
    /// From `x-amz-target` (`DescribeBackups`).
    operation: String,
    request_headers: http::HeaderMap,
    request_body: Value,
    /// `None`: no response (the transport's error is then `response_body`).
    status: Option<u16>,
    response_headers: http::HeaderMap,
    response_body: String,
}

impl Exchange {
    fn request_header(&self, name: &str) -> &str {
        self.request_headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    fn response_json(&self) -> Value {
        serde_json::from_str(&self.response_body).unwrap_or_else(|e| {
            panic!(
                "{} answered {:?}, not JSON ({e}): {}",
                self.operation, self.status, self.response_body
            )
        })
    }
}

/// The client's HTTP client: hyper (the default), recording every exchange.
#[derive(Clone)]
struct Recorder {
    inner: HyperClient,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
}

impl std::fmt::Debug for Recorder {
    // Not the exchanges: their headers hold the session token, and the config's `Debug`
    // shows its HTTP client's.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder").finish_non_exhaustive()
    }
}

impl Recorder {
    fn new() -> Self {
        Recorder {
            inner: HyperClient::new(Some(Duration::from_secs(5)), Some(Duration::from_secs(30)))
                .expect("the default HTTP client"),
            exchanges: Arc::default(),
        }
    }

    /// The exchanges from the `start`th on.
    fn since(&self, start: usize) -> Vec<Exchange> {
        self.exchanges.lock().unwrap()[start..].to_vec()
    }

    fn count(&self) -> usize {
        self.exchanges.lock().unwrap().len()
    }
}

impl HttpClient for Recorder {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, HttpError>> {
        Box::pin(async move {
            let operation = request
                .headers()
                .get("x-amz-target")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .trim_start_matches(TARGET_PREFIX)
                .to_owned();
            let request_headers = request.headers().clone();
            let request_body = serde_json::from_slice(request.body()).unwrap_or_else(|e| {
                panic!(
                    "{operation}: the client sent a body that is not JSON ({e}): {}",
                    String::from_utf8_lossy(request.body())
                )
            });
            let result = self.inner.send(request).await;
            let (status, response_headers, response_body) = match &result {
                Ok(response) => (
                    Some(response.status().as_u16()),
                    response.headers().clone(),
                    String::from_utf8_lossy(response.body()).into_owned(),
                ),
                Err(e) => (None, http::HeaderMap::new(), e.to_string()),
            };
            self.exchanges.lock().unwrap().push(Exchange {
                operation,
                request_headers,
                request_body,
                status,
                response_headers,
                response_body,
            });
            result
        })
    }
}

fn config(endpoint: &str, http: &Recorder) -> fsx::Config {
    fsx::Config::builder()
        .region(REGION)
        .endpoint_url(endpoint)
        .credentials(Credentials::new(
            ACCESS_KEY,
            SECRET,
            Some(SESSION_TOKEN.to_owned()),
            None,
            "moto-test",
        ))
        // The standard strategy (3 attempts), with short waits: the test retries 500s.
        .retry_config(RetryConfig::default().with_initial_backoff(Duration::from_millis(20)))
        .timeout_config(
            TimeoutConfig::default()
                .with_attempt_timeout(Some(Duration::from_secs(30)))
                .with_operation_timeout(Some(Duration::from_secs(60))),
        )
        .http_client(http.clone())
        .build()
}

/// The secrets appear nowhere in `text`.
fn assert_no_secret(what: &str, text: &str) {
    for secret in [SECRET, SESSION_TOKEN] {
        assert!(!text.contains(secret), "{what} shows a secret: {text}");
    }
}

/// A clean error: its `Display` (and each of its sources') one readable line, no secret in
/// any `Display` or `Debug`. Returns the `Display`.
fn assert_clean<E: std::error::Error + 'static>(error: &E) -> String {
    let display = error.to_string();
    assert!(
        !display.trim().is_empty() && !display.contains('\n') && !display.contains('\r'),
        "the error's Display is not one readable line: {display:?}"
    );
    assert!(
        display.chars().all(|c| !c.is_control()),
        "the error's Display holds control characters: {display:?}"
    );
    assert_no_secret("the error's Display", &display);
    assert_no_secret("the error's Debug", &format!("{error:?}"));
    let mut source = error.source();
    while let Some(s) = source {
        let text = s.to_string();
        assert!(!text.contains('\n'), "a source's Display: {text:?}");
        assert_no_secret("a source's Display", &text);
        assert_no_secret("a source's Debug", &format!("{s:?}"));
        source = s.source();
    }
    display
}

/// The service error of a failed call, or a panic saying what else it was.
fn service_error<E: std::fmt::Debug>(error: SdkError<E>, call: &str) -> E {
    match error {
        SdkError::Service(e) => e,
        other => panic!("{call}: expected the service's error, got {other:?}"),
    }
}

/// CreateFileSystem is not one of the generated crate's operations (the default build has the
/// six backup operations only), so the file system the backups need is made with a request
/// built by hand: awsJson 1.1's `POST /` with the operation in `x-amz-target`, sent with the
/// client's own HTTP client. moto routes a request by the credential scope of its
/// `Authorization` header (service `fsx`, region `us-east-1`) and does not check signatures,
/// so the header names the scope and carries a dummy signature.
async fn create_file_system(http: &Recorder, endpoint: &str) -> String {
    let body = json!({
        "FileSystemType": "LUSTRE",
        "StorageCapacity": 1200,
        "StorageType": "SSD",
        "SubnetIds": ["subnet-0123456789abcdef0"],
        "LustreConfiguration": {"DeploymentType": "SCRATCH_2"},
        "Tags": [{"Key": "suite", "Value": "moto"}],
    });
    let request = http::Request::post(format!("{endpoint}/"))
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amz-target", format!("{TARGET_PREFIX}CreateFileSystem"))
        .header(
            "authorization",
            format!(
                "AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/20260101/{REGION}/fsx/aws4_request, \
                 SignedHeaders=content-type;host;x-amz-target, Signature={}",
                "0".repeat(64)
            ),
        )
        .body(body.to_string().into_bytes())
        .expect("a valid request");
    let response = http
        .send(request)
        .await
        .unwrap_or_else(|e| panic!("CreateFileSystem: {e}"));
    let text = String::from_utf8_lossy(response.body()).into_owned();
    assert_eq!(response.status(), 200, "CreateFileSystem: {text}");
    let answer: Value = serde_json::from_str(&text).expect("CreateFileSystem answers JSON");
    let file_system = &answer["FileSystem"];
    let id = file_system["FileSystemId"]
        .as_str()
        .unwrap_or_else(|| panic!("CreateFileSystem answered no FileSystemId: {text}"))
        .to_owned();
    assert!(id.starts_with("fs-"), "{text}");
    assert_eq!(file_system["FileSystemType"], "LUSTRE", "{text}");
    assert_eq!(file_system["StorageCapacity"], 1200, "{text}");
    assert_eq!(
        file_system["ResourceARN"],
        format!("arn:aws:fsx:{REGION}:123456789012:file-system/{id}"),
        "{text}"
    );
    id
}

fn tag(key: &str, value: &str) -> Tag {
    Tag::builder().key(key).value(value).build()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fsx_client_against_moto() {
    let started = Instant::now();
    let server = MotoServer::start();
    eprintln!(
        "moto's server on {} after {:?}",
        server.url(),
        started.elapsed()
    );
    let http = Recorder::new();
    let config = config(&server.url(), &http);
    let client = fsx::Client::from_conf(config.clone());
    for (what, debug) in [
        ("the Config's Debug", format!("{config:?}")),
        ("the Client's Debug", format!("{client:?}")),
        (
            "a fluent builder's Debug",
            format!("{:?}", client.describe_backups()),
        ),
        ("the Credentials' Debug", {
            let credentials = Credentials::new(
                ACCESS_KEY,
                SECRET,
                Some(SESSION_TOKEN.to_owned()),
                None,
                "moto-test",
            );
            format!("{credentials:?}")
        }),
    ] {
        assert_no_secret(what, &debug);
    }

    // 1. CreateFileSystem, by hand (not a generated operation).
    let file_system_id = create_file_system(&http, &server.url()).await;
    eprintln!("1. CreateFileSystem (by hand): {file_system_id}");

    // 2. CreateBackup with tags, three times.
    let mut backup_ids = Vec::new();
    for n in 1..=3 {
        let tags = vec![tag("suite", "moto"), tag("n", &n.to_string())];
        let start = http.count();
        let output = client
            .create_backup()
            .file_system_id(&file_system_id)
            .set_tags(Some(tags.clone()))
            .send()
            .await
            .unwrap_or_else(|e| panic!("CreateBackup {n}: {e}"));
        let backup = output.backup().expect("CreateBackup answers the backup");
        let id = backup.backup_id().expect("a backup id").to_owned();
        assert!(id.starts_with("backup-"), "{backup:?}");
        assert_eq!(backup.lifecycle(), Some(&BackupLifecycle::Creating));
        assert_eq!(backup.tags(), tags.as_slice());
        assert_eq!(
            backup.resource_arn(),
            Some(format!("arn:aws:fsx:{REGION}:123456789012:backup/{id}").as_str())
        );
        // moto leaves out members the model requires (`Type`, `FileSystem`): still read.
        assert_eq!(backup.r#type(), None);
        assert!(backup.file_system().is_none());

        let exchanges = http.since(start);
        assert_eq!(exchanges.len(), 1, "one attempt: {exchanges:#?}");
        let exchange = &exchanges[0];
        assert_eq!(exchange.operation, "CreateBackup");
        assert_eq!(exchange.status, Some(200));
        // Signed for the region and the service, with the session token.
        let authorization = exchange.request_header("authorization");
        assert!(
            authorization.starts_with(&format!("AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/"))
                && authorization.contains(&format!("/{REGION}/fsx/aws4_request")),
            "{authorization}"
        );
        assert_eq!(
            exchange.request_header("x-amz-security-token"),
            SESSION_TOKEN
        );
        assert_eq!(
            exchange.request_header("content-type"),
            "application/x-amz-json-1.1"
        );
        assert_no_secret(
            "a request's headers",
            &format!("{:?}", exchange.request_headers),
        );
        assert_no_secret("a request's body", &exchange.request_body.to_string());
        // The idempotency token the client filled, which moto echoes in a member the model
        // lacks (`ClientRequestToken`, beside `FileSystemId`, also unmodeled in a backup).
        let sent = &exchange.request_body;
        assert_eq!(sent["FileSystemId"], file_system_id.as_str());
        let token = sent["ClientRequestToken"]
            .as_str()
            .expect("the client fills ClientRequestToken");
        let answered = exchange.response_json();
        assert_eq!(answered["Backup"]["ClientRequestToken"], token);
        assert_eq!(answered["Backup"]["FileSystemId"], file_system_id.as_str());
        // CreationTime: fractional epoch seconds, read to the microsecond.
        let raw = answered["Backup"]["CreationTime"]
            .as_f64()
            .expect("CreationTime is a number");
        let created = backup.creation_time().expect("a creation time");
        assert!(
            (created.as_secs_f64() - raw).abs() < 1e-6,
            "{created:?} against {raw}"
        );
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs_f64();
        assert!((now - raw).abs() < 600.0, "created at {raw}, now {now}");
        backup_ids.push(id);
    }
    eprintln!("2. CreateBackup ×3: {backup_ids:?}");

    // CreateBackup on a file system moto does not know: `ResourceNotFoundException` (FSx says
    // `FileSystemNotFound`), unmodeled for CreateBackup.
    let error = client
        .create_backup()
        .file_system_id("fs-00000000000000000")
        .send()
        .await
        .expect_err("no such file system");
    let display = assert_clean(&error);
    assert_eq!(error.code(), Some("ResourceNotFoundException"));
    assert_eq!(
        error.message(),
        Some("FSx resource, fs-00000000000000000 does not exist")
    );
    assert_eq!(error.status(), Some(400));
    let service = service_error(error, "CreateBackup");
    assert!(service.is_unhandled() && !service.is_file_system_not_found());
    eprintln!("2b. CreateBackup on an unknown file system: {display}");

    // 3. DescribeBackups, one backup per page: moto honours MaxResults and NextToken (its
    // tokens are base64 JSON) and ends with `"NextToken": null`.
    let start = http.count();
    let mut pages = client
        .describe_backups()
        .into_paginator()
        .page_size(1)
        .send();
    let mut paged = Vec::new();
    while let Some(page) = pages.next().await {
        paged.push(page.unwrap_or_else(|e| panic!("DescribeBackups page: {e}")));
    }
    let page_ids: Vec<Vec<&str>> = paged
        .iter()
        .map(|p| p.backups().iter().filter_map(|b| b.backup_id()).collect())
        .collect();
    let expected: Vec<Vec<&str>> = backup_ids.iter().map(|id| vec![id.as_str()]).collect();
    assert_eq!(page_ids, expected, "one backup per page, in creation order");
    assert!(paged[..2].iter().all(|p| p.next_token().is_some()));
    assert_eq!(paged[2].next_token(), None, "moto's null token ends paging");
    let exchanges = http.since(start);
    assert_eq!(exchanges.len(), 3, "one request per page");
    assert_eq!(exchanges[0].request_body, json!({"MaxResults": 1}));
    for (exchange, previous) in exchanges[1..].iter().zip(&paged) {
        assert_eq!(
            exchange.request_body,
            json!({"MaxResults": 1, "NextToken": previous.next_token().unwrap()})
        );
    }
    assert_eq!(exchanges[2].response_json()["NextToken"], Value::Null);
    // The items, across the pages.
    let items = client
        .describe_backups()
        .into_paginator()
        .page_size(1)
        .items()
        .send()
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("DescribeBackups items: {e}"));
    let item_ids: Vec<&str> = items.iter().filter_map(|b| b.backup_id()).collect();
    assert_eq!(item_ids, backup_ids);
    // Two per page: pages of 2 and 1.
    let sizes: Vec<usize> = client
        .describe_backups()
        .into_paginator()
        .page_size(2)
        .send()
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("DescribeBackups pages of 2: {e}"))
        .iter()
        .map(|p| p.backups().len())
        .collect();
    assert_eq!(sizes, [2, 1]);
    // `max_items` stops paging once it has them.
    let start = http.count();
    let first_two = client
        .describe_backups()
        .into_paginator()
        .page_size(1)
        .items()
        .max_items(2)
        .send()
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("DescribeBackups max_items: {e}"));
    assert_eq!(first_two.len(), 2);
    assert_eq!(http.count() - start, 2, "no request for a third page");
    // One call, no paging: every backup, and the null token read as none.
    let all = client
        .describe_backups()
        .send()
        .await
        .unwrap_or_else(|e| panic!("DescribeBackups: {e}"));
    assert_eq!(all.backups().len(), 3);
    assert_eq!(all.next_token(), None);
    eprintln!(
        "3. DescribeBackups page_size(1): {} pages {page_ids:?}; items {item_ids:?}; page_size(2): {sizes:?}",
        paged.len()
    );

    // A page token moto did not issue: `InvalidToken`, unmodeled.
    let error = client
        .describe_backups()
        .next_token("not-a-moto-token")
        .send()
        .await
        .expect_err("a bad token");
    let display = assert_clean(&error);
    assert_eq!(error.code(), Some("InvalidToken"));
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.message(), Some("Invalid Token: Invalid token"));
    let service = service_error(error, "DescribeBackups");
    assert!(service.is_unhandled());
    eprintln!("3b. DescribeBackups with a bad token: {display}");

    // 4. DeleteBackup of the second backup.
    let deleted = &backup_ids[1];
    let output = client
        .delete_backup()
        .backup_id(deleted)
        .send()
        .await
        .unwrap_or_else(|e| panic!("DeleteBackup: {e}"));
    assert_eq!(output.backup_id(), Some(deleted.as_str()));
    assert_eq!(output.lifecycle(), Some(&BackupLifecycle::Deleted));
    eprintln!("4. DeleteBackup {deleted}: {:?}", output.lifecycle());

    // 5. The deleted backup. DescribeBackups of its id: moto answers an empty list (FSx answers
    // BackupNotFound).
    let output = client
        .describe_backups()
        .backup_ids(deleted)
        .send()
        .await
        .unwrap_or_else(|e| panic!("DescribeBackups of a deleted backup: {e}"));
    assert!(output.backups().is_empty(), "{output:?}");
    assert_eq!(output.next_token(), None);
    let remaining: Vec<String> = client
        .describe_backups()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("DescribeBackups: {e}"))
        .iter()
        .filter_map(|b| b.backup_id().map(str::to_owned))
        .collect();
    assert_eq!(remaining, [backup_ids[0].clone(), backup_ids[2].clone()]);
    // DeleteBackup of it again: moto's `ResourceNotFoundException` (FSx answers
    // BackupNotFound), a clean unhandled error, not retried.
    let start = http.count();
    let error = client
        .delete_backup()
        .backup_id(deleted)
        .send()
        .await
        .expect_err("the backup is gone");
    let exchanges = http.since(start);
    assert_eq!(exchanges.len(), 1, "a 400 is not retried");
    let display = assert_clean(&error);
    assert_eq!(error.code(), Some("ResourceNotFoundException"));
    assert_eq!(
        error.message(),
        Some(format!("FSx resource, {deleted} does not exist").as_str())
    );
    assert_eq!(error.status(), Some(400));
    let request_id = exchanges[0]
        .response_headers
        .get("x-amzn-requestid")
        .and_then(|v| v.to_str().ok())
        .expect("moto sends a request id");
    assert_eq!(error.request_id(), Some(request_id));
    assert!(display.contains("ResourceNotFoundException"), "{display}");
    let service = error.into_service_error();
    assert!(service.is_unhandled() && !service.is_backup_not_found());
    assert_eq!(service.code(), Some("ResourceNotFoundException"));
    eprintln!(
        "5. DescribeBackups of the deleted backup: no backups; DeleteBackup again: {display}"
    );

    // 6. CopyBackup: moto does not implement it and answers a 500 HTML page, which the
    // standard strategy retries (3 attempts, same invocation id and idempotency token), then
    // reports as an unhandled service error with the status.
    let start = http.count();
    let error = client
        .copy_backup()
        .source_backup_id(&backup_ids[0])
        .source_region(REGION)
        .tags(tag("suite", "moto"))
        .send()
        .await
        .expect_err("moto does not implement CopyBackup");
    let display = assert_clean(&error);
    let exchanges = http.since(start);
    assert_eq!(exchanges.len(), 3, "a 500 is retried: {exchanges:#?}");
    for (n, exchange) in exchanges.iter().enumerate() {
        assert_eq!(exchange.operation, "CopyBackup");
        assert_eq!(exchange.status, Some(500));
        assert!(
            exchange
                .response_body
                .contains("<title>500 Internal Server Error</title>"),
            "{}",
            exchange.response_body
        );
        assert_eq!(
            exchange.request_header("amz-sdk-request"),
            format!("attempt={}; max=3", n + 1)
        );
        assert_eq!(
            exchange.request_header("amz-sdk-invocation-id"),
            exchanges[0].request_header("amz-sdk-invocation-id")
        );
        assert_eq!(
            exchange.request_body["ClientRequestToken"],
            exchanges[0].request_body["ClientRequestToken"]
        );
    }
    assert_eq!(error.status(), Some(500));
    assert_eq!(error.code(), None, "an HTML page has no code");
    assert!(display.contains("500"), "{display}");
    let service = service_error(error, "CopyBackup");
    assert!(service.is_unhandled(), "{service:?}");
    eprintln!(
        "6. CopyBackup: {} attempts, then: {display}",
        exchanges.len()
    );

    // An error before any request: no region.
    let no_region = fsx::Client::from_conf(config.to_builder().set_region(None).build());
    let error = no_region
        .describe_backups()
        .send()
        .await
        .expect_err("no region");
    let display = assert_clean(&error);
    assert!(matches!(error, SdkError::Construction(_)), "{error:?}");
    eprintln!("7. no region: {display}");

    // An error without a response: the server is gone (the connection is refused, and retried
    // as a transient failure).
    let url = server.url();
    drop(server);
    let start = http.count();
    let error = client
        .describe_backups()
        .send()
        .await
        .expect_err("the server is stopped");
    let display = assert_clean(&error);
    assert!(matches!(error, SdkError::Dispatch(_)), "{error:?}");
    assert!(
        http.since(start).iter().all(|e| e.status.is_none()),
        "no response from {url}"
    );
    eprintln!(
        "8. stopped server: {} attempts, then: {display}",
        http.since(start).len()
    );
    eprintln!("moto scenario: {:?}", started.elapsed());
}

/// Without Python (or pip), provisioning fails, and says how to install moto by hand: the test
/// must fail, never skip, because CI installs moto through this very code.
#[test]
fn provisioning_without_python_fails_with_the_fix() {
    // moto's file pins moto, and botocore through `-r requirements.txt`.
    let pins = MOTO.pins();
    let names: Vec<&str> = pins.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["botocore", "moto"]);
    let error = MOTO
        .provision("/nonexistent/python3")
        .expect_err("no interpreter, no moto");
    assert!(
        error
            .contains("python3 -m pip install --quiet -r tests/differential/requirements-moto.txt"),
        "{error}"
    );
    for (name, version) in &pins {
        assert!(error.contains(&format!("{name}=={version}")), "{error}");
    }
}
