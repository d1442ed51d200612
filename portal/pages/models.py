from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from portal import page_cache
from portal.extensions import home_featured_slots

from .blocks import BodyBlock, CounterBlock, LinkBlock, live_counts
from .visibility import public


class HomePage(Page):
    hero_title = models.CharField(_("hero title"), max_length=80)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("hero image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    hero_cta_label = models.CharField(_("call to action label"), max_length=30, blank=True)
    hero_cta_url = models.CharField(_("call to action address"), max_length=200, blank=True)
    # The hero in English for /en/ (the rest of the page is the interface's or content).
    hero_title_en = models.CharField(_("hero title in English"), max_length=80, blank=True)
    hero_text_en = models.TextField(_("hero text in English"), blank=True)
    hero_cta_label_en = models.CharField(_("call to action label in English"), max_length=30, blank=True)
    counters = StreamField(
        [("counter", CounterBlock())], verbose_name=_("outcome counters"), blank=True, max_num=4,
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image"),
             FieldPanel("hero_cta_label"), FieldPanel("hero_cta_url"), FieldPanel("hero_title_en"),
             FieldPanel("hero_text_en"), FieldPanel("hero_cta_label_en")],
            heading=_("Hero"),
        ),
        FieldPanel("counters"),
        FieldPanel("intro"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text"), index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def hero_in(self, language):
        """The hero's words in `language`: English where the editor gave it, else the Chinese."""
        english = language == "en"
        return {field: (english and getattr(self, f"{field}_en")) or getattr(self, field)
                for field in ("hero_title", "hero_text", "hero_cta_label")}

    def get_context(self, request, *args, **kwargs):
        # The counters (settings.COUNTER_SOURCES) read these, before any of them is read.
        page_cache.depends_on(request, "placements", "employers", "jobs", "consultants", "courses")
        context = super().get_context(request, *args, **kwargs)
        context["featured_slots"] = home_featured_slots(request)
        # Every live counter in one query instead of one each (portal/pages/blocks.py).
        context["live_counts"] = live_counts(
            block.value["source"] for block in self.counters if block.value.get("source") in settings.COUNTER_SOURCES)
        context["hero"] = self.hero_in(get_language())
        context["placement_history"] = PlacementHistory.for_request(request)
        context["latest_news"] = (
            public(NewsPage.objects.live()).select_related("main_image").order_by("-date", "-pk")[:3]
        )
        return context


class StandardPage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class NewsIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["pages.NewsPage"]
    max_count_per_parent = 1
    per_page = 10

    class Meta:
        verbose_name = _("news index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = (
            public(NewsPage.objects.child_of(self).live())
            .select_related("main_image").order_by("-date", "-pk")
        )
        context["articles"] = Paginator(articles, self.per_page).get_page(request.GET.get("page"))
        return context


class NewsPage(Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("summary"), max_length=300, blank=True)
    main_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("main image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"), FieldPanel("intro"), FieldPanel("main_image"), FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    links = StreamField([("link", LinkBlock())], verbose_name=_("main navigation"), blank=True, max_num=8)

    panels = [FieldPanel("links")]

    class Meta:
        verbose_name = _("navigation")


@register_setting(icon="form")
class FooterSettings(BaseSiteSetting):
    about = models.TextField(_("about the portal"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    links = StreamField([("link", LinkBlock())], verbose_name=_("footer links"), blank=True, max_num=10)
    copyright = models.CharField(_("copyright line"), max_length=120, blank=True)

    panels = [
        FieldPanel("about"),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")], heading=_("Contact")),
        FieldPanel("links"),
        FieldPanel("copyright"),
    ]

    class Meta:
        verbose_name = _("footer")


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """The portal's name as the header, page titles and every message show it."""

    name = models.CharField(_("name"), max_length=40, default="巾帼职达")
    name_en = models.CharField(_("name in English"), max_length=60, default="Jinguo Careers")

    panels = [FieldPanel("name"), FieldPanel("name_en")]

    class Meta:
        verbose_name = _("site name")

    @classmethod
    def for_default_site(cls):
        """For messages sent without a request; the defaults before any site exists."""
        site = Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site is not None else cls()

    def name_in(self, language):
        return self.name_en if language == "en" and self.name_en else self.name


@register_setting(icon="history")
class PlacementHistory(BaseSiteSetting):
    """What the federation counted before the portal kept records: shown on the home page
    as its own line with its source, never added to the portal's live count."""

    historical_placements = models.PositiveIntegerField(
        _("placements before the portal"), null=True, blank=True,
        help_text=_("Women the programme helped into work before the portal opened, as counted then."))
    historical_placements_source = models.CharField(
        _("source of that figure"), max_length=200, blank=True,
        help_text=_("e.g. 重庆市妇联 2019–2025 年职通车项目统计"))

    panels = [FieldPanel("historical_placements"), FieldPanel("historical_placements_source")]

    @property
    def historical_figure(self):
        """"2,300": grouped the same way in both languages (the Chinese locale groups nothing)."""
        return f"{self.historical_placements:,}" if self.historical_placements else ""

    class Meta:
        verbose_name = _("placements before the portal")
