"""CSRF protection for every form that changes the database: a signed double-submit token.

The token is `<nonce>.<hmac(secret, nonce)>`. It sits in an HttpOnly, SameSite=Strict
cookie and again in a hidden `csrf_token` field of each form (or an `X-CSRF-Token`
header for scripted requests). A POST is accepted only when both are present, equal, and
signed by this server's secret — another site can neither read the cookie nor forge the
signature. Besides, a POST whose Origin (or, without one, Referer) names another host is
refused before its form is read. The secret is made once per server process and kept on the
app's state, so a restart asks the reader to reload the form, nothing worse.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from urllib.parse import urlsplit

from fastapi import HTTPException, Request, Response

COOKIE = "parallax_csrf"
FIELD = "csrf_token"
HEADER = "X-CSRF-Token"


def _secret(request: Request) -> bytes:
    state = request.app.state
    if not getattr(state, "csrf_secret", None):
        # Worker processes of one `parallax serve` share the secret its parent made.
        shared = os.environ.get("PARALLAX_CSRF_SECRET")
        state.csrf_secret = bytes.fromhex(shared) if shared else secrets.token_bytes(32)
    secret: bytes = state.csrf_secret
    return secret


def _sign(secret: bytes, nonce: str) -> str:
    return hmac.new(secret, nonce.encode(), hashlib.sha256).hexdigest()


def _valid(secret: bytes, token: str | None) -> bool:
    if not token or token.count(".") != 1:
        return False
    nonce, signature = token.split(".")
    return hmac.compare_digest(_sign(secret, nonce), signature)


def csrf_token(request: Request) -> str:
    """The token for this browser: the cookie's when it is still good, else a new one."""
    secret = _secret(request)
    current = request.cookies.get(COOKIE)
    if _valid(secret, current):
        assert current is not None
        return current
    nonce = secrets.token_urlsafe(24)
    return f"{nonce}.{_sign(secret, nonce)}"


def set_csrf_cookie(request: Request, response: Response, token: str) -> None:
    if request.cookies.get(COOKIE) != token:
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/", secure=False)


def _from_elsewhere(request: Request) -> str | None:
    """The other site a request says it comes from, if it says so."""
    here = request.headers.get("host", "")
    origin = request.headers.get("origin")
    if origin is not None:
        # "null": a sandboxed frame, a file:// page, a redirect from another site.
        return None if urlsplit(origin).netloc == here else origin
    referer = request.headers.get("referer")
    if referer and urlsplit(referer).netloc != here:
        return urlsplit(referer).netloc or referer
    return None


async def require_csrf(request: Request) -> None:
    """A dependency of every POST route: 403 when the browser says the form came from another
    site, or unless the form (or header) holds the token."""
    elsewhere = _from_elsewhere(request)
    if elsewhere is not None:
        raise HTTPException(403, f"This form was sent from another site ({elsewhere[:100]}).")
    sent = request.headers.get(HEADER)
    if not sent:
        form = await request.form()
        value = form.get(FIELD)
        sent = value if isinstance(value, str) else None
    cookie = request.cookies.get(COOKIE)
    secret = _secret(request)
    if not (sent and cookie and hmac.compare_digest(sent, cookie) and _valid(secret, cookie)):
        raise HTTPException(
            403, "This form has expired or did not come from this site: reload the page and retry."
        )
