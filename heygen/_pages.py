"""Cursor pages of v3 lists: one page's items, and iteration over every page after it.

HeyGen answers a list with `data` (the items), `has_more` and `next_token`; the next page is the
same request with `token=<next_token>`. Iterating a page fetches the following pages lazily, one
request each, so a loop that stops early sends no more requests than it needed.

    for group in client.avatars.list():          # every group, page after page
        ...
    page = client.avatars.list(limit=10)          # or page by hand
    while page is not None:
        handle(page.items)
        page = page.next_page()

A failure while iterating raises with the items of the earlier pages already yielded, and the
failed page's cursor on the error (`error.page_token`): `list(token=error.page_token)` resumes
there. A server that sends a `next_token` it sent before would make the loop endless; that raises
`PageLoopError` instead.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Sequence
from typing import Any, Generic, TypeVar

from ._exceptions import APIError, PageLoopError

T = TypeVar("T")


class _PageBase(Generic[T]):
    __slots__ = ("has_more", "items", "next_token")

    def __init__(self, items: Sequence[T], *, has_more: bool, next_token: str | None) -> None:
        self.items: tuple[T, ...] = tuple(items)
        self.has_more = has_more
        self.next_token = next_token

    def has_next_page(self) -> bool:
        """True when HeyGen says more items follow (and gave the token to fetch them)."""
        return self.has_more and bool(self.next_token)

    def _next_token(self, seen: set[str]) -> str | None:
        """The token of the next page, or None to stop; a token seen before is a loop: raise."""
        token = self.next_token
        if not self.has_next_page() or token is None:
            return None
        if token in seen:
            error = PageLoopError(
                f"HeyGen sent next_token {token!r} a second time, after {len(seen) + 1} pages: following "
                "it would repeat pages forever, so the listing stops here (the items before were yielded)"
            )
            error.page_token = token
            raise error
        seen.add(token)
        return token

    def __repr__(self) -> str:
        name = type(self).__name__
        return f"{name}(items={len(self.items)}, has_more={self.has_more}, next_token={self.next_token!r})"


class Page(_PageBase[T]):
    """One page of a list; iterating it yields every item of this page and all later ones.

    Attributes:
        items: This page's items only.
        has_more: Whether HeyGen has more items after this page.
        next_token: The cursor of the next page, if any.
    """

    __slots__ = ("_fetch",)

    def __init__(
        self,
        items: Sequence[T],
        *,
        has_more: bool,
        next_token: str | None,
        fetch: Callable[[str], Page[T]],
    ) -> None:
        super().__init__(items, has_more=has_more, next_token=next_token)
        self._fetch = fetch

    def next_page(self) -> Page[T] | None:
        """The next page (one request), or None after the last one."""
        return self._fetch(self.next_token) if self.has_next_page() and self.next_token else None

    def iter_pages(self) -> Iterator[Page[T]]:
        """This page, then each following one, fetched as the loop reaches it."""
        page: Page[T] = self
        seen: set[str] = set()
        while True:
            yield page
            token = page._next_token(seen)
            if token is None:
                return
            try:
                page = page._fetch(token)
            except APIError as error:
                error.page_token = token
                raise

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.items


class AsyncPage(_PageBase[T]):
    """One page of a list on the async client; `async for` yields every item of every page."""

    __slots__ = ("_fetch",)

    def __init__(
        self,
        items: Sequence[T],
        *,
        has_more: bool,
        next_token: str | None,
        fetch: Callable[[str], Awaitable[AsyncPage[T]]],
    ) -> None:
        super().__init__(items, has_more=has_more, next_token=next_token)
        self._fetch = fetch

    async def next_page(self) -> AsyncPage[T] | None:
        """The next page (one request), or None after the last one."""
        return await self._fetch(self.next_token) if self.has_next_page() and self.next_token else None

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        """This page, then each following one, fetched as the loop reaches it."""
        page: AsyncPage[T] = self
        seen: set[str] = set()
        while True:
            yield page
            token = page._next_token(seen)
            if token is None:
                return
            try:
                page = await page._fetch(token)
            except APIError as error:
                error.page_token = token
                raise

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item


class AsyncPager(Generic[T]):
    """What an async `list()` returns: await it for the first page, or `async for` every item.

    page = await client.avatars.list()        # the first AsyncPage
    async for group in client.avatars.list(): # every group, page after page
        ...
    """

    __slots__ = ("_first",)

    def __init__(self, first: Callable[[], Awaitable[AsyncPage[T]]]) -> None:
        self._first = first

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        page = await self._first()
        async for item in page:
            yield item
