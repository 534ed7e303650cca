//! What kaizen says when a server refuses it: a 401 or 403 names where the credentials came
//! from (on one line, nothing after it), and a CA file that is not PEM is refused at setup.

use kaizen::metrics::client::{Auth, Connection, PrometheusClient};
use kaizen::metrics::{QueryKind, QueryRequest};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

/// A server that answers every request with `status` and a plain-text body ending in a
/// newline, as proxies in front of Prometheus do.
fn refusing(status: u16) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = [0u8; 2048];
            let _ = stream.read(&mut request);
            let body = "Unauthorized\n";
            let _ = write!(
                stream,
                "HTTP/1.1 {status} Nope\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\
                 Connection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

fn connection(url: String, credentials: Option<&str>) -> Connection {
    Connection {
        url,
        auth: match credentials {
            Some(_) => Auth::Bearer("t0ken".into()),
            None => Auth::None,
        },
        headers: Vec::new(),
        ca_file: None,
        timeout: Duration::from_secs(5),
        credentials: credentials.map(str::to_string),
    }
}

fn instant() -> QueryRequest {
    QueryRequest {
        query: "up".into(),
        kind: QueryKind::Instant { time: 1.0 },
    }
}

#[test]
fn a_refused_token_is_said_with_where_it_came_from() {
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    for status in [401, 403] {
        let from = "the bearer token from KAIZEN_PROMETHEUS_TOKEN";
        let client = PrometheusClient::new(&connection(refusing(status), Some(from))).unwrap();
        let said = runtime
            .block_on(client.fetch(&instant()))
            .unwrap_err()
            .to_string();
        assert_eq!(
            said,
            format!(
                "HTTP {status}: the server refused the credentials: check the bearer token \
                 from KAIZEN_PROMETHEUS_TOKEN"
            )
        );
        let said = runtime.block_on(client.version()).unwrap_err().to_string();
        assert!(!said.contains('\n') && !said.contains('␊'), "{said}");
        assert!(!said.contains("t0ken"), "{said}");
    }
    // Without credentials, it says how to give some.
    let client = PrometheusClient::new(&connection(refusing(401), None)).unwrap();
    let said = runtime
        .block_on(client.fetch(&instant()))
        .unwrap_err()
        .to_string();
    assert!(
        said.starts_with("HTTP 401: the server wants credentials: set KAIZEN_PROMETHEUS_TOKEN"),
        "{said}"
    );
}

#[test]
fn a_ca_file_that_is_not_pem_is_refused() {
    let dir = tempfile::TempDir::new().expect("dir");
    let path = dir.path().join("ca.crt");
    std::fs::write(&path, "this is not a certificate\n").expect("file");
    let mut setup = connection("https://prom".into(), None);
    setup.ca_file = Some(path.clone());
    let refused = PrometheusClient::new(&setup).err().expect("refused");
    assert!(
        refused.starts_with(&format!(
            "prometheus.ca_file {}: not a PEM certificate",
            path.display()
        )),
        "{refused}"
    );
    assert!(refused.contains("-----BEGIN CERTIFICATE-----"), "{refused}");
}
