from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        help_text=_("What the image shows, for people who cannot see it. Leave empty for decoration."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        template = "pages/blocks/image_with_caption.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False)

    class Meta:
        icon = "openquote"
        template = "pages/blocks/quote.html"


class BodyBlock(blocks.StreamBlock):
    """The body of news and standard pages."""

    heading = blocks.CharBlock(label=_("heading"), form_classname="title", icon="title",
                               template="pages/blocks/heading.html")
    paragraph = blocks.RichTextBlock(label=_("paragraph"), features=["bold", "italic", "link", "ol", "ul"])
    image = ImageWithCaptionBlock(label=_("image"))
    quote = QuoteBlock(label=_("quote"))


def counter_source_choices():
    return [("", _("The number as entered"))] + [
        (key, label) for key, (label, _path, _page) in settings.COUNTER_SOURCES.items()
    ]


def live_counts(sources):
    """{source: count} for COUNTER_SOURCES keys, all counted in one query."""
    from django.db import connection

    querysets = {source: import_string(settings.COUNTER_SOURCES[source][1])() for source in dict.fromkeys(sources)}
    if not querysets:
        return {}
    parts, params = [], []
    for number, queryset in enumerate(querysets.values()):
        sql, inner_params = queryset.order_by().values("pk").query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) counted_{number})")
        params.extend(inner_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))


def counter_url(page):
    """Where a live counter links: the list its number counts (a URL name), if any."""
    return reverse(page) if page else None


class CounterBlock(blocks.StructBlock):
    """One figure on the home page, such as how many women found work: either the
    number as entered, or a live count the portal keeps (settings.COUNTER_SOURCES),
    which then stands alone. What happened before the portal kept records is its own
    line under the counters (PlacementHistory), never added in silently."""

    number = blocks.IntegerBlock(label=_("number"), min_value=0, required=False,
                                 help_text=_("Shown when no live count is chosen."))
    source = blocks.ChoiceBlock(
        label=_("live count"), choices=counter_source_choices, required=False,
        help_text=_("Show a count kept by the portal instead of the number above."),
    )
    suffix = blocks.CharBlock(label=_("suffix"), required=False, max_length=8, help_text=_("e.g. + or 万"))
    label = blocks.CharBlock(label=_("label"), max_length=60)
    label_en = blocks.CharBlock(label=_("English label"), max_length=60, required=False)

    class Meta:
        icon = "pick"
        template = "pages/blocks/counter.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["url"] = None
        if value.get("source") in settings.COUNTER_SOURCES:
            _label, _counted, page = settings.COUNTER_SOURCES[value["source"]]
            known = (parent_context or {}).get("live_counts") or {}
            context["total"] = known[value["source"]] if value["source"] in known else \
                live_counts([value["source"]])[value["source"]]
            context["url"] = counter_url(page)
        else:
            context["total"] = value.get("number") or 0
        return context


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("label"), max_length=40)
    # Site chrome is bilingual even while page content is Chinese only.
    label_en = blocks.CharBlock(label=_("English label"), max_length=40, required=False)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(
        label=_("address"), required=False, max_length=200,
        help_text=_("A path on this site such as /jobs/, used when no page is chosen."),
    )

    class Meta:
        icon = "link"

    def clean(self, value):
        cleaned = super().clean(value)
        if not cleaned.get("page") and not cleaned.get("url"):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or enter an address."))}
            )
        return cleaned
