//! The report by email over SMTP (STARTTLS, TLS, or none for a relay on this machine): the
//! Markdown as the plain part, and HTML made from it (raw HTML in notes is shown as text,
//! never passed on as markup). The password is never in a message or the log.

use super::Job;
use super::settings::{Email, Security};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

pub async fn publish(email: &Email, job: &Job) -> Result<String, String> {
    let to = recipients_of(email, job);
    if to.is_empty() {
        return Err(
            "nobody to send it to: give the people on the roster an address (r, then e: \
             \"Ana Lima <ana@example.com>\"), or list some in [publish.email] to"
                .into(),
        );
    }
    let mut message = Message::builder()
        .from(email.from.clone())
        .subject(job.title());
    for one in &to {
        message = message.to(one.clone());
    }
    let message = message
        .multipart(MultiPart::alternative_plain_html(
            job.markdown.clone(),
            html(&job.markdown),
        ))
        .map_err(|err| format!("cannot make the email: {err}"))?;
    // kaizen links one TLS backend, ring; an error only says one is installed already.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let builder = match email.security {
        Security::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&email.server),
        Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&email.server),
        Security::None => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(
            &email.server,
        )),
    }
    .map_err(|err| format!("cannot set up SMTP to {}: {err}", email.server))?;
    let mut builder = builder
        .port(email.port)
        .timeout(Some(Duration::from_secs(30)));
    if let Some((user, password)) = &email.credentials {
        builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
    }
    builder
        .build()
        .send(message)
        .await
        .map_err(|err| format!("{}:{} did not take it: {err}", email.server, email.port))?;
    Ok(format!("emailed to {}", recipients(&to)))
}

/// The config's `to`, then the meeting's attendees, each address once.
fn recipients_of(email: &Email, job: &Job) -> Vec<Mailbox> {
    let mut to: Vec<Mailbox> = Vec::new();
    for one in email.to.iter().chain(&job.attendees) {
        if !to.iter().any(|known| known.email == one.email) {
            to.push(one.clone());
        }
    }
    to
}

fn recipients(to: &[Mailbox]) -> String {
    to.iter()
        .map(|m| m.email.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The Markdown as HTML: tables, footnotes and task lists as kaizen writes them; any HTML in
/// the text (a pasted note) is escaped, not passed on.
pub fn html(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser};
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_TASKLISTS;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(text) | Event::InlineHtml(text) => Event::Text(text),
        other => other,
    });
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, events);
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n{body}</body></html>\n"
    )
}
