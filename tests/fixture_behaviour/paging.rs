//! The client (feature `client`) on a service without endpoint rules, through an in-process
//! HTTP client: paginators follow string tokens (a nested or non-string token gets none),
//! `@optionalAuth` operations go unsigned, the others are signed with the model's signing
//! name, and an operation named like a `Client` method gets another method name.
#![cfg(feature = "client")]

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use fixture_paging::client::{
    BoxFuture, Credentials, HttpClient, HttpError, RetryConfig, SdkError, TimeoutConfig,
};
use fixture_paging::{Client, Config};

/// Runs a future that never waits on anything but the fake client (which answers at once).
fn block_on<F: Future>(future: F) -> F::Output {
    struct Noop;
    impl Wake for Noop {
        fn wake(self: Arc<Self>) {}
    }
    let waker = Waker::from(Arc::new(Noop));
    let mut context = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
}

/// Answers each request with the next body of its script (the last one repeats), and keeps
/// the requests.
#[derive(Debug, Clone)]
struct Fake {
    answers: Arc<Vec<(u16, &'static str)>>,
    seen: Arc<Mutex<Vec<http::Request<Vec<u8>>>>>,
}

impl Fake {
    fn new(bodies: Vec<&'static str>) -> Fake {
        Fake::answering(bodies.into_iter().map(|b| (200, b)).collect())
    }

    fn answering(answers: Vec<(u16, &'static str)>) -> Fake {
        Fake {
            answers: Arc::new(answers),
            seen: Arc::default(),
        }
    }

    fn bodies_sent(&self) -> Vec<serde_json::Value> {
        let seen = self.seen.lock().unwrap();
        seen.iter()
            .map(|r| serde_json::from_slice(r.body()).unwrap())
            .collect()
    }
}

impl HttpClient for Fake {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, HttpError>> {
        let mut seen = self.seen.lock().unwrap();
        let (status, body) = self.answers[seen.len().min(self.answers.len() - 1)];
        seen.push(request);
        Box::pin(async move {
            let mut response = http::Response::new(body.as_bytes().to_vec());
            *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
            Ok(response)
        })
    }
}

fn client(fake: &Fake, credentials: bool) -> Client {
    let mut config = Config::builder()
        .region("eu-west-3")
        .endpoint_url("https://paging.example.com")
        .http_client(fake.clone());
    if credentials {
        config = config.credentials(Credentials::new("AKID", "SECRET", None, None, "test"));
    }
    Client::from_conf(config.build())
}

#[test]
fn pages_and_items_follow_the_tokens() {
    let fake = Fake::new(vec![
        r#"{"Things":[{"Name":"a"},{"Name":"b"}],"NextToken":"t1"}"#,
        r#"{"Things":[{"Name":"c"}],"NextToken":""}"#,
    ]);
    let client = client(&fake, true);
    let names: Vec<String> = block_on(
        client
            .list_things()
            .prefix("p")
            .into_paginator()
            .page_size(2)
            .items()
            .send()
            .try_collect(),
    )
    .unwrap()
    .into_iter()
    .map(|t| t.name().unwrap().to_owned())
    .collect();
    assert_eq!(names, ["a", "b", "c"]);
    let sent = fake.bodies_sent();
    assert_eq!(
        sent,
        [
            serde_json::json!({"MaxResults": 2, "Prefix": "p"}),
            serde_json::json!({"MaxResults": 2, "Prefix": "p", "NextToken": "t1"}),
        ]
    );
}

#[test]
fn paging_resumes_from_a_token() {
    let fake = Fake::new(vec![r#"{"Things":[{"Name":"z"}]}"#]);
    let client = client(&fake, true);
    let pages = block_on(
        client
            .list_things()
            .next_token("resume-here")
            .into_paginator()
            .send()
            .try_collect(),
    )
    .unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(
        fake.bodies_sent(),
        [serde_json::json!({"NextToken": "resume-here"})]
    );
}

#[test]
fn requests_are_signed_with_the_model_signing_name_except_optional_auth() {
    let fake = Fake::new(vec![r#"{}"#]);
    let client = client(&fake, true);
    // A member named like the fluent builder's `send()` gets `send_value()`.
    block_on(client.config_operation().name("n").send_value("s").send()).unwrap();
    block_on(client.ping().send()).unwrap();
    block_on(client.anonymous().send()).unwrap();
    let seen = fake.seen.lock().unwrap();
    let authorization = seen[0].headers()["authorization"].to_str().unwrap();
    assert!(
        authorization.contains("/eu-west-3/paging/aws4_request"),
        "{authorization}"
    );
    assert_eq!(seen[0].uri(), "https://paging.example.com/");
    assert_eq!(seen[0].headers()["x-amz-target"], "PagingService.Config");
    assert_eq!(seen[0].body(), br#"{"Name":"n","Send":"s"}"#);
    assert!(!seen[1].headers().contains_key("authorization"));
    // `@auth([])`.
    assert!(!seen[2].headers().contains_key("authorization"));
}

#[test]
fn optional_auth_needs_no_credentials_and_the_others_say_so() {
    let fake = Fake::new(vec![r#"{}"#]);
    let client = client(&fake, false);
    block_on(client.ping().send()).unwrap();
    let error = block_on(client.list_things().send()).unwrap_err();
    assert!(matches!(error, SdkError::Construction(_)), "{error:?}");
    assert!(error.to_string().contains("credentials"), "{error}");
}

#[test]
fn without_rules_the_endpoint_url_is_required() {
    let client = Client::from_conf(Config::builder().region("eu-west-3").build());
    let error = block_on(client.ping().send()).unwrap_err();
    assert!(error.to_string().contains("endpoint_url"), "{error}");
}

#[test]
fn items_of_a_required_list() {
    let fake = Fake::new(vec![
        r#"{"Names":["x","y"],"NextToken":"n"}"#,
        r#"{"Names":[]}"#,
    ]);
    let client = client(&fake, true);
    let names = block_on(
        client
            .list_names()
            .into_paginator()
            .items()
            .send()
            .try_collect(),
    )
    .unwrap();
    assert_eq!(names, ["x", "y"]);
    assert_eq!(fake.bodies_sent().len(), 2);
}

/// Never answers.
#[derive(Debug)]
struct Silent;

impl HttpClient for Silent {
    fn send(
        &self,
        _request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, HttpError>> {
        Box::pin(std::future::pending())
    }
}

#[test]
fn retries_and_timeouts_need_no_tokio() {
    let fake = Fake::answering(vec![
        (503, r#"{"__type":"ServiceUnavailable"}"#),
        (200, "{}"),
    ]);
    let retry = RetryConfig::default().with_initial_backoff(Duration::from_millis(5));
    let client = Client::from_conf(
        Config::builder()
            .region("eu-west-3")
            .endpoint_url("https://paging.example.com")
            .retry_config(retry)
            .http_client(fake.clone())
            .build(),
    );
    block_on(client.ping().send()).unwrap();
    assert_eq!(fake.seen.lock().unwrap().len(), 2);

    let timeouts = TimeoutConfig::default().with_attempt_timeout(Some(Duration::from_millis(20)));
    let client = Client::from_conf(
        Config::builder()
            .region("eu-west-3")
            .endpoint_url("https://paging.example.com")
            .retry_config(RetryConfig::disabled())
            .timeout_config(timeouts)
            .http_client(Silent)
            .build(),
    );
    let error = block_on(client.ping().send()).unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
}
