"""FastAPI dependencies: the runtime, a unit of work, the current user and role checks."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session

from archive.access import Viewer
from archive.db import session_scope
from archive.models import User

from .errors import Forbidden, NotAuthenticated
from .runtime import Runtime, get_runtime
from .security import read_token

oauth2 = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


def runtime_dep() -> Runtime:
    return get_runtime()


RuntimeDep = Annotated[Runtime, Depends(runtime_dep)]


def session_dep(rt: RuntimeDep) -> Iterator[Session]:
    """One unit of work per request (commit on success, roll back on any error)."""
    with session_scope(rt.sessions) as session:
        yield session


# scope="function": commit before the response is sent, so a client never acts on an answer
# whose transaction is not yet committed (the default runs teardown after sending).
SessionDep = Annotated[Session, Depends(session_dep, scope="function")]


def current_user(
    rt: RuntimeDep, session: SessionDep, token: Annotated[str | None, Depends(oauth2)]
) -> User:
    if not token:
        raise NotAuthenticated()
    claims = read_token(token, rt.settings.jwt_secret.get_secret_value())
    if not claims:
        raise NotAuthenticated("invalid or expired token")
    try:
        user = session.get(User, uuid.UUID(str(claims.get("sub"))))
    except ValueError as exc:
        raise NotAuthenticated("bad subject") from exc
    if user is None or not user.active:
        raise NotAuthenticated("unknown or disabled user")
    return user


UserDep = Annotated[User, Depends(current_user)]


def viewer_of(user: User) -> Viewer:
    return Viewer(
        user_id=user.id,
        username=user.username,
        role=user.role,
        owner_id=user.owner_id,
        centre_code=user.centre_code,
    )


def viewer_dep(user: UserDep) -> Viewer:
    return viewer_of(user)


ViewerDep = Annotated[Viewer, Depends(viewer_dep)]


def require_role(*roles: str) -> Callable[[Viewer], Viewer]:
    def check(viewer: ViewerDep) -> Viewer:
        if viewer.role not in roles:
            raise Forbidden(f"needs role {' or '.join(roles)}")
        return viewer

    return check


ClerkDep = Annotated[Viewer, Depends(require_role("clerk", "admin"))]
CitizenDep = Annotated[Viewer, Depends(require_role("citizen"))]


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None
