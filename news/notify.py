"""Telling a reporter what the desk did with her story: an e-mail, sent once the change commits.

The notice in the admin needs no store of its own: it is read from the action log
(see news/templatetags/newsroom.py), so it cannot disagree with the history.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

logger = logging.getLogger(__name__)


def reporter(*, article, actor, event: str, detail: str) -> None:
    """E-mail the story's reporter about an editor's step, unless she took it herself."""
    user = article.created_by
    if user is None or user.pk == actor.pk or not user.email:
        return
    subject = f"【{event}】{article.title}"
    link = settings.SITE_URL + reverse("admin:news_article_change", args=[article.pk])
    body = f"您的稿件《{article.title}》{event}。\n{detail}\n\n打开稿件：{link}\n"

    def send():
        try:
            send_mail(subject, body, None, [user.email])
        except Exception:  # a mail outage must not undo or fail the desk's step
            logger.exception("could not e-mail %s about article %s", user.email, article.pk)

    transaction.on_commit(send)
