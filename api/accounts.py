"""Creating accounts (CLI and demo)."""

from __future__ import annotations

from sqlalchemy import select

from archive.db import session_scope
from archive.identifiers import check_agency_code, owner_kind
from archive.models import ROLES, User

from .runtime import Runtime
from .security import hash_password
from .settings import Settings


class AccountError(Exception):
    code = "invalid_account"
    status = 422
    message_vi = (
        "Tài khoản không hợp lệ: vai trò là clerk/citizen/verifier/admin; công dân cần "
        "--owner-id (12 chữ số); cán bộ cần --centre (mã cơ quan); mật khẩu ≥ 8 ký tự."
    )
    message_en = (
        "Invalid account: role is clerk/citizen/verifier/admin; a citizen needs --owner-id "
        "(12 digits); a clerk needs --centre (agency code); password ≥ 8 characters."
    )


def upsert_user(
    settings: Settings,
    username: str,
    password: str,
    role: str,
    owner_id: str | None = None,
    centre_code: str | None = None,
    full_name: str = "",
) -> User:
    if role not in ROLES or len(password) < 8 or not username.strip():
        raise AccountError(f"role={role!r}")
    if role == "citizen":
        if not owner_id:
            raise AccountError("citizen without --owner-id")
        owner_kind(owner_id)  # raises InvalidOwnerId with the fix
    if role == "clerk":
        if not centre_code:
            raise AccountError("clerk without --centre")
        check_agency_code(centre_code)
    rt = Runtime(settings)
    with session_scope(rt.sessions) as s:
        user = s.execute(select(User).where(User.username == username)).scalar_one_or_none()
        if user is None:
            user = User(username=username)
            s.add(user)
        user.role, user.owner_id, user.centre_code = role, owner_id, centre_code
        user.full_name = full_name or user.full_name or username
        user.password_hash = hash_password(password)
        user.active = True
        s.flush()
        s.expunge(user)
    rt.engine.dispose()
    return user
