from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from ads.models import Contact, Listing
from news.images import clean_image


class AdvertiserLoginForm(AuthenticationForm):
    """Sign-in for the advertisers' pages: only members of an active advertiser get in."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "not_advertiser": "此账号不是广告主账号。采编人员请从采编后台登录。",
        "inactive_advertiser": "该广告主已停用，请联系本报广告部。",
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        membership = getattr(user, "ad_membership", None)
        if membership is None:
            raise ValidationError(self.error_messages["not_advertiser"], code="not_advertiser")
        if not membership.advertiser.is_active:
            raise ValidationError(
                self.error_messages["inactive_advertiser"], code="inactive_advertiser"
            )


class ListingForm(forms.ModelForm):
    """The words, image, link, slot and days of a listing; the advertiser is never a field."""

    link = forms.URLField(
        label="链接",
        required=False,
        assume_scheme="https",
        help_text="读者点击广告时前往的网址（可不填）",
        error_messages={"invalid": "请输入以 http:// 或 https:// 开头的完整网址。"},
    )

    class Meta:
        model = Listing
        fields = ["headline", "slogans", "image", "link", "placement", "first_day", "last_day"]
        widgets = {
            "slogans": forms.Textarea(attrs={"rows": 3}),
            "first_day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "last_day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "image": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }
        error_messages = {
            "headline": {"required": "请填写广告标题。"},
            "image": {"invalid_image": "无法识别该图片，文件可能已损坏。"},
            "first_day": {
                "required": "请填写开始日期。",
                "invalid": "请按 2024-03-25 的格式填写日期。",
            },
            "last_day": {
                "required": "请填写结束日期。",
                "invalid": "请按 2024-03-25 的格式填写日期。",
            },
        }

    def clean_link(self):
        # Stored with its scheme in lowercase: HTTPS://… is valid, but nothing downstream
        # (the click-through, link checks) should have to know that.
        link = self.cleaned_data.get("link") or ""
        scheme, sep, rest = link.partition("://")
        return f"{scheme.lower()}{sep}{rest}" if sep else link

    def clean_image(self):
        image = self.cleaned_data.get("image")
        # A new upload, already checked by the field (CheckedImageField), is re-encoded so
        # readers get it upright and without the advertiser's EXIF or GPS data.
        if image and hasattr(image, "content_type"):
            return clean_image(image).content
        return image

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", "结束日期不能早于开始日期。")
        return cleaned


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["unit", "phone", "email", "address"]
        error_messages = {
            "unit": {"required": "请填写单位名称。"},
            "email": {"invalid": "请输入有效的邮箱地址，如 name@example.com。"},
        }

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in ("phone", "email", "address")):
            raise ValidationError("每个联系方式至少要有电话、邮箱或地址中的一项。")
        return cleaned


class BaseContactFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        if not kept and not any(form.errors for form in self.forms):
            raise ValidationError("请至少填写一个联系方式。")


ContactFormSet = forms.inlineformset_factory(
    Listing,
    Contact,
    form=ContactForm,
    formset=BaseContactFormSet,
    extra=1,
    can_delete=True,
    max_num=10,
    validate_max=True,
)


CONTACT_PREFIX = "contacts"


def contact_formset_for(
    listing: Listing, data=None, *, add_block: bool = False
) -> BaseContactFormSet:
    """Contacts of a listing; a revision not yet saved starts from the live listing's contacts.

    `add_block` is the 添加联系方式 button: the posted blocks come back with one more empty block,
    so a second contact needs no save in between and no script.
    """
    if data is not None and add_block:
        data = _with_one_more_block(data)
    if listing.pk is not None or data is not None or listing.revision_of is None:
        formset = ContactFormSet(data, instance=listing, prefix=CONTACT_PREFIX)
        if add_block and formset.is_bound:
            _focus_last_block(formset)
        return formset
    # Shown as initial values only when unbound: posted back, they count as the user's input.
    initial = [
        {"unit": c.unit, "phone": c.phone, "email": c.email, "address": c.address}
        for c in listing.revision_of.contacts.all()
    ]
    formset = ContactFormSet(instance=listing, prefix=CONTACT_PREFIX, initial=initial)
    formset.extra = len(initial) + 1
    return formset


def _with_one_more_block(data):
    data = data.copy()
    key = f"{CONTACT_PREFIX}-TOTAL_FORMS"
    try:
        total = int(data.get(key, ""))
    except ValueError:
        return data  # a tampered count gets the formset's own error message
    data[key] = str(min(total + 1, ContactFormSet.max_num))
    return data


def _focus_last_block(formset: BaseContactFormSet) -> None:
    # Keyboard and screen-reader users land in the block they asked for, not at the page top.
    if formset.forms:
        formset.forms[-1].fields["unit"].widget.attrs["autofocus"] = True
