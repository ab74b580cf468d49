"""Members (institutions), their networks, the shared focus-area vocabulary, regions, and the
affiliation of a person's account to a member."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords


class TranslatedNameMixin(models.Model):
    """A short vocabulary term named in the community's three working languages."""

    name = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=120, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        language = (get_language() or "en")[:2]
        return getattr(self, f"name_{language}", "") or self.name


class Region(TranslatedNameMixin):
    """A UCLG world region (Africa, Asia-Pacific, Eurasia, Europe, Latin America, ...)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("world region")
        verbose_name_plural = _("world regions")
        ordering = ["order", "name"]


class FocusArea(TranslatedNameMixin):
    """The one thematic vocabulary shared by members, pledges, documents, events, practices."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["order", "name"]


class Network(models.Model):
    """A network members belong to: ICCAR, UCLG-CSIPDHR, a regional coalition ..."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["acronym", "name"]

    def __str__(self) -> str:
        return self.acronym or self.name


class MemberQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def located(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)


class MemberKind(models.TextChoices):
    CITY = "city", _("City")
    MUNICIPALITY = "municipality", _("Municipality")
    DISTRICT = "district", _("District")
    COUNTY = "county", _("County")
    DEPARTMENT = "department", _("Department")
    REGION = "region", _("Region")
    METROPOLITAN_AREA = "metropolitan_area", _("Metropolitan area")
    UNION_OF_MUNICIPALITIES = "union_of_municipalities", _("Union of municipalities")
    NETWORK = "network", _("Network")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
    UNESCO_CHAIR = "unesco_chair", _("UNESCO Chair")
    NHRI = "nhri", _("National human rights institution")
    RESEARCH_CENTRE = "research_centre", _("Research centre")


class Member(models.Model):
    """An institution of the community: a city, a territory or a partner organisation."""

    Kind = MemberKind

    LOCAL_GOVERNMENT_KINDS = frozenset(
        {
            Kind.CITY,
            Kind.MUNICIPALITY,
            Kind.DISTRICT,
            Kind.COUNTY,
            Kind.DEPARTMENT,
            Kind.REGION,
            Kind.METROPOLITAN_AREA,
            Kind.UNION_OF_MUNICIPALITIES,
        }
    )

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    country = CountryField(_("country"))
    region = models.ForeignKey(
        Region,
        verbose_name=_("world region"),
        on_delete=models.PROTECT,
        related_name="members",
    )
    inhabitants = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
    )
    website = models.URLField(_("website"), blank=True)
    networks = models.ManyToManyField(
        Network, verbose_name=_("networks"), related_name="members", blank=True
    )
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("focus areas"), related_name="members", blank=True
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    representative_name = models.CharField(_("representative"), max_length=200, blank=True)
    representative_title = models.CharField(_("representative's title"), max_length=200, blank=True)
    political_structure = models.TextField(_("political structure"), blank=True, max_length=4000)
    has_observatory = models.BooleanField(_("local human rights observatory"), default=False)
    has_ombudsman = models.BooleanField(_("ombudsperson"), default=False)
    has_human_rights_office = models.BooleanField(_("human rights office"), default=False)
    local_charter = models.CharField(_("local human rights charter"), max_length=200, blank=True)
    local_charter_year = models.PositiveSmallIntegerField(
        _("year of the local charter"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    description = models.TextField(
        _("description"), blank=True, max_length=20000, help_text=_("Markdown.")
    )
    language = models.CharField(
        _("language of the description"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MemberQuerySet.as_manager()
    # Who changed the profile, networks or focus areas; updated_at would show in every diff.
    history = HistoricalRecords(
        excluded_fields=["updated_at"], m2m_fields=["networks", "focus_areas"]
    )

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "country",
                name="cities_member_name_country_unique",
                violation_error_message=_(
                    "A member with this name already exists in this country."
                ),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="cities_member_coordinates_both_or_neither",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="cities_member_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="cities_member_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[kind.value for kind in MemberKind]),
                name="cities_member_kind_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "name"], name="cities_member_published_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        # The profile is composed in portal (DESIGN.md): a URL name, not an import.
        return reverse("portal:member_detail", kwargs={"slug": self.slug})

    @property
    def is_local_government(self) -> bool:
        return self.kind in self.LOCAL_GOVERNMENT_KINDS

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Affiliation(models.Model):
    """A person's account affiliated to one member; the secretariat confirms it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="affiliation",
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="affiliations"
    )
    role_title = models.CharField(_("role or title"), max_length=200, blank=True)
    is_focal_point = models.BooleanField(
        _("focal point"),
        default=False,
        help_text=_("Speaks for the member: its pledge and profile updates."),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["member__name", "user__name"]

    def __str__(self) -> str:
        return f"{self.user} — {self.member}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
