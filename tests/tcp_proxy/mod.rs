//! A TCP proxy a test can cut, standing for the network between kaizen and its database:
//! `cut` closes every connection through it and refuses new ones (as a dropped link seen by
//! the next packet), `mend` listens again on the same port.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

pub struct Proxy {
    pub port: u16,
    target: u16,
    open: Arc<AtomicBool>,
    streams: Arc<Mutex<Vec<TcpStream>>>,
}

impl Proxy {
    /// A proxy on a free loopback port to `target` on loopback.
    pub fn start(target: u16) -> Proxy {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a port")
            .port();
        let proxy = Proxy {
            port,
            target,
            open: Arc::new(AtomicBool::new(false)),
            streams: Arc::new(Mutex::new(Vec::new())),
        };
        proxy.mend();
        proxy
    }

    /// Listens again and passes connections on.
    pub fn mend(&self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).expect("the proxy's port");
        listener.set_nonblocking(true).expect("non-blocking");
        self.open.store(true, Ordering::SeqCst);
        let (open, streams, target) = (self.open.clone(), self.streams.clone(), self.target);
        std::thread::spawn(move || {
            while open.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((client, _)) => {
                        let _ = client.set_nonblocking(false);
                        let Ok(server) = TcpStream::connect(("127.0.0.1", target)) else {
                            continue;
                        };
                        let mut held = streams.lock().expect("streams");
                        held.extend(
                            [client.try_clone(), server.try_clone()]
                                .into_iter()
                                .flatten(),
                        );
                        drop(held);
                        pipe(
                            client.try_clone().expect("clone"),
                            server.try_clone().expect("clone"),
                        );
                        pipe(server, client);
                    }
                    Err(_) => std::thread::sleep(std::time::Duration::from_millis(20)),
                }
            }
            // The listener closes here: new connections are refused.
        });
    }

    /// Closes every connection through the proxy and stops listening.
    pub fn cut(&self) {
        self.open.store(false, Ordering::SeqCst);
        for stream in self.streams.lock().expect("streams").drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
        // The accept loop notices within its next sleep and drops the listener.
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

fn pipe(mut from: TcpStream, mut to: TcpStream) {
    std::thread::spawn(move || {
        let mut buffer = [0u8; 16 * 1024];
        loop {
            match from.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if to.write_all(&buffer[..n]).is_err() {
                        break;
                    }
                }
            }
        }
        let _ = to.shutdown(Shutdown::Both);
    });
}
