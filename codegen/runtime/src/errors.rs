//! What every error type of a generated crate implements, written by `macro_rules!` rather
//! than out in full (about seventy lines of generated code per error enum and sixty per error
//! structure fewer, the same code compiled): an operation's error enum and the service-wide
//! `Error` (`error_enum!`), an operation's errors into the service's (`error_into!`), and
//! an `@error` structure's constants, message, `Display` and readers (`modeled_error!`).

// A crate uses the macros its model needs (one without errors calls none).
#![allow(unused_imports, unused_macros)]

/// The accessors, `From<Unhandled>`, `Display`, `Error` and `ServiceError` of an error enum
/// (declared by the caller, with an `Unhandled` variant and one boxed variant per modeled
/// error), from its variants as `Variant is_variant "Code"`. An operation's enum (`operation`
/// rather than `service`) also gets `reader`, which finds how a response's error reads by its
/// code.
macro_rules! error_enum {
    ($kind:ident $name:ident { $($variant:ident $is:ident $code:literal),* $(,)? }) => {
        impl $name {
            /// The error, whichever variant, as what every error can say about itself.
            pub fn as_service_error(
                &self,
            ) -> &(dyn $crate::runtime::protocol::ServiceError + 'static) {
                match self {
                    $(Self::$variant(e) => &**e,)*
                    Self::Unhandled(e) => e,
                }
            }

            /// The error code (e.g. `BackupNotFound`), if the service sent one.
            pub fn code(&self) -> ::std::option::Option<&str> {
                self.as_service_error().code()
            }

            /// The error message, if any.
            pub fn message(&self) -> ::std::option::Option<&str> {
                self.as_service_error().message()
            }

            /// The request id of the response, if the service sent one.
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                self.as_service_error().request_id()
            }

            /// Everything the response said about the error.
            pub fn meta(&self) -> &$crate::runtime::protocol::ErrorMetadata {
                self.as_service_error().meta()
            }

            /// Whether the model marks the error `@retryable`.
            pub fn is_retryable(&self) -> bool {
                self.as_service_error().is_retryable()
            }

            $(
                #[doc = concat!("Whether the error is `", $code, "`.")]
                pub fn $is(&self) -> bool {
                    ::std::matches!(self, Self::$variant(_))
                }
            )*

            /// Whether this is an error the model does not list here.
            pub fn is_unhandled(&self) -> bool {
                ::std::matches!(self, Self::Unhandled(_))
            }
        }

        /// An error the crate could not match to a modeled one (the client makes one of a
        /// failure before the service answered: `SdkError::into_service_error`).
        impl ::std::convert::From<$crate::runtime::protocol::Unhandled> for $name {
            fn from(unhandled: $crate::runtime::protocol::Unhandled) -> Self {
                Self::Unhandled(unhandled)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.as_service_error(), f)
            }
        }

        impl ::std::error::Error for $name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    Self::Unhandled(e) => ::std::error::Error::source(e),
                    #[allow(unreachable_patterns)]
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl $crate::runtime::protocol::ServiceError for $name {
            fn code(&self) -> ::std::option::Option<&str> {
                self.as_service_error().code()
            }

            fn message(&self) -> ::std::option::Option<&str> {
                self.as_service_error().message()
            }

            fn meta(&self) -> &$crate::runtime::protocol::ErrorMetadata {
                self.as_service_error().meta()
            }

            fn is_retryable(&self) -> bool {
                self.as_service_error().is_retryable()
            }

            fn is_throttling(&self) -> bool {
                self.as_service_error().is_throttling()
            }
        }

        $crate::runtime::errors::error_enum!(@$kind $name { $($variant $code),* });
    };
    (@service $name:ident { $($variant:ident $code:literal),* }) => {};
    (@operation $name:ident {}) => {
        impl $name {
            /// How a response's error reads, by its code: the operation lists none.
            pub(crate) fn reader(
                _code: &str,
            ) -> ::std::option::Option<$crate::runtime::protocol::ReadError<Self>> {
                ::std::option::Option::None
            }
        }
    };
    (@operation $name:ident { $($variant:ident $code:literal),+ }) => {
        impl $name {
            /// How a response's error reads, by its code (`None`: an error the model does not
            /// list for the operation).
            pub(crate) fn reader(
                code: &str,
            ) -> ::std::option::Option<$crate::runtime::protocol::ReadError<Self>> {
                match code {
                    $($code => ::std::option::Option::Some(|e| e.read(Self::$variant)),)+
                    _ => ::std::option::Option::None,
                }
            }
        }
    };
}
pub(crate) use error_enum;

/// `From` an operation's error enum (by its path in the crate) into the service-wide one: each
/// listed variant, and `Unhandled`, into the variant of the same name.
macro_rules! error_into {
    ($($from:ident)::+ => $to:ident { $($variant:ident),* $(,)? }) => {
        impl ::std::convert::From<$crate$(::$from)+> for $to {
            fn from(error: $crate$(::$from)+) -> Self {
                use $crate$(::$from)+ as Source;
                match error {
                    $(Source::$variant(e) => Self::$variant(e),)*
                    Source::Unhandled(e) => Self::Unhandled(e),
                }
            }
        }
    };
}
pub(crate) use error_into;

/// What an `@error` structure (by its path in the crate, with a `meta` field) implements:
///
/// - `code`, `fault` (`Client` or `Server`), `retryable`, `throttling`, `status` (`@httpError`);
/// - `message`: the member holding its message (`opt field`, `req field`) or `none`;
///   `sensitive`: whether that message is `@sensitive`, never shown (`message()` gives the
///   marker, and the metadata's copy is redacted when the error is read);
/// - `read`: how a response's body reads as the error: `body`, `message_only("Wire")` (an
///   error made of its message alone may skip reading the body again), or `none` for an error
///   no operation returns (a member of an event stream, say).
macro_rules! modeled_error {
    ($($ty:ident)::+ {
        code: $code:literal,
        fault: $fault:ident,
        retryable: $retryable:literal,
        throttling: $throttling:literal,
        status: $status:expr,
        message: $message:ident $($field:ident)?,
        sensitive: $sensitive:tt,
        read: $read:ident $(($wire:literal))? $(,)?
    }) => {
        impl $crate$(::$ty)+ {
            /// The error code the service sends for this error.
            pub const CODE: &'static str = $code;
            /// Whose fault the error is (`@error`).
            pub const FAULT: $crate::runtime::protocol::ErrorFault =
                $crate::runtime::protocol::ErrorFault::$fault;
            /// Whether the request may succeed if retried (`@retryable`).
            pub const RETRYABLE: bool = $retryable;
            /// Whether the error means "slow down" (`@retryable(throttling: true)`).
            pub const THROTTLING: bool = $throttling;
            /// The HTTP status the model gives the error (`@httpError`), if any.
            pub const HTTP_STATUS: ::std::option::Option<u16> = $status;

            /// The error's message: its message member, else the one the response carried.
            pub fn message(&self) -> ::std::option::Option<&str> {
                $crate::runtime::errors::modeled_error!(
                    @shown $sensitive,
                    $crate::runtime::errors::modeled_error!(@message self, $message $($field)?)
                )
            }

            /// What the response said about the error (code, message, request id, status);
            /// empty for an error built in code.
            pub fn meta(&self) -> &$crate::runtime::protocol::ErrorMetadata {
                &self.meta
            }
        }

        impl ::std::fmt::Display for $crate$(::$ty)+ {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::runtime::protocol::display_error(
                    f,
                    self.meta.code().unwrap_or(Self::CODE),
                    self.message(),
                    &self.meta,
                )
            }
        }

        impl ::std::error::Error for $crate$(::$ty)+ {}

        impl $crate::runtime::protocol::ServiceError for $crate$(::$ty)+ {
            fn code(&self) -> ::std::option::Option<&str> {
                ::std::option::Option::Some(self.meta.code().unwrap_or(Self::CODE))
            }

            fn message(&self) -> ::std::option::Option<&str> {
                $crate$(::$ty)+::message(self)
            }

            fn meta(&self) -> &$crate::runtime::protocol::ErrorMetadata {
                &self.meta
            }

            fn is_retryable(&self) -> bool {
                Self::RETRYABLE
            }

            fn is_throttling(&self) -> bool {
                Self::THROTTLING
            }
        }

        $crate::runtime::errors::modeled_error!(
            @read $crate$(::$ty)+, $sensitive, $message $($field)?, $read $(($wire))?
        );
    };
    (@message $this:expr, opt $field:ident) => {
        $this.$field.as_deref().or($this.meta.message())
    };
    (@message $this:expr, req $field:ident) => {
        ::std::option::Option::Some($this.$field.as_str())
    };
    (@message $this:expr, none) => {
        $this.meta.message()
    };
    (@shown false, $message:expr) => { $message };
    (@shown true, $message:expr) => { ($message).map(|_| $crate::runtime::REDACTED) };
    (@read $ty:ty, $sensitive:tt, $message:ident $($field:ident)?, none) => {};
    (@read $ty:ty, $sensitive:tt, $message:ident $($field:ident)?, $read:ident $(($wire:literal))?) => {
        impl $ty {
            /// The same error, carrying what a response said about it.
            pub(crate) fn with_meta(mut self, meta: $crate::runtime::protocol::ErrorMetadata) -> Self {
                $crate::runtime::errors::modeled_error!(@fill self, meta, $message $($field)?);
                $crate::runtime::errors::modeled_error!(@redact meta, $sensitive);
                self.meta = meta;
                self
            }
        }

        impl $crate::runtime::protocol::ModeledError for $ty {
            const SENSITIVE_MESSAGE: bool = $sensitive;

            fn read(
                body: &[u8],
                meta: $crate::runtime::protocol::ErrorMetadata,
                fit: $crate::runtime::protocol::MessageFit,
            ) -> ::std::result::Result<::std::boxed::Box<Self>, $crate::runtime::protocol::Unhandled> {
                $crate::runtime::errors::modeled_error!(@body body, meta, fit, $read $(($wire))?)
            }
        }
    };
    // A message sent under another spelling (`message` for a `Message` member) still fills
    // the member, as users read the field directly.
    (@fill $this:expr, $meta:ident, opt $field:ident) => {
        if $this.$field.is_none() {
            $this.$field = $meta.message().map(::std::borrow::ToOwned::to_owned);
        }
    };
    (@fill $this:expr, $meta:ident, $message:ident $($field:ident)?) => {};
    (@redact $meta:ident, false) => {};
    (@redact $meta:ident, true) => {
        let mut $meta = $meta;
        $meta.redact_message();
    };
    (@body $body:ident, $meta:ident, $fit:ident, body) => {{
        let _ = $fit;
        $crate::runtime::protocol::modeled_error($body, $meta, Self::with_meta)
    }};
    (@body $body:ident, $meta:ident, $fit:ident, message_only($wire:literal)) => {
        $crate::runtime::protocol::message_error($body, $meta, $fit, $wire, Self::with_meta)
    };
}
pub(crate) use modeled_error;
