"""The REST API (under /api, its OpenAPI spec at /api/openapi.json) and the web UI, in one app.

    from dossier.api import create_app
    app = create_app("news.db", token="secret")   # serve with uvicorn
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from dossier import __version__, settings
from dossier.core import Dossier

# Pages run no inline script or style and load nothing from elsewhere: even a missed escape cannot run
# code or restyle the page. The one inline style allowed, by its hash, is the rule Cytoscape.js injects:
# ".__________cytoscape_container { position: relative; }".
CYTOSCAPE_STYLE = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"
CSP = (f"default-src 'self'; script-src 'self'; style-src 'self' {CYTOSCAPE_STYLE}; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


LOOPBACK_ADDRESSES = {"127.0.0.1", "::1"}
LOOPBACK_NAMES = {"127.0.0.1", "::1", "localhost"}


def answers_to(scope: dict, host_header: str) -> bool:
    """False for a request that reached a loopback socket under another name (a rebound domain)."""
    server = scope.get("server") or ("", 0)
    if server[0] not in LOOPBACK_ADDRESSES:
        return True
    name = host_header.rsplit(":", 1)[0] if not host_header.endswith("]") else host_header
    return name.strip("[]").lower() in LOOPBACK_NAMES or name.lower().endswith(".localhost")


def create_app(db: str | Path | None = None, token: str | None = None):
    """An ASGI app over the database; ``token`` (default DOSSIER_API_TOKEN) guards writes."""
    import fastapi
    from fastapi.responses import JSONResponse
    from fastapi.staticfiles import StaticFiles

    from dossier.api import errors, routes
    from dossier.web import pages

    d = Dossier(db)

    @asynccontextmanager
    async def lifespan(_app):
        yield
        d.close()

    app = fastapi.FastAPI(title="dossier", version=__version__, lifespan=lifespan,
                          openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,  # Swagger UI needs a CDN
                          description="Articles, stories, entities, statements and events with their evidence.")
    app.state.dossier = d
    app.state.token = token if token is not None else settings.get("api_token")
    errors.install(app)
    app.include_router(routes.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(pages.STATIC)), name="static")

    @app.middleware("http")
    async def loopback_names_only(request, call_next):
        # Served on a loopback address, the UI answers only to loopback names: a web page that
        # rebinds its own domain to 127.0.0.1 (DNS rebinding) cannot read the open endpoints.
        if not answers_to(request.scope, request.headers.get("host", "")):
            message = "this server answers on localhost only: open it as http://127.0.0.1/ or http://localhost/"
            return JSONResponse(errors.error_body(400, message), status_code=400)
        return await call_next(request)

    @app.middleware("http")
    async def security_headers(request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    return app
