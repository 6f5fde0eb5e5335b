from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy import select

from archive import audit
from archive.models import User

from ..deps import RuntimeDep, SessionDep, viewer_of
from ..errors import BadCredentials
from ..schemas import Token
from ..security import hash_password, make_token, verify_password

router = APIRouter(prefix="/auth", tags=["auth"])

# Verifying against a real hash when the user is unknown keeps the timing the same.
_DUMMY_HASH = hash_password("not-a-password")


@router.post("/token", response_model=Token)
def login(
    rt: RuntimeDep, session: SessionDep, form: Annotated[OAuth2PasswordRequestForm, Depends()]
) -> Token:
    user = session.execute(select(User).where(User.username == form.username)).scalar_one_or_none()
    if user is None or not user.active:
        verify_password(form.password, _DUMMY_HASH)
        raise BadCredentials()
    if not verify_password(form.password, user.password_hash):
        audit.record(session, viewer_of(user), "login_failed", "user", user.id)
        session.commit()
        raise BadCredentials()
    audit.record(session, viewer_of(user), "login", "user", user.id)
    ttl = timedelta(minutes=rt.settings.token_ttl_minutes)
    return Token(
        access_token=make_token(user.id, user.role, rt.settings.jwt_secret.get_secret_value(), ttl)
    )
