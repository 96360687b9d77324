"""Errors a reader raises for a file it cannot read, and the warning for oddities."""


class SlippageError(Exception):
    """Base of every error slippage raises on purpose."""


class UnreadableFile(SlippageError):
    """The file is empty, corrupt, truncated or otherwise not what its format promises."""


class EncryptedFile(UnreadableFile):
    """The file is password-protected."""


class UnsupportedFormat(SlippageError):
    """The file is none of the formats slippage reads."""


class MissingTool(SlippageError):
    """A program the file needs (LibreOffice, Tesseract) is not installed; the message says what to install.

    Not a property of the file: installing the tool and re-running reads it, so results
    that failed this way are not cached.
    """


class ExtractWarning(UserWarning):
    """Something recoverable but worth a reviewer's attention (ragged rows, odd encoding)."""
