"""ECR-R: Experiences in Close Relationships-Revised.

Fraley, R. C., Waller, N. G., & Brennan, K. A. (2000). An item response theory analysis of self-report
measures of adult attachment. Journal of Personality and Social Psychology, 78(2), 350-365.
doi:10.1037/0022-3514.78.2.350

36 items answered 1-7. In Fraley's published order items 1-18 measure attachment anxiety and 19-36
avoidance. Reverse-keyed (8 - x): anxiety 9 and 11; avoidance 20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35
and 36. Item 21 is NOT reversed, although some circulating versions reverse it. Each scale is the mean of
its 18 keyed answers (1-7). The keying matches the Human Penguin Project's published scoring code
(Hu et al., 2019, Scientific Data). There are no official cut points: attachment is dimensional.

The item wording is copied verbatim from the project reference (shared/reference/instrument-items.md),
which a test compares against this module.
"""

from __future__ import annotations

from .definitions import Instrument, Item, ResponseOption, ScoringRule, Subscale

LOCAL_CODE_SYSTEM_BASE = "https://earnedsecure.org/fhir/CodeSystem/"

AGREEMENT_OPTIONS: tuple[ResponseOption, ...] = (
    ResponseOption(1, "Strongly disagree"),
    ResponseOption(2, "Disagree"),
    ResponseOption(3, "Somewhat disagree"),
    ResponseOption(4, "Neither agree nor disagree"),
    ResponseOption(5, "Somewhat agree"),
    ResponseOption(6, "Agree"),
    ResponseOption(7, "Strongly agree"),
)

ATTACHMENT_TERMS = "Free for non-commercial research use. Commercial use requires the permission of the authors."

_ANX = "anxiety"
_AVO = "avoidance"

# (id, text, subscale, reverse) in Fraley's published order; the position gives the published number.
_ITEMS: tuple[tuple[str, str, str, bool], ...] = (
    ("ecrr.anx.afraid_lose_love", "I'm afraid that I will lose my partner's love.", _ANX, False),
    (
        "ecrr.anx.worry_partner_wont_stay",
        "I often worry that my partner will not want to stay with me.",
        _ANX,
        False,
    ),
    ("ecrr.anx.worry_not_really_loved", "I often worry that my partner doesn't really love me.", _ANX, False),
    (
        "ecrr.anx.worry_partners_care_less",
        "I worry that romantic partners won't care about me as much as I care about them.",
        _ANX,
        False,
    ),
    (
        "ecrr.anx.wish_feelings_as_strong",
        "I often wish that my partner's feelings for me were as strong as my feelings for him or her.",
        _ANX,
        False,
    ),
    ("ecrr.anx.worry_about_relationships", "I worry a lot about my relationships.", _ANX, False),
    (
        "ecrr.anx.out_of_sight_interest_elsewhere",
        "When my partner is out of sight, I worry that he or she might become interested in someone else.",
        _ANX,
        False,
    ),
    (
        "ecrr.anx.show_feelings_not_returned",
        "When I show my feelings for romantic partners, I'm afraid they will not feel the same about me.",
        _ANX,
        False,
    ),
    ("ecrr.anx.rarely_worry_partner_leaving", "I rarely worry about my partner leaving me.", _ANX, True),
    ("ecrr.anx.partner_makes_me_doubt_myself", "My romantic partner makes me doubt myself.", _ANX, False),
    ("ecrr.anx.not_often_worry_abandoned", "I do not often worry about being abandoned.", _ANX, True),
    (
        "ecrr.anx.partners_dont_want_as_close",
        "I find that my partner(s) don't want to get as close as I would like.",
        _ANX,
        False,
    ),
    (
        "ecrr.anx.partners_change_feelings",
        "Sometimes romantic partners change their feelings about me for no apparent reason.",
        _ANX,
        False,
    ),
    (
        "ecrr.anx.desire_closeness_scares_away",
        "My desire to be very close sometimes scares people away.",
        _ANX,
        False,
    ),
    (
        "ecrr.anx.wont_like_who_i_am",
        "I'm afraid that once a romantic partner gets to know me, he or she won't like who I really am.",
        _ANX,
        False,
    ),
    (
        "ecrr.anx.mad_lacking_affection",
        "It makes me mad that I don't get the affection and support I need from my partner.",
        _ANX,
        False,
    ),
    ("ecrr.anx.wont_measure_up", "I worry that I won't measure up to other people.", _ANX, False),
    ("ecrr.anx.noticed_only_when_angry", "My partner only seems to notice me when I'm angry.", _ANX, False),
    (
        "ecrr.avo.prefer_not_show_feelings",
        "I prefer not to show a partner how I feel deep down.",
        _AVO,
        False,
    ),
    (
        "ecrr.avo.comfortable_sharing_private",
        "I feel comfortable sharing my private thoughts and feelings with my partner.",
        _AVO,
        True,
    ),
    (
        "ecrr.avo.difficult_to_depend",
        "I find it difficult to allow myself to depend on romantic partners.",
        _AVO,
        False,
    ),
    (
        "ecrr.avo.comfortable_being_close",
        "I am very comfortable being close to romantic partners.",
        _AVO,
        True,
    ),
    (
        "ecrr.avo.uncomfortable_opening_up",
        "I don't feel comfortable opening up to romantic partners.",
        _AVO,
        False,
    ),
    ("ecrr.avo.prefer_not_too_close", "I prefer not to be too close to romantic partners.", _AVO, False),
    (
        "ecrr.avo.uncomfortable_partner_wants_close",
        "I get uncomfortable when a romantic partner wants to be very close.",
        _AVO,
        False,
    ),
    ("ecrr.avo.easy_to_get_close", "I find it relatively easy to get close to my partner.", _AVO, True),
    ("ecrr.avo.not_difficult_get_close", "It's not difficult for me to get close to my partner.", _AVO, True),
    (
        "ecrr.avo.discuss_problems",
        "I usually discuss my problems and concerns with my partner.",
        _AVO,
        True,
    ),
    (
        "ecrr.avo.turn_to_partner_in_need",
        "It helps to turn to my romantic partner in times of need.",
        _AVO,
        True,
    ),
    ("ecrr.avo.tell_partner_everything", "I tell my partner just about everything.", _AVO, True),
    ("ecrr.avo.talk_things_over", "I talk things over with my partner.", _AVO, True),
    ("ecrr.avo.nervous_partners_too_close", "I am nervous when partners get too close to me.", _AVO, False),
    ("ecrr.avo.comfortable_depending", "I feel comfortable depending on romantic partners.", _AVO, True),
    ("ecrr.avo.easy_to_depend", "I find it easy to depend on romantic partners.", _AVO, True),
    (
        "ecrr.avo.easy_to_be_affectionate",
        "It's easy for me to be affectionate with my partner.",
        _AVO,
        True,
    ),
    ("ecrr.avo.partner_understands_me", "My partner really understands me and my needs.", _AVO, True),
)

ECR_R = Instrument(
    slug="ecr-r",
    name="Experiences in Close Relationships-Revised",
    short_name="ECR-R",
    version="1",
    citation=(
        "Fraley, R. C., Waller, N. G., & Brennan, K. A. (2000). An item response theory analysis of "
        "self-report measures of adult attachment. Journal of Personality and Social Psychology, 78(2), "
        "350-365."
    ),
    doi="10.1037/0022-3514.78.2.350",
    source_url="https://labs.psychology.illinois.edu/~rcfraley/measures/ecrr.htm",
    terms=ATTACHMENT_TERMS,
    copyright=None,
    instructions=(
        "The statements below concern how you feel in emotionally intimate relationships. We are "
        "interested in how you generally experience relationships, not just in what is happening in a "
        "current relationship. Respond to each statement by indicating how much you agree or disagree "
        "with it."
    ),
    stem=None,
    options=AGREEMENT_OPTIONS,
    items=tuple(
        Item(id=item_id, number=number, text=text, subscale=subscale, reverse=reverse)
        for number, (item_id, text, subscale, reverse) in enumerate(_ITEMS, start=1)
    ),
    subscales=(
        Subscale(key=_ANX, name="Attachment anxiety", code="ecr-r-anxiety"),
        Subscale(key=_AVO, name="Attachment avoidance", code="ecr-r-avoidance"),
    ),
    scoring=ScoringRule.MEAN,
    commercial_use_restricted=True,
    title="How you feel in close relationships",
    asks=(
        "In general, not only now: how easily you let people close and lean on them, and how much you worry "
        "about being loved or left."
    ),
)
