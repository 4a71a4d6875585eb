"""Sign-in: the user loader, the role check, login and logout."""

from ..extensions import db, login_manager
from ..models import User


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    # The cookie holds "<id>.<session version>": a new version or a deactivation ends the session.
    user_pk, _, version = user_id.partition(".")
    if not (user_pk.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_pk))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user
