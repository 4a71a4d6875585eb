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
from ..notices.due import KIND_LABELS, RECEIVING_ROLES
from ..notices.mailer import MailSettings
from ..paging import paginate
from .audit_trail import usernames
from .blueprint import bp


class MailFilterForm(Form):
    class Meta:
        csrf = False

    status = SelectField("Status", [Optional()])
    kind = SelectField("Message", [Optional()])
    user_id = OptionalIntSelectField("To", [Optional()])


def mail_filter_form(args, names: dict[int, str]) -> MailFilterForm:
    form = MailFilterForm(args)
    form.status.choices = options(((s, s.title()) for s in NOTIFICATION_STATUSES), blank="Any")
    form.kind.choices = options(KIND_LABELS.items(), blank="Any message")
    by_name = sorted(names.items(), key=lambda pair: pair[1])
    form.user_id.choices = options(by_name, blank="Anyone")
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
    names = usernames()
    form = mail_filter_form(request.args, names)
    no_address = db.session.scalars(
        sa.select(User.full_name)
        .where(User.active, User.email.is_(None), User.role.in_(RECEIVING_ROLES))
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
        names=names,
    )
