//! Someone on the team roster: a name, and optionally a chat or tracker handle and an email
//! address (the meeting's report is mailed to the people who were on its attendance list).
//! Typed in one line as people write it: "Ana Lima @ana <ana@example.com>".

use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Person {
    pub name: String,
    /// Without its '@'.
    pub handle: Option<String>,
    pub email: Option<String>,
}

impl Person {
    pub fn named(name: &str) -> Person {
        Person {
            name: name.trim().to_string(),
            ..Person::default()
        }
    }

    /// Reads "Ana Lima @ana <ana@example.com>": a word starting with '@' is the handle,
    /// what follows '<' (its '>' optional) or a word that is an address is the address, the
    /// other words are the name. An address that is not one is refused, saying how to write
    /// it.
    pub fn typed(text: &str) -> Result<Person, String> {
        let (rest, mut email) = match text.split_once('<') {
            Some((rest, address)) => {
                let address = address.trim().trim_end_matches('>').trim();
                (rest, Some(checked_address(address)?))
            }
            None => (text, None),
        };
        let mut name = Vec::new();
        let mut handle = None;
        for word in rest.split_whitespace() {
            match word.strip_prefix('@').filter(|h| !h.is_empty()) {
                Some(h) if !name.is_empty() => handle = Some(h.to_string()),
                _ if email.is_none() && !name.is_empty() && word.contains('@') => {
                    email = Some(checked_address(word)?);
                }
                _ => name.push(word),
            }
        }
        Ok(Person {
            name: name.join(" "),
            handle,
            email,
        })
    }

    /// As it is typed: "Ana Lima @ana <ana@example.com>".
    pub fn written(&self) -> String {
        let mut text = self.name.clone();
        if let Some(handle) = &self.handle {
            text.push_str(&format!(" @{handle}"));
        }
        if let Some(email) = &self.email {
            text.push_str(&format!(" <{email}>"));
        }
        text
    }
}

/// An email address as lettre reads one, or why not.
fn checked_address(address: &str) -> Result<String, String> {
    address
        .parse::<lettre::Address>()
        .map(|a| a.to_string())
        .map_err(|_| {
            format!(
                "\"{}\" is not an email address: write it like <ana@example.com>",
                crate::text::clean(address)
            )
        })
}
