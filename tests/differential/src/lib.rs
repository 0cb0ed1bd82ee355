//! Shared helpers for the differential tests.
