from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page's address in each language, for the language switcher."""
    request = context["request"]
    current = get_language()
    path = request.get_full_path()
    return [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def site_settings(context):
    """The site settings for this request (`{% site_settings as settings %}`).

    Wagtail's `{% get_settings use_default_site=True %}` reads the default Site
    row again at each use (twice a page, header and footer); by the request,
    the Site found once for the request (Wagtail keeps it on the request) and
    each setting's row are read once a page. Without a request (an error page
    rendered bare) it falls back to the default site."""
    from wagtail.contrib.settings.context_processors import SettingProxy
    from wagtail.models import Site

    request = context.get("request")
    return SettingProxy(request_or_site=request if request is not None else Site.objects.get(is_default_site=True))


@register.simple_tag(takes_context=True)
def site_name(context):
    """The portal's name in the active language, from the site settings."""
    from portal.pages.models import SiteIdentity

    request = context.get("request")
    identity = SiteIdentity.for_request(request) if request is not None else SiteIdentity.for_default_site()
    return identity.name_in(get_language())


@register.simple_tag
def localized_path(path):
    """Prefix a site path such as /jobs/ with the active language's prefix."""
    language = get_language()
    if not path.startswith("/") or path.startswith("//") or language == settings.LANGUAGE_CODE:
        return path
    prefix = f"/{language}/"
    return path if path.startswith(prefix) else prefix + path.lstrip("/")


@register.simple_tag
def link_label(link):
    """A LinkBlock's label in the active language (English falls back to Chinese)."""
    if get_language() == "en" and link.get("label_en"):
        return link["label_en"]
    return link.get("label", "")


@register.simple_tag
def link_href(link):
    """The address of a LinkBlock value: the chosen page, else the given path."""
    page = link.get("page")
    if page is not None:
        return page.url or "#"
    return localized_path(link.get("url") or "/")


@register.filter
def total_minutes(duration):
    """A timedelta as whole minutes, rounded up: "try again in 15 minutes"."""
    seconds = duration.total_seconds() if duration else 0
    return max(1, int(-(-seconds // 60)))


@register.filter
def widget_described(field):
    """The field's widget, pointing assistive technology at its help text and
    its errors, so a screen reader reads the error when the input has focus (and
    at whatever else the form's widget names in its own aria-describedby)."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    if field.field.widget.attrs.get("aria-describedby"):
        ids.append(field.field.widget.attrs["aria-describedby"])
    return field.as_widget(attrs={"aria-describedby": " ".join(ids)} if ids else None)


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, or None."""
    return mapping.get(key) if mapping else None


@register.filter
def colon(label):
    """A label followed by the colon of the active language: "课程：" or "Course: "."""
    return f"{label}：" if get_language() == "zh-hans" else f"{label}: "


@register.filter
def zone_name(time_zone):
    """A time zone as people say it: Asia/Shanghai is "北京时间" (Beijing time)."""
    from django.utils.translation import gettext

    return gettext("Beijing time") if str(time_zone) == "Asia/Shanghai" else str(time_zone)


@register.filter
def paren(text):
    """An aside in brackets of the active language: "（北京时间）" or " (Beijing time)"."""
    if text in (None, ""):
        return ""
    return f"（{text}）" if get_language() == "zh-hans" else f" ({text})"


def _separator():
    return "、" if get_language() == "zh-hans" else ", "


@register.filter
def listing(items):
    """Items as a list of the active language: "线上、电话" or "Online, Phone" (docs/style.md)."""
    return _separator().join(str(item) for item in items or [])


@register.simple_tag
def list_separator():
    """The separator between items of a list written out in a loop: 、 or ", "."""
    return _separator()


@register.filter
def thousands(number):
    """A whole number with a comma every three digits, in both languages: 6,000."""
    try:
        return f"{int(number):,}"
    except (TypeError, ValueError):
        return number
