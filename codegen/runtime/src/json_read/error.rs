//! Read errors: what is wrong, where in the body, and the member path to it.

use std::fmt;

/// One step of the path to a bad value.
#[derive(Clone, Debug, PartialEq, Eq)]
enum PathSegment {
    Member(&'static str),
    Index(usize),
    Key(String),
    /// A map key inside a `@sensitive` value: not shown.
    HiddenKey,
}

/// Why a body could not be read, and where: the member path to the value at fault and its
/// line and column in the body.
///
/// One pointer wide: every read returns a `Result` with it, and a small error keeps the
/// success path in registers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeserializeError(Box<ErrorDetail>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct ErrorDetail {
    /// Innermost segment first (the path is built as the error travels outwards).
    path: Vec<PathSegment>,
    message: String,
    position: Option<(usize, usize)>,
    /// The message without the body's text, when `message` quotes it.
    unquoted: Option<String>,
}

impl DeserializeError {
    #[cold]
    pub(crate) fn new(message: String, position: Option<(usize, usize)>) -> Self {
        DeserializeError(Box::new(ErrorDetail {
            path: Vec::new(),
            message,
            position,
            unquoted: None,
        }))
    }

    /// The same error, noting that its message quotes the body: `unquoted` says it without.
    pub(super) fn quoting(mut self, unquoted: &str) -> Self {
        self.0.unquoted = Some(unquoted.to_owned());
        self
    }

    /// The same error with nothing of the value in it, for a value that is `@sensitive`: a
    /// message that quoted the body's text says what was wrong without it, and map keys inside
    /// the value are not shown. Member names, list indexes and the position stay (they are the
    /// schema's, not the data's).
    #[cold]
    pub fn redacted(mut self) -> Self {
        if let Some(unquoted) = self.0.unquoted.take() {
            self.0.message = format!("{unquoted} (the value is sensitive: not shown)");
        }
        for segment in &mut self.0.path {
            if matches!(segment, PathSegment::Key(_)) {
                *segment = PathSegment::HiddenKey;
            }
        }
        self
    }

    /// The same error, inside member `name`.
    pub fn in_member(mut self, name: &'static str) -> Self {
        self.0.path.push(PathSegment::Member(name));
        self
    }

    /// The same error, inside element `index` of a list.
    pub fn in_index(mut self, index: usize) -> Self {
        self.0.path.push(PathSegment::Index(index));
        self
    }

    /// The same error, inside the value of map key `key`.
    pub fn in_key(mut self, key: &str) -> Self {
        self.0.path.push(PathSegment::Key(key.to_owned()));
        self
    }

    /// The path to the value at fault, e.g. `Backups[2].FileSystem.StorageCapacity`
    /// (empty for the document itself).
    pub fn path(&self) -> String {
        let mut path = String::new();
        for segment in self.0.path.iter().rev() {
            match segment {
                PathSegment::Member(name) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(name);
                }
                PathSegment::Index(i) => path.push_str(&format!("[{i}]")),
                PathSegment::Key(k) => path.push_str(&format!("[{k:?}]")),
                PathSegment::HiddenKey => {
                    path.push('[');
                    path.push_str(crate::runtime::REDACTED);
                    path.push(']');
                }
            }
        }
        path
    }

    /// What is wrong, e.g. `expected integer, got string`.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Line and column (from 1) in the body.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.0.position
    }
}

impl fmt::Display for DeserializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path();
        if !path.is_empty() {
            write!(f, "{path}: ")?;
        }
        f.write_str(&self.0.message)?;
        if let Some((line, column)) = self.0.position {
            write!(f, " (line {line}, column {column})")?;
        }
        Ok(())
    }
}

impl std::error::Error for DeserializeError {}
