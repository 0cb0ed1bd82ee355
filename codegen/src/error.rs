//! The generator's errors. Problems in the model are collected (all of them, sorted) and each
//! names the shape or member at fault; `panic!` is reserved for generator bugs.

use std::fmt;

use crate::model::ShapeId;

/// One problem with the model or with what was asked of it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The shape or member at fault, when there is one.
    pub shape: Option<ShapeId>,
    /// What is wrong, without the shape id.
    pub message: String,
}

impl Problem {
    /// A problem with a shape or member.
    pub fn at(shape: &ShapeId, message: impl Into<String>) -> Problem {
        Problem {
            shape: Some(shape.clone()),
            message: message.into(),
        }
    }

    /// A problem with the document as a whole.
    pub fn general(message: impl Into<String>) -> Problem {
        Problem {
            shape: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.shape {
            Some(shape) => write!(f, "{shape}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Why generation failed.
#[derive(Debug)]
pub enum Error {
    /// The model is malformed or invalid: every problem found, in shape-id order.
    Model(Vec<Problem>),
    /// The model is valid but asks for something this generator cannot do (yet), or the
    /// selection or naming cannot be satisfied. Each problem names the shape and the feature.
    Unsupported(Vec<Problem>),
    /// Reading the model or writing the crate failed.
    Io {
        /// What was being done, with the path.
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl Error {
    pub(crate) fn model(mut problems: Vec<Problem>) -> Error {
        problems.sort();
        problems.dedup();
        Error::Model(problems)
    }

    pub(crate) fn unsupported(mut problems: Vec<Problem>) -> Error {
        problems.sort();
        problems.dedup();
        Error::Unsupported(problems)
    }

    /// The individual problems, if this is a model or unsupported-feature error.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Model(problems) | Error::Unsupported(problems) => problems,
            Error::Io { .. } => &[],
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, problems) = match self {
            Error::Model(problems) => ("invalid model", problems),
            Error::Unsupported(problems) => ("cannot generate", problems),
            Error::Io { context, source } => return write!(f, "{context}: {source}"),
        };
        let s = if problems.len() == 1 { "" } else { "s" };
        write!(f, "{what} ({} problem{s}):", problems.len())?;
        for problem in problems {
            write!(f, "\n  {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
