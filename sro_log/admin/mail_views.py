"""The admin's Email page: whether mail is set up, who has no address, and every message that
`flask send-notifications` sent or failed to send, with filters."""

import sqlalchemy as sa
from flask import current_app, render_template, request
from wtforms import SelectField
from wtforms.validators import Optional

from ..auth.access import roles_required
from ..extensions import db
from ..formbase import Form, OptionalIntSelectField, options
from ..models import NOTIFICATION_STATUSES, Notification, User
from ..notices.due import KIND_LABELS
from ..notices.mailer import MailSettings
from ..paging import paginate
from .blueprint import bp


class MailFilterForm(Form):
    class Meta:
        csrf = False

    status = SelectField("Status", [Optional()])
    kind = SelectField("Message", [Optional()])
    user_id = OptionalIntSelectField("To", [Optional()])


def mail_filter_form(args) -> MailFilterForm:
    form = MailFilterForm(args)
    form.status.choices = options(((s, s.title()) for s in NOTIFICATION_STATUSES), blank="Any")
    form.kind.choices = options(KIND_LABELS.items(), blank="Any message")
    form.user_id.choices = options(
        db.session.execute(sa.select(User.id, User.username).order_by(User.username)).all(),
        blank="Anyone",
    )
    form.validate()
    return form


def select_notifications(form: MailFilterForm) -> sa.Select:
    stmt = sa.select(Notification).order_by(Notification.last_attempt_at.desc(), Notification.id)
    for name in ("status", "kind", "user_id"):
        value = form[name].data
        if not form[name].errors and value not in (None, ""):
            stmt = stmt.where(getattr(Notification, name) == value)
    return stmt


@bp.route("/email")
@roles_required("admin")
def email():
    form = mail_filter_form(request.args)
    no_address = db.session.scalars(
        sa.select(User.full_name)
        .where(User.active, User.email.is_(None), User.role != "partner")
        .order_by(User.full_name)
    ).all()
    return render_template(
        "admin/email.html",
        form=form,
        page=paginate(select_notifications(form)),
        settings=MailSettings.of(current_app.config),
        base_url=current_app.config["SRO_LOG_BASE_URL"],
        no_address=no_address,
        kind_labels=KIND_LABELS,
        names=dict(db.session.execute(sa.select(User.id, User.username)).all()),
    )
