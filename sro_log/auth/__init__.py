"""Sign-in: the user loader, the role check, login and logout."""

from ..extensions import db, login_manager
from ..formbase import plain_number
from ..models import User


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    # The cookie holds "<id>.<session version>": a new version or a deactivation ends the session.
    user_pk, _, version = user_id.partition(".")
    pk, version_number = plain_number(user_pk), plain_number(version)
    if pk is None or version_number is None:
        return None
    user = db.session.get(User, pk)
    if user is None or not user.active or user.session_version != version_number:
        return None
    return user
