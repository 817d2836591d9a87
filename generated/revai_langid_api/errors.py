"""Contains shared errors types that can be raised from API functions"""

from typing import Self

MAX_MESSAGE_CONTENT = 500
"""Characters of the response body that the message of `UnexpectedStatus` quotes."""


class UnexpectedStatus(Exception):
    """Raised by api functions when Client.raise_on_unexpected_status is True and
    the response has an undocumented status, or a body that is not JSON where JSON
    is documented.

    Attributes:
        status_code: The status of the response.
        content: The whole body of the response.
    """

    def __init__(self, status_code: int, content: bytes) -> None:
        self.status_code = status_code
        self.content = content

        text = content.decode(errors="replace")
        if len(text) > MAX_MESSAGE_CONTENT:
            text = f"{text[:MAX_MESSAGE_CONTENT]}... ({len(text)} characters in all)"
        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{text}"
        )

    def __reduce__(self) -> tuple[type[Self], tuple[int, bytes]]:
        return type(self), (self.status_code, self.content)


__all__ = ["UnexpectedStatus"]
