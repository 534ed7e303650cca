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

    /// Reads "Ana Lima @ana <ana@example.com>" (handle and address optional, in that order);
    /// an address that is not one is refused, saying how to write it.
    pub fn typed(text: &str) -> Result<Person, String> {
        let text = text.trim();
        let (rest, email) = match text.strip_suffix('>').and_then(|t| t.rsplit_once('<')) {
            Some((rest, address)) => (rest.trim(), Some(address.trim())),
            None => (text, None),
        };
        let email = match email {
            Some(address) => Some(checked_address(address)?),
            None => None,
        };
        let (name, handle) = match rest.rsplit_once('@') {
            Some((name, handle))
                if !name.trim().is_empty()
                    && !handle.trim().is_empty()
                    && !handle.trim().contains(char::is_whitespace) =>
            {
                (name.trim(), Some(handle.trim().to_string()))
            }
            _ => (rest, None),
        };
        Ok(Person {
            name: name.to_string(),
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
