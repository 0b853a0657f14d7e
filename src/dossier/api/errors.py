"""One JSON error shape for every API failure, and the matching HTML page for the UI.

    {"error": {"status": 404, "code": "not_found", "message": "no story with id 'x' ..."}}
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from dossier.errors import BadInput, DossierError, MissingExtra, NotFound, UnknownStage

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          409: "conflict", 422: "invalid_request", 500: "internal_error", 501: "not_available"}


class ApiError(Exception):
    """An error an endpoint raises on purpose, with its HTTP status."""

    def __init__(self, status: int, message: str, code: str | None = None):
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message
        super().__init__(message)


def status_of(exc: DossierError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, MissingExtra):
        return 501
    if isinstance(exc, (BadInput, UnknownStage)):
        return 400
    return 400


def error_body(status: int, message: str, code: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"error": {"status": status, "code": code or _CODES.get(status, "error"), "message": message, **extra}}


def _respond(request: Request, status: int, message: str, code: str | None = None, **extra: Any):
    if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse(error_body(status, message, code, **extra), status_code=status)
    from dossier.web.pages import render

    return HTMLResponse(render("error.html", status=status, message=message), status_code=status)


def install(app: FastAPI) -> None:
    """Route every failure through one shape."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return _respond(request, exc.status, exc.message, exc.code)

    @app.exception_handler(DossierError)
    async def _dossier_error(request: Request, exc: DossierError):
        return _respond(request, status_of(exc), str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        return _respond(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        problems = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
                    for e in exc.errors()]
        first = problems[0] if problems else {"where": "request", "problem": "invalid"}
        return _respond(request, 422, f"{first['where']}: {first['problem']}", problems=problems)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        return _respond(request, 500, f"unexpected {type(exc).__name__}: see the server log")
