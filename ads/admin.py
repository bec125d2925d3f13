"""Editors manage advertisers and review listings; listings' words are the advertiser's to write."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from ads import services
from ads.models import (
    Advertiser,
    Contact,
    DailyFigure,
    Listing,
    ListingStatus,
    Member,
    PendingListing,
)


class MemberForm(forms.ModelForm):
    """Editors open advertiser accounts here, without any right to manage other accounts.

    A new login name makes a new account with the initial password given. An existing account
    can be attached only if it is neither staff nor another advertiser's member, and its
    password is never set here: its owner resets it by e-mail.
    """

    username = forms.CharField(label="登录名", max_length=150)
    email = forms.EmailField(
        label="电子邮箱", required=False, help_text="新账号填写；用于通过邮件找回密码。"
    )
    password = forms.CharField(
        label="初始密码",
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="仅新账号填写。已有账号的密码不能在这里修改。",
    )

    class Meta:
        model = Member
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.user_id:
            self.fields["username"].initial = self.instance.user.username
            self.fields["email"].initial = self.instance.user.email

    def clean(self):
        cleaned = super().clean()
        username = cleaned.get("username")
        if not username:
            return cleaned
        user = User.objects.filter(username=username).first()
        password = cleaned.get("password")
        if user is not None and (user.is_staff or user.is_superuser):
            self.add_error("username", "这是采编人员账号，不能作为广告主成员。")
        elif (
            user is not None
            and Member.objects.filter(user=user).exclude(pk=self.instance.pk).exists()
        ):
            self.add_error("username", "该账号已属于另一个广告主。")
        elif user is not None and password:
            self.add_error(
                "password", "已有账号的密码不能在这里设置；请账号本人用“忘记密码”通过邮件重设。"
            )
        elif user is None and not password:
            self.add_error("password", "新账号请设置初始密码。")
        elif user is None:
            try:
                password_validation.validate_password(
                    password, User(username=username, email=cleaned.get("email") or "")
                )
            except forms.ValidationError as error:
                self.add_error("password", error)
        self._existing_user = user
        return cleaned

    def save(self, commit=True):
        user = self._existing_user
        if user is None:
            user = User.objects.create_user(
                username=self.cleaned_data["username"],
                email=self.cleaned_data.get("email") or "",
                password=self.cleaned_data["password"],
            )
        self.instance.user = user
        return super().save(commit)


class MemberInline(admin.TabularInline):
    model = Member
    form = MemberForm
    extra = 1


@admin.register(Advertiser)
class AdvertiserAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "short_name"]
    inlines = [MemberInline]


class ContactInline(admin.TabularInline):
    model = Contact
    fields = ["unit", "phone", "email", "address", "position"]
    extra = 0


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="审核结果",
        choices=[("approve", "通过"), ("reject", "退回修改")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="审核意见",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="广告主会看到这段话；退回时必须填写。",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not cleaned.get("note", "").strip():
            self.add_error("note", "退回时请写明原因，广告主会看到。")
        return cleaned


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = ["headline", "advertiser", "placement", "status", "first_day", "last_day"]
    list_filter = ["status", "placement", "advertiser"]
    list_select_related = ["advertiser", "revision_of"]
    search_fields = ["headline", "advertiser__name", "advertiser__short_name"]
    date_hierarchy = "first_day"
    inlines = [ContactInline]
    readonly_fields = ["status", "review_note", "reviewed_at", "revision_of", "review_link"]
    fields = [
        "advertiser",
        "headline",
        "slogans",
        "image",
        "link",
        "placement",
        "first_day",
        "last_day",
        "status",
        "review_note",
        "reviewed_at",
        "revision_of",
        "review_link",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("advertiser", "revision_of")

    @admin.display(description="审核")
    def review_link(self, obj):
        if obj.pk and obj.status == ListingStatus.REVIEW:
            url = reverse("admin:ads_listing_review", args=[obj.pk])
            return format_html('<a href="{}">审核此广告</a>', url)
        return "—"

    def get_urls(self):
        return [
            path(
                "<int:pk>/review/",
                self.admin_site.admin_view(self.review_view),
                name="ads_listing_review",
            ),
            *super().get_urls(),
        ]

    def review_view(self, request, pk):
        """Approve or send back a listing with a note; a revision is shown beside the live words."""
        if not request.user.has_perm("ads.approve_listing"):
            raise PermissionDenied
        listing = get_object_or_404(
            Listing.objects.select_related("advertiser", "revision_of").prefetch_related(
                "contacts", "revision_of__contacts"
            ),
            pk=pk,
            status=ListingStatus.REVIEW,
        )
        form = ReviewForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            note = form.cleaned_data["note"].strip()
            if form.cleaned_data["decision"] == "approve":
                services.listing_approve(listing=listing, editor=request.user, note=note)
                self.message_user(request, f"已通过：{listing.headline}", messages.SUCCESS)
            else:
                services.listing_reject(listing=listing, editor=request.user, note=note)
                self.message_user(request, f"已退回：{listing.headline}", messages.WARNING)
            return redirect("admin:ads_pendinglisting_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": f"审核广告：{listing.headline}",
            "listing": listing,
            "live": listing.revision_of,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/ads/review.html", context)


@admin.register(PendingListing)
class PendingListingAdmin(admin.ModelAdmin):
    """The review queue: oldest first, one click to the review page."""

    list_display = [
        "headline",
        "advertiser",
        "kind",
        "placement",
        "first_day",
        "updated_at",
        "review",
    ]
    list_select_related = ["advertiser"]
    ordering = ["updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=ListingStatus.REVIEW)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("ads.approve_listing")

    def has_module_permission(self, request):
        return request.user.has_perm("ads.approve_listing")

    @admin.display(description="类型")
    def kind(self, obj):
        return "修改稿" if obj.revision_of_id else "新广告"

    @admin.display(description="操作")
    def review(self, obj):
        url = reverse("admin:ads_listing_review", args=[obj.pk])
        return format_html('<a href="{}">审核</a>', url)


@admin.register(DailyFigure)
class DailyFigureAdmin(admin.ModelAdmin):
    list_display = ["listing", "day", "impressions", "clicks"]
    list_select_related = ["listing"]
    list_filter = ["day"]
    date_hierarchy = "day"
