//! moto's server (`python -m moto.server`), a Python implementation of AWS services FSx
//! included, for the client's end-to-end test (`tests/moto.rs`).
//!
//! [`MotoServer::start`] provisions the pinned moto ([`crate::python::MOTO`]), starts the server
//! on `127.0.0.1` with a port the system picks (read from the server's own `Running on …`
//! line, so no other process can take it in between), and waits until it answers HTTP. The
//! [`MotoServer`] kills the process when dropped, a panicking test included, and then prints the
//! end of the server's log, where moto writes the traceback of any request it failed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::python::{self, MOTO};

/// How long the server may take to start (Python imports moto's backends index) and answer.
const STARTUP: Duration = Duration::from_secs(60);

/// A running moto server, killed when dropped.
pub struct MotoServer {
    child: Child,
    port: u16,
    log: Arc<Mutex<Vec<String>>>,
}

impl MotoServer {
    /// Starts the server and waits until it answers. Panics, saying why and how to install
    /// moto, if it cannot: the test must fail, not skip, without moto.
    pub fn start() -> MotoServer {
        let python_path = MOTO.python_path();
        let python = python::python();
        let install = MOTO.install_command();
        let mut command = Command::new(&python);
        command
            .args(["-m", "moto.server", "--host", "127.0.0.1", "--port", "0"])
            .env("PYTHONUNBUFFERED", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(path) = &python_path {
            command.env("PYTHONPATH", path);
        }
        let mut child = command.spawn().unwrap_or_else(|e| {
            panic!("cannot run `{python} -m moto.server` ({e}): the test needs Python 3 with moto's server; install it with `{install}`")
        });
        let (lines, received) = mpsc::channel();
        let log = Arc::new(Mutex::new(Vec::new()));
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr = child.stderr.take().expect("piped stderr");
        // Read both pipes to the end (werkzeug logs every request; a full pipe would block the
        // server), keeping the lines for the failure report.
        read_lines(stdout, lines.clone(), log.clone());
        read_lines(stderr, lines, log.clone());
        // From here on, a panic kills the process.
        let mut server = MotoServer {
            child,
            port: 0,
            log,
        };
        let deadline = Instant::now() + STARTUP;
        server.port = loop {
            match received.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(line) => {
                    if let Some(port) = listening_port(&line) {
                        break port;
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => panic!(
                    "moto's server did not say where it listens within {STARTUP:?}; its output:\n{}",
                    server.log()
                ),
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let status = server.child.wait().map(|s| s.to_string());
                    panic!(
                        "moto's server exited ({status:?}) before listening (is moto's `server` extra installed? `{install}`); its output:\n{}",
                        server.log()
                    )
                }
            }
        };
        let mut last_error = String::new();
        while Instant::now() < deadline {
            match server.reset() {
                Ok(()) => return server,
                Err(e) => last_error = e,
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "moto's server on port {} did not answer within {STARTUP:?} ({last_error}); its output:\n{}",
            server.port,
            server.log()
        )
    }

    /// The server's URL, the clients' `endpoint_url`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// What the server wrote so far (its request log, and the tracebacks of its failures).
    pub fn log(&self) -> String {
        self.log.lock().map(|l| l.join("\n")).unwrap_or_default()
    }

    /// `POST /moto-api/reset` (moto forgets every resource), by hand over a socket: the proof
    /// that the server answers HTTP.
    fn reset(&self) -> Result<(), String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .map_err(|e| e.to_string())?;
        stream
            .write_all(
                b"POST /moto-api/reset HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            )
            .map_err(|e| e.to_string())?;
        let mut response = Vec::new();
        stream
            .read_to_end(&mut response)
            .map_err(|e| e.to_string())?;
        let response = String::from_utf8_lossy(&response);
        let status = response.lines().next().unwrap_or_default();
        if status.starts_with("HTTP/1.1 200") || status.starts_with("HTTP/1.0 200") {
            Ok(())
        } else {
            Err(format!("POST /moto-api/reset answered {status:?}"))
        }
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            let log = self.log();
            let lines: Vec<&str> = log.lines().collect();
            let tail = &lines[lines.len().saturating_sub(60)..];
            eprintln!(
                "moto's server log (last {} lines):\n{}",
                tail.len(),
                tail.join("\n")
            );
        }
    }
}

/// The port of werkzeug's ` * Running on http://127.0.0.1:PORT` line.
fn listening_port(line: &str) -> Option<u16> {
    let rest = &line[line.find("Running on http://127.0.0.1:")? + 28..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|&port| port != 0)
}

/// Reads `pipe` line by line on a thread of its own: each line goes to `log` and `lines`.
fn read_lines(
    pipe: impl Read + Send + 'static,
    lines: mpsc::Sender<String>,
    log: Arc<Mutex<Vec<String>>>,
) {
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            if let Ok(mut log) = log.lock() {
                log.push(line.clone());
            }
            // The receiver is gone once the server listens.
            let _ = lines.send(line);
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn listening_port() {
        assert_eq!(
            super::listening_port(" * Running on http://127.0.0.1:46789"),
            Some(46789)
        );
        assert_eq!(
            super::listening_port("\u{1b}[33m * Running on http://127.0.0.1:5000\u{1b}[0m"),
            Some(5000)
        );
        assert_eq!(super::listening_port("Press CTRL+C to quit"), None);
        assert_eq!(
            super::listening_port(" * Running on http://127.0.0.1:0"),
            None
        );
    }
}
