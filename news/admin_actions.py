"""The desk's steps on a story in the admin: send back, publish now, schedule, 撤稿.

Each step is a confirmation page with its own form (a reason, a time), reached from a
button on the story or from the list's actions; the change itself is a service function.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from history import services as history
from history.admin import SEEN_PREFIX, seen_versions
from news import services
from news.admin_photos import is_editor
from news.admin_search import search_articles
from news.admin_versions import publish_seen
from news.corrections import Correction
from news.models import Article, Status


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label="退回原因",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="记者会在稿件和稿件列表中看到这段话，也会收到邮件。",
        error_messages={"required": "退回时请写明原因，记者会看到。"},
    )


class PublishNowForm(forms.Form):
    pass


class ScheduleForm(forms.Form):
    at = forms.SplitDateTimeField(
        label="上线时间",
        widget=AdminSplitDateTime,
        error_messages={"required": "请选择上线的日期和时间。"},
    )

    def clean_at(self):
        at = self.cleaned_data["at"]
        if at <= timezone.now():
            raise forms.ValidationError("排期时间必须晚于现在；要马上上线请用“立即发布”。")
        return at


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="撤稿原因",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="记入稿件历史。",
        error_messages={"required": "撤稿时请写明原因。"},
    )
    show_reason = forms.BooleanField(label="在撤稿说明中向读者显示这条原因", required=False)


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(
        label="类型", choices=Correction.Kind.choices, initial=Correction.Kind.CORRECTION
    )
    text = forms.CharField(
        label="内容",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="读者在正文下方看到，并附上时间。如：本文第二段“3200家”应为“2300家”。",
        error_messages={"required": "请写明更正或说明的内容。"},
    )


# name: (title, button, form, service call, success message)
STEPS = {
    "send_back": (
        "退回修改",
        "退回给记者",
        SendBackForm,
        lambda a, u, d, v: services.article_send_back(
            article=a, editor=u, reason=d["reason"], seen_version=v
        ),
        "已退回修改",
    ),
    "publish_now": (
        "立即发布",
        "立即发布",
        PublishNowForm,
        lambda a, u, d, v: services.article_publish_now(article=a, editor=u, seen_version=v),
        "已发布",
    ),
    "schedule": (
        "排期发布",
        "排期",
        ScheduleForm,
        lambda a, u, d, v: services.article_schedule(
            article=a, editor=u, at=d["at"], seen_version=v
        ),
        "已排期",
    ),
    "withdraw": (
        "撤稿",
        "确认撤稿",
        WithdrawForm,
        lambda a, u, d, v: services.article_unpublish(
            article=a, editor=u, reason=d["reason"], show_reason=d["show_reason"], seen_version=v
        ),
        "已撤稿",
    ),
    "correct": (
        "添加更正/说明",
        "添加",
        CorrectionForm,
        lambda a, u, d, v: services.correction_add(
            article=a, editor=u, kind=d["kind"], text=d["text"]
        ),
        "已添加更正/说明",
    ),
}


class ArticleDeskMixin:
    """Adds the desk's steps to ArticleAdmin; every step is for editors only."""

    def _run_step(self, request, step: str, articles: list[Article], *, action: str = ""):
        """Show the step's form; on a valid POST apply it to each story and report each result."""
        if not is_editor(request.user):
            raise PermissionDenied
        title, button, form_class, apply, done = STEPS[step]
        confirmed = request.method == "POST" and "confirm" in request.POST
        form = form_class(request.POST if confirmed else None)
        # The version of each story as the editor saw it: posted by the list, or read when this
        # page opened, and carried through it; a story changed since is refused, not acted on.
        if action or confirmed:
            seen = seen_versions(request)
        else:
            seen = {article.pk: article.version for article in articles}
        if confirmed and form.is_valid():
            for article in articles:
                try:
                    apply(article, request.user, form.cleaned_data, seen.get(article.pk))
                except (services.ArticleStateError, history.VersionConflict) as error:
                    self.message_user(request, f"《{article.title}》：{error}", messages.ERROR)
                else:
                    self.message_user(request, f"{done}：《{article.title}》", messages.SUCCESS)
            if action:
                return None  # back to the list, as any admin action
            return HttpResponseRedirect(reverse("admin:news_article_change", args=[articles[0].pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"{title}：{articles[0].title}" if len(articles) == 1 else title,
            "button": button,
            "step": step,
            "form": form,
            "media": self.media + form.media,
            "articles": articles,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "seen": [(f"{SEEN_PREFIX}{pk}", version) for pk, version in seen.items()],
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/news/article/desk_step.html", context)

    def desk_step_view(self, request, pk, step):
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        return self._run_step(request, step, [article])

    def get_urls(self):
        view = self.admin_site.admin_view(self.desk_step_view)
        return [
            path(f"<int:pk>/{step}/", view, {"step": step}, name=f"news_article_{step}")
            for step in STEPS
        ] + super().get_urls()

    @admin.action(description="退回修改…", permissions=["publish"])
    def send_back_selected(self, request, queryset):
        return self._run_step(request, "send_back", list(queryset), action="send_back_selected")

    @admin.action(description="立即发布", permissions=["publish"])
    def publish_now_selected(self, request, queryset):
        return self._run_step(request, "publish_now", list(queryset), action="publish_now_selected")

    @admin.action(description="排期发布…（选择时间）", permissions=["publish"])
    def schedule_selected(self, request, queryset):
        return self._run_step(request, "schedule", list(queryset), action="schedule_selected")

    @admin.action(description="撤稿…", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        return self._run_step(request, "withdraw", list(queryset), action="unpublish_selected")

    @admin.action(description="发布（按设定的发布时间，未设则立即）", permissions=["publish"])
    def publish_selected(self, request, queryset):
        """Each story goes live only if unchanged since the list showed it; the message says
        what really happened: a story with a future time is scheduled, not live."""
        done, refused = publish_seen(request, queryset)
        for article, error in refused:
            self.message_user(request, f"未发布《{article.title}》：{error}", messages.ERROR)
        live = [article for article in done if not article.is_scheduled]
        if live:
            self.message_user(
                request, f"已发布 {len(live)} 篇稿件，读者现在可以看到。", messages.SUCCESS
            )
        for article in done:
            if not article.is_scheduled:
                continue
            when = timezone.localtime(article.publish_at)
            self.message_user(
                request,
                f"《{article.title}》已排期，{when:%Y-%m-%d %H:%M} 上线，此前读者看不到；"
                "要马上上线请用“立即发布”。",
                messages.WARNING,
            )

    def save_model(self, request, obj, form, change):
        # Resubmitting from the form answers the send-back, as the 提交审核 action does.
        if obj.status == Status.REVIEW:
            obj.review_note = ""
        if change:
            services.article_note_content_change(article=obj, changed=set(form.changed_data))
        super().save_model(request, obj, form, change)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # 引题, 主题 and 副题 are whole lines in print: give them a box as wide as the body's.
        if db_field.name in ("kicker", "title", "subtitle"):
            kwargs["widget"] = forms.TextInput(
                attrs={"class": "vTextField", "style": "width: 100%; max-width: 48em"}
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        # The site's search index, not icontains over every story's body (news/admin_search.py).
        return search_articles(request, queryset, search_term)

    def view_on_site(self, obj):
        # A story readers cannot see yet opens as the staff preview, not as a 404.
        if obj.is_live:
            return obj.get_absolute_url()
        return reverse("admin:news_article_preview", args=[obj.pk])

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # A reporter opening a colleague's story is told why, not that it may have been deleted.
        if Article.objects.filter(pk=object_id if str(object_id).isdigit() else None).exists():
            self.message_user(
                request, "这篇稿件由其他记者负责，您只能打开自己的稿件。", messages.WARNING
            )
            return HttpResponseRedirect(reverse("admin:news_article_changelist"))
        return super()._get_obj_does_not_exist_redirect(request, opts, object_id)

    @admin.display(description="退回意见")
    def review_note_notice(self, obj):
        if obj is None or not obj.is_sent_back:
            return "—"
        return format_html("<strong>{}</strong>", obj.review_note)

    @staticmethod
    def sent_back_label(obj) -> str:
        return f"退回修改：{Truncator(obj.review_note).chars(30)}"
