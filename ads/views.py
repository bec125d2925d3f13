"""The advertisers' own pages: every view starts by finding what the signed-in member may touch."""

from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_POST

from ads import counters, services
from ads.forms import AdvertiserLoginForm, ListingForm, contact_formset_for
from ads.models import Listing

FIGURE_DAYS = 30


def advertiser_required(view):
    """Signed in as a member of an active advertiser; anyone else is sent away."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("ads:login"))
        membership = getattr(request.user, "ad_membership", None)
        if membership is None or not membership.advertiser.is_active:
            raise PermissionDenied("只有广告主账号可以使用广告主页面。")
        request.advertiser = membership.advertiser
        return view(request, *args, **kwargs)

    return wrapper


def _get_listing_for_user(request, pk: int) -> Listing:
    """The signed-in advertiser's own listing, or 404 whatever the ID: no hint it exists."""
    return get_object_or_404(
        Listing.objects.originals().filter(advertiser=request.advertiser), pk=pk
    )


class LoginView(auth_views.LoginView):
    template_name = "ads/login.html"
    authentication_form = AdvertiserLoginForm
    redirect_authenticated_user = False
    next_page = reverse_lazy("ads:dashboard")


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("ads:login")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "ads/password_change.html"
    success_url = reverse_lazy("ads:dashboard")

    def dispatch(self, request, *args, **kwargs):
        return advertiser_required(super().dispatch)(request, *args, **kwargs)

    def form_valid(self, form):
        messages.success(self.request, "密码已修改。")
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    """A forgotten password: a link by e-mail to the address on the account."""

    template_name = "ads/password_reset_form.html"
    email_template_name = "ads/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("ads:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "ads/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "ads/password_reset_confirm.html"
    success_url = reverse_lazy("ads:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "ads/password_reset_complete.html"


@advertiser_required
def dashboard(request):
    own = Listing.objects.originals().filter(advertiser=request.advertiser)
    counters.flush_impressions(list(own.values_list("pk", flat=True)))
    listings = (
        own.select_related("revision")
        .annotate(impressions=Sum("figures__impressions"), clicks=Sum("figures__clicks"))
        .order_by("-updated_at", "-pk")
    )
    return render(request, "ads/dashboard.html", {"listings": listings})


@advertiser_required
def listing_detail(request, pk):
    listing = _get_listing_for_user(request, pk)
    return render(
        request,
        "ads/listing_detail.html",
        {
            "listing": listing,
            "contacts": listing.contacts.all(),
            "revision": listing.pending_revision(),
        },
    )


def _edit(request, target: Listing, *, title: str, cancel_url: str):
    """The form for a new listing, a draft, or the revision of a live listing."""
    status = 200
    if request.method == "POST":
        # The 添加联系方式 button posts the form too: it comes back with one more block, unsaved.
        adding = "add_contact" in request.POST
        form = ListingForm(request.POST, request.FILES, instance=target)
        formset = contact_formset_for(target, request.POST, add_block=adding)
        if adding:
            messages.info(request, "已添加一栏联系方式。填写完毕后请点“保存”。")
            if request.FILES:
                # A browser never refills a file input, so say so rather than lose it silently.
                messages.warning(request, "所选图片尚未上传，请在保存前重新选择。")
        elif form.is_valid() and formset.is_valid():
            saved = services.listing_save(
                listing_form=form, contact_formset=formset, user=request.user
            )
            messages.success(request, "已保存。确认无误后请提交审核。")
            return redirect("ads:listing", pk=(saved.revision_of_id or saved.pk))
        else:
            messages.error(request, "请改正下面标出的问题；已填写的内容都还在。")
            status = 400
    else:
        form = ListingForm(instance=target)
        formset = contact_formset_for(target)
    return render(
        request,
        "ads/listing_form.html",
        {"form": form, "formset": formset, "title": title, "target": target, "cancel": cancel_url},
        status=status,
    )


@advertiser_required
def listing_create(request):
    target = Listing(advertiser=request.advertiser)
    return _edit(request, target, title="新建广告", cancel_url=reverse("ads:dashboard"))


@advertiser_required
def listing_edit(request, pk):
    listing = _get_listing_for_user(request, pk)
    if listing.edits_in_place:
        target, title = listing, "修改广告"
    else:
        # Readers keep seeing the approved words; the edit waits beside them for review.
        target = listing.pending_revision() or listing.new_revision()
        title = "修改广告（修改稿，审核通过后替换线上内容）"
    if target.status == "review":
        messages.error(request, "审核中的广告不能修改；如需修改，请先撤回。")
        return redirect("ads:listing", pk=listing.pk)
    return _edit(request, target, title=title, cancel_url=reverse("ads:listing", args=[pk]))


def _act(request, pk, action, done: str, *, on_revision: bool):
    listing = _get_listing_for_user(request, pk)
    target = (listing.pending_revision() or listing) if on_revision else listing
    try:
        action(listing=target, user=request.user)
    except services.ListingStateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("ads:listing", pk=listing.pk)


@require_POST
@advertiser_required
def listing_submit(request, pk):
    return _act(request, pk, services.listing_submit, "已提交审核。", on_revision=True)


@require_POST
@advertiser_required
def listing_withdraw(request, pk):
    return _act(request, pk, services.listing_withdraw, "已撤回，可以继续修改。", on_revision=True)


@require_POST
@advertiser_required
def listing_pause(request, pk):
    return _act(request, pk, services.listing_pause, "已暂停投放。", on_revision=False)


@require_POST
@advertiser_required
def listing_resume(request, pk):
    return _act(request, pk, services.listing_resume, "已恢复投放。", on_revision=False)


@advertiser_required
def listing_figures(request, pk):
    listing = _get_listing_for_user(request, pk)
    # Counts still in the cache are saved first, so the advertiser sees every view up to now.
    counters.flush_impressions([listing.pk])
    since = timezone.localdate() - timedelta(days=FIGURE_DAYS - 1)
    figures = listing.figures.filter(day__gte=since).order_by("-day")
    totals = listing.figures.aggregate(impressions=Sum("impressions"), clicks=Sum("clicks"))
    return render(
        request,
        "ads/listing_figures.html",
        {"listing": listing, "figures": figures, "totals": totals, "days": FIGURE_DAYS},
    )
