//! The client (feature `client`) against a loopback server that injects faults: each test
//! scripts what the server does with each request it gets (answer, wait, reset the
//! connection, cut a body off) and checks what the client did (how many attempts, with which
//! headers and tokens) and what the call returned.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use fsx::client::{Credentials, RetryConfig, SdkError, TimeoutConfig};
use fsx::Client;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does with one request.
#[derive(Clone, Debug)]
enum Action {
    /// Answers with this status, `x-amzn-requestid` and JSON body.
    Respond(u16, &'static str),
    /// Answers after a pause.
    Slow(Duration, u16, &'static str),
    /// Resets the connection (RST) without answering.
    Reset,
    /// Announces a body of `Content-Length` 100, sends 10 bytes, and closes.
    CutOff,
}

/// One request as the server read it.
#[derive(Clone, Debug)]
struct Seen {
    /// `POST /`: the request line's method and target.
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A loopback server that plays a script, one action per request (the last one repeats).
struct FaultServer {
    port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
    connections: Arc<std::sync::atomic::AtomicUsize>,
}

impl FaultServer {
    async fn start(script: Vec<Action>) -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(script);
        let log = seen.clone();
        let connections = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let count = connections.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                tokio::spawn(serve(stream, script.clone(), log.clone()));
            }
        });
        FaultServer {
            port,
            seen,
            connections,
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// Serves the requests of one connection (the client reuses connections).
async fn serve(mut stream: TcpStream, script: Arc<Vec<Action>>, seen: Arc<Mutex<Vec<Seen>>>) {
    loop {
        let Some(request) = read_request(&mut stream).await else {
            return;
        };
        let action = {
            let mut seen = seen.lock().unwrap();
            seen.push(request);
            let index = (seen.len() - 1).min(script.len() - 1);
            script[index].clone()
        };
        match action {
            Action::Respond(status, body) => respond(&mut stream, status, body).await,
            Action::Slow(pause, status, body) => {
                tokio::time::sleep(pause).await;
                respond(&mut stream, status, body).await;
            }
            Action::Reset => {
                // SO_LINGER 0: closing sends a reset rather than a clean end of stream (it
                // cannot block: nothing is left unsent).
                #[allow(deprecated)]
                let _ = stream.set_linger(Some(Duration::ZERO));
                return;
            }
            Action::CutOff => {
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.1\r\ncontent-length: 100\r\n\r\n{\"Backup\":";
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.shutdown().await;
                return;
            }
        }
    }
}

async fn respond(stream: &mut TcpStream, status: u16, body: &str) {
    let response = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: application/x-amz-json-1.1\r\nx-amzn-requestid: req-{status}\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
}

/// Reads one HTTP/1.1 request (headers, then a `Content-Length` body); `None` at the end.
async fn read_request(stream: &mut TcpStream) -> Option<Seen> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut request_line = head.lines().next().unwrap_or_default().split(' ');
    let method = request_line.next().unwrap_or_default().to_owned();
    let target = request_line.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = head
        .lines()
        .skip(1)
        .filter_map(|line| {
            let (name, value) = line.split_once(':')?;
            Some((name.trim().to_owned(), value.trim().to_owned()))
        })
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Seen {
        method,
        target,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/// A client for `server`, with quick retries (1 ms initial backoff) unless `retry` says more.
fn client(server: &FaultServer, retry: RetryConfig, timeouts: TimeoutConfig) -> Client {
    let config = fsx::Config::builder()
        .region("us-east-1")
        .endpoint_url(server.url())
        .credentials(Credentials::new("AKIDEXAMPLE", SECRET, None, None, "test"))
        .retry_config(retry)
        .timeout_config(timeouts)
        .build();
    Client::from_conf(config)
}

fn quick_retries() -> RetryConfig {
    RetryConfig::default()
        .with_initial_backoff(Duration::from_millis(1))
        .with_max_backoff(Duration::from_millis(5))
}

const BACKUP: &str = r#"{"Backup":{"BackupId":"backup-0123456789abcdef0","Lifecycle":"CREATING","Type":"USER_INITIATED"}}"#;

/// Checks the signature of a request as it arrived (the headers hyper sent, its `host`
/// included): aws-sigv4 signs the same request at the same time, and must give the same
/// `authorization`.
fn assert_signature_verifies(seen: &Seen, port: u16) {
    let signed_at = seen.header("x-amz-date").expect("x-amz-date");
    let text = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &signed_at[0..4],
        &signed_at[4..6],
        &signed_at[6..8],
        &signed_at[9..11],
        &signed_at[11..13],
        &signed_at[13..15]
    );
    let time =
        aws_smithy_types::DateTime::from_str(&text, aws_smithy_types::date_time::Format::DateTime)
            .unwrap();
    let time = std::time::SystemTime::try_from(time).unwrap();
    let mut request = http::Request::builder()
        .method(seen.method.as_str())
        .uri(format!("http://127.0.0.1:{port}{}", seen.target));
    for (name, value) in &seen.headers {
        if !["authorization", "x-amz-date", "x-amz-security-token"]
            .contains(&name.to_ascii_lowercase().as_str())
        {
            request = request.header(name.as_str(), value.as_str());
        }
    }
    let mut request = request.body(seen.body.as_bytes().to_vec()).unwrap();
    runtime::client::sign::sign_with_aws_sigv4(
        &mut request,
        &Credentials::new("AKIDEXAMPLE", SECRET, None, None, "test"),
        "fsx",
        "us-east-1",
        time,
    )
    .unwrap();
    assert_eq!(
        request.headers()["authorization"].to_str().unwrap(),
        seen.header("authorization").unwrap(),
        "the signature of what arrived"
    );
}

fn token_of(seen: &Seen) -> String {
    let body: serde_json::Value = serde_json::from_str(&seen.body).unwrap();
    body["ClientRequestToken"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_503_is_retried_once_with_the_same_token() {
    let server = FaultServer::start(vec![
        Action::Respond(503, r#"{"__type":"ServiceUnavailable","message":"busy"}"#),
        Action::Respond(200, BACKUP),
    ])
    .await;
    let client = client(&server, quick_retries(), TimeoutConfig::default());
    let output = client
        .create_backup()
        .file_system_id("fs-0123456789abcdef0")
        .send()
        .await
        .unwrap();
    assert_eq!(
        output.backup().unwrap().backup_id(),
        Some("backup-0123456789abcdef0")
    );
    let seen = server.seen();
    assert_eq!(seen.len(), 2, "one retry");
    assert_eq!(token_of(&seen[0]), token_of(&seen[1]), "the same token");
    assert_eq!(seen[0].header("amz-sdk-request"), Some("attempt=1; max=3"));
    assert_eq!(seen[1].header("amz-sdk-request"), Some("attempt=2; max=3"));
    assert_eq!(
        seen[0].header("amz-sdk-invocation-id"),
        seen[1].header("amz-sdk-invocation-id")
    );
    for request in &seen {
        assert_signature_verifies(request, server.port);
        let authorization = request.header("authorization").unwrap();
        assert!(
            authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                && authorization.contains("/us-east-1/fsx/aws4_request"),
            "{authorization}"
        );
        assert!(request.header("x-amz-date").is_some());
        assert_eq!(
            request.header("x-amz-target"),
            Some("AWSSimbaAPIService_v20180301.CreateBackup")
        );
    }
}

#[tokio::test]
async fn throttling_backs_off_then_gives_up_with_the_service_error() {
    let throttled = r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#;
    let server = FaultServer::start(vec![Action::Respond(400, throttled)]).await;
    let retry = RetryConfig::default()
        .with_initial_backoff(Duration::from_millis(40))
        .with_max_backoff(Duration::from_millis(40));
    let client = client(&server, retry, TimeoutConfig::default());
    let started = std::time::Instant::now();
    let error = client
        .delete_backup()
        .backup_id("backup-0123456789abcdef0")
        .send()
        .await
        .unwrap_err();
    let seen = server.seen();
    assert_eq!(seen.len(), 3, "three attempts, the default");
    assert_eq!(error.code(), Some("ThrottlingException"));
    assert_eq!(error.message(), Some("Rate exceeded"));
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.request_id(), Some("req-400"));
    // Two waits, each a random part (jitter) of 40 ms: more than nothing, less than a second.
    assert!(started.elapsed() < Duration::from_secs(1));
    let service = error.into_service_error();
    assert!(service.is_unhandled(), "ThrottlingException is not modeled");
}

#[tokio::test]
async fn throttling_then_success() {
    let throttled = r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#;
    let server = FaultServer::start(vec![
        Action::Respond(400, throttled),
        Action::Respond(400, throttled),
        Action::Respond(200, r#"{"BackupId":"backup-1","Lifecycle":"DELETED"}"#),
    ])
    .await;
    let client = client(&server, quick_retries(), TimeoutConfig::default());
    let output = client
        .delete_backup()
        .backup_id("backup-1")
        .send()
        .await
        .unwrap();
    assert_eq!(output.backup_id(), Some("backup-1"));
    assert_eq!(server.seen().len(), 3);
}

#[tokio::test]
async fn a_client_error_is_not_retried() {
    let server = FaultServer::start(vec![Action::Respond(
        400,
        r#"{"__type":"BackupNotFound","Message":"no such backup"}"#,
    )])
    .await;
    let client = client(&server, quick_retries(), TimeoutConfig::default());
    let error = client
        .describe_backups()
        .backup_ids("backup-1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(server.seen().len(), 1);
    assert_eq!(
        error.to_string(),
        "BackupNotFound: no such backup (request id req-400)"
    );
    assert!(error.as_service_error().unwrap().is_backup_not_found());
    assert!(error.into_service_error().is_backup_not_found());
}

#[tokio::test]
async fn a_reset_connection_is_retried() {
    let server = FaultServer::start(vec![
        Action::Reset,
        Action::Respond(200, r#"{"Backups":[]}"#),
    ])
    .await;
    let client = client(&server, quick_retries(), TimeoutConfig::default());
    let output = client.describe_backups().send().await.unwrap();
    assert!(output.backups().is_empty());
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn connections_that_keep_resetting_give_a_dispatch_failure() {
    let server = FaultServer::start(vec![Action::Reset]).await;
    let client = client(&server, quick_retries(), TimeoutConfig::default());
    let error = client.describe_backups().send().await.unwrap_err();
    assert_eq!(server.seen().len(), 3);
    let SdkError::Dispatch(failure) = &error else {
        panic!("expected a dispatch failure, got {error:?}");
    };
    assert_eq!(failure.attempts(), 3);
    assert!(
        error.to_string().starts_with("dispatch failure: "),
        "{error}"
    );
    assert!(error.to_string().ends_with("(after 3 attempts)"), "{error}");
    assert_eq!(error.code(), None);
    let service = error.into_service_error();
    assert!(service.is_unhandled());
    assert!(
        service.to_string().contains("dispatch failure"),
        "{service}"
    );
}

#[tokio::test]
async fn a_response_slower_than_the_attempt_timeout_is_a_timeout() {
    let slow = Action::Slow(Duration::from_millis(500), 200, r#"{"Backups":[]}"#);
    let server = FaultServer::start(vec![slow]).await;
    let timeouts = TimeoutConfig::default().with_attempt_timeout(Some(Duration::from_millis(50)));
    let client = client(&server, quick_retries().with_max_attempts(2), timeouts);
    let started = std::time::Instant::now();
    let error = client.describe_backups().send().await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(server.seen().len(), 2, "a timeout is retried");
    assert!(started.elapsed() < Duration::from_millis(450));
}

#[tokio::test]
async fn the_default_clients_read_timeout_is_a_timeout() {
    let slow = Action::Slow(Duration::from_millis(500), 200, r#"{"Backups":[]}"#);
    let server = FaultServer::start(vec![slow]).await;
    let timeouts = TimeoutConfig::default().with_read_timeout(Some(Duration::from_millis(50)));
    let client = client(&server, quick_retries().with_max_attempts(1), timeouts);
    let error = client.describe_backups().send().await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert!(error.to_string().contains("read timeout"), "{error}");
}

#[tokio::test]
async fn calls_reuse_their_connection() {
    let server = FaultServer::start(vec![Action::Respond(200, r#"{"Backups":[]}"#)]).await;
    let client = client(&server, quick_retries(), TimeoutConfig::default());
    for _ in 0..3 {
        client.describe_backups().send().await.unwrap();
    }
    assert_eq!(server.seen().len(), 3);
    assert_eq!(
        server.connections.load(std::sync::atomic::Ordering::SeqCst),
        1
    );
}

#[tokio::test]
async fn the_operation_timeout_bounds_the_whole_call() {
    let slow = Action::Slow(Duration::from_secs(5), 200, r#"{"Backups":[]}"#);
    let server = FaultServer::start(vec![slow]).await;
    let timeouts =
        TimeoutConfig::default().with_operation_timeout(Some(Duration::from_millis(100)));
    let client = client(&server, quick_retries(), timeouts);
    let error = client.describe_backups().send().await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert!(error.to_string().contains("operation timeout"), "{error}");
}

#[tokio::test]
async fn a_cut_off_body_is_retried_and_then_reported() {
    let server = FaultServer::start(vec![Action::CutOff, Action::Respond(200, BACKUP)]).await;
    let once = client(&server, quick_retries(), TimeoutConfig::default());
    let output = once
        .create_backup()
        .file_system_id("fs-1")
        .send()
        .await
        .unwrap();
    assert!(output.backup().is_some());
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(token_of(&seen[0]), token_of(&seen[1]));

    let server = FaultServer::start(vec![Action::CutOff]).await;
    let always = client(&server, quick_retries(), TimeoutConfig::default());
    let error = always
        .create_backup()
        .file_system_id("fs-1")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, SdkError::Response(_)), "{error:?}");
    assert_eq!(server.seen().len(), 3);
}

#[tokio::test]
async fn nothing_listening_is_a_dispatch_failure() {
    // A port just freed: nothing listens there.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let config = fsx::Config::builder()
        .region("us-east-1")
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .credentials(Credentials::new("AKIDEXAMPLE", SECRET, None, None, "test"))
        .retry_config(quick_retries())
        .build();
    let error = Client::from_conf(config)
        .describe_backups()
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, SdkError::Dispatch(_)), "{error:?}");
    assert!(error.to_string().contains("could not connect"), "{error}");
    // The cause, not only hyper's name for the step.
    assert!(error.to_string().contains("refused"), "{error}");
}

#[tokio::test]
async fn pages_follow_tokens_and_stop_on_a_repeated_one() {
    let server = FaultServer::start(vec![
        Action::Respond(200, r#"{"Backups":[{"BackupId":"b1"}],"NextToken":"t1"}"#),
        Action::Respond(200, r#"{"Backups":[{"BackupId":"b2"}],"NextToken":"t2"}"#),
        Action::Respond(200, r#"{"Backups":[{"BackupId":"b3"}],"NextToken":null}"#),
    ])
    .await;
    let paging = client(&server, quick_retries(), TimeoutConfig::default());
    let ids: Vec<String> = paging
        .describe_backups()
        .into_paginator()
        .page_size(1)
        .items()
        .send()
        .try_collect()
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.backup_id().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["b1", "b2", "b3"]);
    let tokens: Vec<Option<String>> = server
        .seen()
        .iter()
        .map(|s| {
            let body: serde_json::Value = serde_json::from_str(&s.body).unwrap();
            assert_eq!(body["MaxResults"], 1);
            body["NextToken"].as_str().map(str::to_owned)
        })
        .collect();
    assert_eq!(tokens, [None, Some("t1".into()), Some("t2".into())]);

    // A service that hands back the token it was given would page forever.
    let server = FaultServer::start(vec![Action::Respond(
        200,
        r#"{"Backups":[{"BackupId":"b1"}],"NextToken":"same"}"#,
    )])
    .await;
    let repeating = client(&server, quick_retries(), TimeoutConfig::default());
    let mut pages = repeating
        .describe_backups()
        .next_token("same")
        .into_paginator()
        .send();
    let mut count = 0;
    while let Some(page) = pages.next().await {
        page.unwrap();
        count += 1;
    }
    assert_eq!(count, 1);
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn max_items_stops_paging() {
    let server = FaultServer::start(vec![Action::Respond(
        200,
        r#"{"Backups":[{"BackupId":"b1"},{"BackupId":"b2"}],"NextToken":"more"}"#,
    )])
    .await;
    let client = client(&server, quick_retries(), TimeoutConfig::default());
    let items = client
        .describe_backups()
        .into_paginator()
        .items()
        .max_items(3)
        .send()
        // aws-sdk-rust's idiom: any collection of results.
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn missing_settings_are_named() {
    let no_region = Client::from_conf(
        fsx::Config::builder()
            .credentials(Credentials::new("AKIDEXAMPLE", SECRET, None, None, "test"))
            .build(),
    );
    let error = no_region.describe_backups().send().await.unwrap_err();
    assert!(matches!(error, SdkError::Construction(_)), "{error:?}");
    assert!(error.to_string().contains("Region"), "{error}");

    let no_credentials = Client::from_conf(fsx::Config::builder().region("us-east-1").build());
    let error = no_credentials.describe_backups().send().await.unwrap_err();
    assert!(error.to_string().contains("credentials"), "{error}");
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let config = fsx::Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new(
            "AKIDEXAMPLE",
            SECRET,
            Some("TOKEN-SECRET".into()),
            None,
            "test",
        ))
        .build();
    let client = Client::from_conf(config.clone());
    for text in [format!("{config:?}"), format!("{client:?}")] {
        assert!(!text.contains(SECRET), "{text}");
        assert!(!text.contains("TOKEN-SECRET"), "{text}");
    }
}

/// Counts its loads; its credentials expire `lifetime` after each.
#[derive(Debug)]
struct CountingProvider {
    loads: Arc<std::sync::atomic::AtomicUsize>,
    lifetime: Duration,
}

impl fsx::client::ProvideCredentials for CountingProvider {
    fn provide_credentials<'a>(
        &'a self,
    ) -> aws_credential_types::provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        self.loads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let expiry = std::time::SystemTime::now() + self.lifetime;
        aws_credential_types::provider::future::ProvideCredentials::ready(Ok(Credentials::new(
            "AKIDEXAMPLE",
            SECRET,
            None,
            Some(expiry),
            "counting",
        )))
    }
}

#[tokio::test]
async fn credentials_are_loaded_once_until_they_near_expiry() {
    let server = FaultServer::start(vec![Action::Respond(200, r#"{"Backups":[]}"#)]).await;
    for (lifetime, loads) in [(Duration::from_secs(3600), 1), (Duration::from_secs(5), 3)] {
        let counter = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let config = fsx::Config::builder()
            .region("us-east-1")
            .endpoint_url(server.url())
            .credentials_provider(CountingProvider {
                loads: counter.clone(),
                lifetime,
            })
            .build();
        let client = Client::from_conf(config);
        for _ in 0..3 {
            client.describe_backups().send().await.unwrap();
        }
        // Credentials expiring within the 10 s buffer are loaded again for every call.
        assert_eq!(
            counter.load(std::sync::atomic::Ordering::SeqCst),
            loads,
            "{lifetime:?}"
        );
    }
}

#[tokio::test]
async fn the_connect_timeout_covers_the_tls_handshake() {
    // The server accepts the connection, reads the TLS hello as a request that never ends, and
    // never answers: TCP is up, TLS never is.
    let server = FaultServer::start(vec![Action::Respond(200, "{}")]).await;
    let config = fsx::Config::builder()
        .region("us-east-1")
        .endpoint_url(format!("https://127.0.0.1:{}", server.port))
        .credentials(Credentials::new("AKIDEXAMPLE", SECRET, None, None, "test"))
        .retry_config(RetryConfig::disabled())
        .timeout_config(
            TimeoutConfig::default().with_connect_timeout(Some(Duration::from_millis(200))),
        )
        .build();
    let started = std::time::Instant::now();
    let error = tokio::time::timeout(
        Duration::from_secs(10),
        Client::from_conf(config).describe_backups().send(),
    )
    .await
    .expect("the connect timeout ends the call")
    .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(matches!(error, SdkError::Dispatch(_)), "{error:?}");
    assert!(error.to_string().contains("connect timeout"), "{error}");
}

#[test]
fn from_env_reads_the_service_endpoint_url_and_max_attempts() {
    let env = fsx::client::Env::from_slices(
        &[
            ("HOME", "/nowhere"),
            ("AWS_REGION", "eu-west-3"),
            ("AWS_ENDPOINT_URL", "http://everything.example:1"),
            ("AWS_ENDPOINT_URL_FSX", "http://localhost:4566"),
            ("AWS_MAX_ATTEMPTS", "5"),
        ],
        &[],
    );
    let config = fsx::Config::from_env_with(env, None).build();
    assert_eq!(config.region(), Some("eu-west-3"));
    assert_eq!(config.endpoint_url(), Some("http://localhost:4566"));
    assert_eq!(config.retry_config().max_attempts(), 5);
}
