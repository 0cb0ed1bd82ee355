//! Paging: [`Pages`] sends a `@paginated` operation again with each response's token and yields
//! the responses as a [`Stream`]; [`Items`] yields the items of those pages one by one.
//!
//! Paging stops when a response carries no token or an empty one and, unless turned off, when
//! the service sends back the token it was given (a service bug that would otherwise loop
//! forever; aws-sdk-rust stops there too). It also stops after the first error, which it
//! yields.

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::runtime::client::error::SdkError;
use crate::runtime::client::http::BoxFuture;

/// Sends the operation with the given token (none for the first page).
pub type FetchPage<O, E> =
    Box<dyn FnMut(Option<String>) -> BoxFuture<'static, Result<O, SdkError<E>>> + Send>;

/// The pages of a paginated call, as a [`Stream`] (or one by one with [`Pages::next`]).
pub struct Pages<O, E> {
    fetch: FetchPage<O, E>,
    next_token: fn(&O) -> Option<&str>,
    stop_on_duplicate_token: bool,
    /// The token the next request sends (the caller's starting token at first).
    token: Option<String>,
    in_flight: Option<BoxFuture<'static, Result<O, SdkError<E>>>>,
    done: bool,
}

impl<O, E> fmt::Debug for Pages<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("token", &self.token)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<O, E> Pages<O, E> {
    /// Pages starting from `start` (a token from an earlier call, to resume; `None` for the
    /// first page): `fetch` sends one request, `next_token` reads the response's token.
    pub fn new(
        fetch: FetchPage<O, E>,
        next_token: fn(&O) -> Option<&str>,
        start: Option<String>,
        stop_on_duplicate_token: bool,
    ) -> Self {
        Pages {
            fetch,
            next_token,
            stop_on_duplicate_token,
            token: start.filter(|t| !t.is_empty()),
            in_flight: None,
            done: false,
        }
    }

    /// The next page, or `None` after the last one (or after an error).
    pub async fn next(&mut self) -> Option<Result<O, SdkError<E>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Every page, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<O>, SdkError<E>> {
        let mut pages = Vec::new();
        while let Some(page) = self.next().await {
            pages.push(page?);
        }
        Ok(pages)
    }

    /// Every page (or error, the last item), into any collection, as aws-sdk-rust's
    /// `PaginationStream::collect`: `collect::<Result<Vec<_>, _>>()`.
    pub async fn collect<C: FromIterator<Result<O, SdkError<E>>>>(mut self) -> C {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item);
        }
        items.into_iter().collect()
    }
}

impl<O, E> Stream for Pages<O, E> {
    type Item = Result<O, SdkError<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.done {
            return Poll::Ready(None);
        }
        let sent = this.token.clone();
        let in_flight = this
            .in_flight
            .get_or_insert_with(|| (this.fetch)(sent.clone()));
        let result = match in_flight.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(result) => result,
        };
        this.in_flight = None;
        match result {
            Err(error) => {
                this.done = true;
                Poll::Ready(Some(Err(error)))
            }
            Ok(page) => {
                let next = (this.next_token)(&page).filter(|t| !t.is_empty());
                match next {
                    None => this.done = true,
                    Some(t) if this.stop_on_duplicate_token && sent.as_deref() == Some(t) => {
                        this.done = true
                    }
                    Some(t) => this.token = Some(t.to_owned()),
                }
                Poll::Ready(Some(Ok(page)))
            }
        }
    }
}

/// The items of a paginated call's pages, one by one, as a [`Stream`].
pub struct Items<O, T, E> {
    pages: Pages<O, E>,
    items: fn(O) -> Vec<T>,
    buffer: VecDeque<T>,
    remaining: Option<usize>,
}

impl<O, T, E> fmt::Debug for Items<O, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("buffered", &self.buffer.len())
            .field("remaining", &self.remaining)
            .finish()
    }
}

impl<O, T, E> Items<O, T, E> {
    /// The items `items` takes out of each of `pages`, at most `max_items` of them.
    pub fn new(pages: Pages<O, E>, items: fn(O) -> Vec<T>, max_items: Option<usize>) -> Self {
        Items {
            pages,
            items,
            buffer: VecDeque::new(),
            remaining: max_items,
        }
    }

    /// The next item, or `None` after the last one (or after an error).
    pub async fn next(&mut self) -> Option<Result<T, SdkError<E>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Every item, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<T>, SdkError<E>> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }

    /// Every item (or error, the last one), into any collection, as aws-sdk-rust's
    /// `PaginationStream::collect`: `collect::<Result<Vec<_>, _>>()`.
    pub async fn collect<C: FromIterator<Result<T, SdkError<E>>>>(mut self) -> C {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item);
        }
        items.into_iter().collect()
    }
}

impl<O, T, E> Unpin for Items<O, T, E> {}

impl<O, T, E> Stream for Items<O, T, E> {
    type Item = Result<T, SdkError<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if this.remaining == Some(0) {
                return Poll::Ready(None);
            }
            if let Some(item) = this.buffer.pop_front() {
                if let Some(remaining) = &mut this.remaining {
                    *remaining -= 1;
                }
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(Some(Ok(page))) => this.buffer.extend((this.items)(page)),
            }
        }
    }
}
