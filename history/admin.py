"""Versions, compare, restore and the version check for admin pages, shared by news and ads."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from history import diff, services, snapshots
from history.forms import VersionChecked
from history.models import Version

SEEN_PREFIX = "seen_version_"


def seen_versions(request) -> dict[int, int]:
    """The version of each row as the changelist showed it, posted back with a list action."""
    seen = {}
    for key, value in request.POST.items():
        if key.startswith(SEEN_PREFIX):
            try:
                seen[int(key.removeprefix(SEEN_PREFIX))] = int(value)
            except ValueError:
                continue  # a tampered value counts as not seen: that row is refused
    return seen


class VersionedAdmin:
    """Mixin for a ModelAdmin whose model has a `version`: every save is checked and kept."""

    change_form_template = "admin/history/change_form.html"

    def _url_name(self, suffix: str) -> str:
        opts = self.model._meta
        return f"{opts.app_label}_{opts.model_name}_{suffix}"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class Checked(VersionChecked, form):
            def __init__(self, *args, **kw):
                super().__init__(*args, **kw)
                self.fields["version_note"] = forms.CharField(
                    label="修改说明",
                    required=False,
                    max_length=200,
                    help_text="可不填，会记在版本记录里，如 核对人数。",
                )

        Checked.__name__ = form.__name__
        return Checked

    def save_form(self, request, form, change):
        obj = super().save_form(request, form, change)
        if change:
            # The database has the last word: a save that lost a race since the check is refused.
            services.claim(obj, seen=form.cleaned_data.get("seen_version"))
        return obj

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        note = form.cleaned_data.get("version_note", "") or ("修改" if change else "新建")
        services.record(form.instance, user=request.user, note=note)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.VersionConflict:
            # Lost the race between the form's check and the UPDATE; all of it was rolled
            # back, and a second pass finds the newer version and shows the conflict.
            return super().changeform_view(request, object_id, form_url, extra_context)
        except PermissionDenied:
            refused = self._refused(request, object_id)
            if refused is None:
                raise
            return refused

    def _refused(self, request, object_id):
        """A save the person could make when they opened the form, but no longer may.

        e.g. a reporter's story published while she typed: her text is shown back with who
        changed what, instead of a bare 403. Someone who never could edit it still gets 403.
        """
        seen = request.POST.get("seen_version", "")
        if request.method != "POST" or not object_id or not seen.isdigit():
            return None
        obj = self.get_object(request, unquote(object_id))
        if obj is None or int(seen) == obj.version or self.has_change_permission(request, obj):
            return None
        return self.refused_view(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context.update(
            {
                "version_form": form,
                "conflict_rows": getattr(form, "conflict_rows", []),
                "versions_url": (
                    reverse(f"admin:{self._url_name('versions')}", args=[obj.pk]) if obj else ""
                ),
            }
        )
        response = super().render_change_form(request, context, add, change, form_url, obj)
        if getattr(form, "conflict", None) is not None:
            response.status_code = 409
        return response

    def refused_view(self, request, obj):
        names = flatten_fieldsets(self.get_fieldsets(request, obj))
        typed = []
        for name in names:
            if name not in request.POST:
                continue
            try:
                label = str(self.model._meta.get_field(name).verbose_name)
            except Exception:
                continue
            value = request.POST.get(name, "")
            typed.append((name, label, snapshots.plain_text(value) if name == "body" else value))
        seen = request.POST.get("seen_version", "")
        since = services.changes_since(obj, int(seen) if seen.isdigit() else None)
        context = {
            **self.admin_site.each_context(request),
            "title": f"未能保存：{obj}",
            "obj": obj,
            "opts": self.model._meta,
            "typed": typed,
            "since": since,
            "state": obj.get_status_display() if hasattr(obj, "get_status_display") else "",
        }
        return TemplateResponse(request, "admin/history/refused.html", context, status=409)

    @admin.display(description="版本")
    def version_column(self, obj):
        # Posted back with a list action, so each row is acted on only as it was shown.
        return format_html(
            '第 {} 版<input type="hidden" name="{}{}" value="{}">',
            obj.version,
            SEEN_PREFIX,
            obj.pk,
            obj.version,
        )

    def get_list_display(self, request):
        return [*super().get_list_display(request), "version_column"]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/versions/",
                view(self.versions_view),
                name=self._url_name("versions"),
            ),
            path(
                "<path:object_id>/versions/compare/",
                view(self.compare_view),
                name=self._url_name("compare"),
            ),
            path(
                "<path:object_id>/versions/<int:number>/restore/",
                view(require_POST(self.restore_view)),
                name=self._url_name("restore"),
            ),
            *super().get_urls(),
        ]

    def _get_object_for_user(self, request, object_id):
        """The object if this person may see it (a reporter: her own stories), else 404."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404("没有找到该记录。")
        return obj

    def _context(self, request, obj, title):
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "obj": obj,
            "opts": self.model._meta,
            "change_url": reverse(f"admin:{self._url_name('change')}", args=[obj.pk]),
            "versions_url": reverse(f"admin:{self._url_name('versions')}", args=[obj.pk]),
        }

    def versions_view(self, request, object_id):
        obj = self._get_object_for_user(request, object_id)
        versions = list(Version.objects.of(obj))
        context = {
            **self._context(request, obj, f"版本记录：{obj}"),
            "versions": versions,
            "can_restore": self.has_change_permission(request, obj),
            "compare_url": reverse(f"admin:{self._url_name('compare')}", args=[obj.pk]),
            "restore_name": f"admin:{self._url_name('restore')}",
        }
        return TemplateResponse(request, "admin/history/versions.html", context)

    def compare_view(self, request, object_id):
        obj = self._get_object_for_user(request, object_id)
        try:
            a, b = sorted(int(request.GET[k]) for k in ("a", "b"))
        except (KeyError, ValueError):
            return TemplateResponse(
                request,
                "admin/history/versions.html",
                {
                    **self._context(request, obj, f"版本记录：{obj}"),
                    "versions": list(Version.objects.of(obj)),
                    "error": "请选择要比较的两个版本。",
                },
                status=400,
            )
        found = {v.number: v for v in Version.objects.of(obj).filter(number__in=[a, b])}
        if a not in found or b not in found:
            raise Http404("没有这个版本。")
        rows = diff.compare(found[a].text, found[b].text)
        context = {
            **self._context(request, obj, f"比较第 {a} 版和第 {b} 版：{obj}"),
            "old": found[a],
            "new": found[b],
            "rows": rows,
            "changed_count": sum(row.changed for row in rows),
        }
        return TemplateResponse(request, "admin/history/compare.html", context)

    def restore_view(self, request, object_id, number):
        obj = self._get_object_for_user(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = Version.objects.of(obj).filter(number=number).first()
        if version is None:
            raise Http404("没有这个版本。")
        seen = request.POST.get("seen_version", "")
        try:
            services.restore(
                obj=obj,
                version=version,
                seen=int(seen) if seen.isdigit() else None,
                user=request.user,
            )
        except services.VersionConflict as conflict:
            messages.error(request, str(conflict))
            return redirect(f"admin:{self._url_name('versions')}", obj.pk)
        except ValidationError as error:
            messages.error(request, "不能恢复这个版本：" + "；".join(error.messages))
            return redirect(f"admin:{self._url_name('versions')}", obj.pk)
        messages.success(
            request, f"已恢复到第 {number} 版的内容，保存为第 {obj.version} 版；状态未改变。"
        )
        return redirect(f"admin:{self._url_name('change')}", obj.pk)
