//! Smithy shape ids (`namespace#Name` and `namespace#Name$member`).

use std::fmt;

/// An absolute shape id, optionally naming a member.
///
/// Ordering is by namespace, then name, then member: the order in which everything keyed by
/// shape id is visited, so that output never depends on the order of the model file.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    namespace: String,
    name: String,
    member: Option<String>,
}

impl ShapeId {
    /// Parses `namespace#Name` or `namespace#Name$member`; the error says what is wrong.
    pub fn parse(text: &str) -> Result<ShapeId, String> {
        let (namespace, rest) = text
            .split_once('#')
            .ok_or_else(|| format!("shape id `{text}` has no `#` between namespace and name"))?;
        let (name, member) = match rest.split_once('$') {
            Some((name, member)) => (name, Some(member)),
            None => (rest, None),
        };
        if namespace.is_empty() || !namespace.split('.').all(is_identifier) {
            return Err(format!(
                "shape id `{text}` has an invalid namespace `{namespace}`"
            ));
        }
        if !is_identifier(name) {
            return Err(format!("shape id `{text}` has an invalid name `{name}`"));
        }
        if let Some(member) = member {
            if !is_identifier(member) {
                return Err(format!(
                    "shape id `{text}` has an invalid member name `{member}`"
                ));
            }
        }
        Ok(ShapeId {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
            member: member.map(str::to_owned),
        })
    }

    /// A root shape id from parts the caller has already validated.
    pub(crate) fn new(namespace: &str, name: &str) -> ShapeId {
        ShapeId {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
            member: None,
        }
    }

    /// The id of `member` of this shape.
    pub fn with_member(&self, member: &str) -> ShapeId {
        ShapeId {
            namespace: self.namespace.clone(),
            name: self.name.clone(),
            member: Some(member.to_owned()),
        }
    }

    /// The shape this id names, without its member part.
    pub fn root(&self) -> ShapeId {
        ShapeId {
            namespace: self.namespace.clone(),
            name: self.name.clone(),
            member: None,
        }
    }

    /// The namespace, e.g. `com.amazonaws.fsx`.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The shape name, e.g. `Backup`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The member name, if this id names a member.
    pub fn member(&self) -> Option<&str> {
        self.member.as_deref()
    }
}

/// Smithy's `identifier` production: a letter or `_`, then letters, digits and `_`, and not
/// only underscores.
pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !text.chars().all(|c| c == '_')
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.namespace, self.name)?;
        if let Some(member) = &self.member {
            write!(f, "${member}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_root_and_member_ids() {
        let id = ShapeId::parse("com.amazonaws.fsx#Backup$Lifecycle").unwrap();
        assert_eq!(id.namespace(), "com.amazonaws.fsx");
        assert_eq!(id.name(), "Backup");
        assert_eq!(id.member(), Some("Lifecycle"));
        assert_eq!(id.to_string(), "com.amazonaws.fsx#Backup$Lifecycle");
        assert_eq!(id.root().to_string(), "com.amazonaws.fsx#Backup");
    }

    #[test]
    fn rejects_malformed_ids() {
        for (text, expected) in [
            ("Backup", "has no `#`"),
            ("#Backup", "invalid namespace ``"),
            ("com..fsx#Backup", "invalid namespace"),
            ("com.fsx#9Backup", "invalid name `9Backup`"),
            ("com.fsx#Backup$", "invalid member name ``"),
            ("com.fsx#Back-up", "invalid name"),
            ("com.fsx#__", "invalid name"),
        ] {
            let err = ShapeId::parse(text).unwrap_err();
            assert!(err.contains(expected), "{text}: {err}");
        }
    }
}
