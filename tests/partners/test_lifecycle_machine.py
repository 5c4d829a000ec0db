"""The link's whole life as a state machine (checklist item 47): invite, accept, show, narrow, unlink, re-link,
block, delete an account, Emergency Reset, ask for reassurance, agree time-out terms, step away and come back,
answer the weekly check-in (shown or not), choose or stop seeing the couple's pattern, in any order, between three
people.

Invariant, after every step, for each person: the partner page served by the real view (and the selector
behind it) shows exactly the categories their linked partner shows at that moment, in the app's own words,
and nothing at all when they are not linked; never a category that is not shown, never anyone else's. The same
for the weekly check-in (only the partner's week, only when they chose to show it to this person) and the
couple's pattern (only while both chose it).
"""

import re
from itertools import count

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from earnedsecure.accounts.services import account_delete
from earnedsecure.domain.together.sharing import (
    CATEGORY_TEXT,
    CODES_PER_DAY,
    REQUESTS,
    WRONG_CODES_PER_HOUR,
    Category,
    Status,
)
from earnedsecure.partners import selectors, services
from earnedsecure.partners.models import TimeOut
from tests.assessments.helpers import ecr, submit
from tests.partners.helpers import partner_section, show
from tests.personas import make_person

NAMES = ("ana", "pat", "cy")
people = st.sampled_from(NAMES)
serial = count()


class PartnerLinks(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        # Each example starts with an empty cache, as each test does (tests/conftest.py): allauth's rate limits
        # (ten password-agains a minute per user) are kept there by user id, and ids come round again once an
        # example's rows are rolled back, so examples ran into each other's limits (a 429 now and then).
        cache.clear()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.users = {}
        self.clients = {}
        self.linked: dict[str, str] = {}
        self.shown: dict[str, set[Category]] = {}
        self.blocked: set[frozenset[str]] = set()
        self.codes: list[tuple[str, str]] = []  # (maker, code), every code ever made
        self.live_code: dict[str, str] = {}  # maker -> the one code of theirs that still links
        self.made: dict[str, int] = {}
        self.wrong: dict[str, int] = {}
        self.asks: dict[frozenset[str], int] = {}  # requests for reassurance made during the current link
        self.agreed: set[frozenset[str]] = set()  # pairs whose time-out terms (at most an hour) are accepted
        self.away: dict[frozenset[str], str] = {}  # pair -> who stepped away, while a time-out is open
        self.check_in_shown_to: dict[str, str] = {}  # writer -> the partner this week's check-in is shown to
        self.sees_pattern: set[str] = set()  # who chose to see the couple's pattern with their partner now
        for name in NAMES:
            self._arrive(name)

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def _arrive(self, name):
        user = make_person(f"{name}{next(serial)}", first_name=name.title())
        self.users[name] = user
        client = Client()
        client.force_login(user)
        self.clients[name] = client
        self.shown[name] = set()
        self.made[name] = 0
        self.wrong[name] = 0
        self.live_code.pop(name, None)
        # Everyone has an ECR-RS about their partner, so the couple's pattern hangs on the two choices alone.
        submit(user, "ecr-rs", ecr("ecr-rs", 5, 2), timezone.now())

    def _unlink_in_model(self, name):
        partner = self.linked.pop(name, None)
        if partner is not None:
            self.linked.pop(partner, None)
            self.asks.pop(frozenset((name, partner)), None)
            self.agreed.discard(frozenset((name, partner)))
            self.away.pop(frozenset((name, partner)), None)
            self.shown[name] = set()
            self.shown[partner] = set()
            for writer, reader in ((name, partner), (partner, name)):
                if self.check_in_shown_to.get(writer) == reader:
                    del self.check_in_shown_to[writer]
            self.sees_pattern -= {name, partner}

    @initialize(linked=st.booleans(), away=st.booleans())
    def start(self, linked, away):
        """Most runs start with two people linked, so that the steps after have something to take away; some
        with a time-out open between them."""
        if linked:
            self.link_up(("ana", "pat"))
            if away:
                self.agree_timeouts(("ana", "pat"))
                self.step_away("ana", 20)

    @rule(maker=people)
    def invite(self, maker):
        if self.made[maker] >= CODES_PER_DAY:
            with pytest.raises(services.TooManyCodes):
                services.invite_create(owner=self.users[maker], now=timezone.now())
            return
        code = services.invite_create(owner=self.users[maker], now=timezone.now())
        self.made[maker] += 1
        self.codes.append((maker, code))
        self.live_code[maker] = code

    @rule(
        pair=st.sampled_from([(a, b) for a in NAMES for b in NAMES if a != b]),
        then_shown=st.sets(st.sampled_from(list(Category))),
    )
    def link_up(self, pair, then_shown=frozenset()):
        """Re-link (or link): a fresh code, entered at once by someone else; then the maker shows a few things."""
        maker, taker = pair
        self.invite(maker)
        self.accept(taker, 0)
        if then_shown:
            self.share(maker, set(then_shown))

    @rule(taker=people, back=st.sampled_from([0, 0, 0, 1, 2, 5]))
    def accept(self, taker, back):
        """Enter a code: mostly the newest made, sometimes an older one (used, replaced, or a deleted maker's)."""
        if not self.codes:
            return
        maker, code = self.codes[max(0, len(self.codes) - 1 - back)]
        user = self.users[taker]
        live = self.live_code.get(maker) == code
        if self.wrong[taker] >= WRONG_CODES_PER_HOUR:
            with pytest.raises(services.TooManyTries):
                services.invite_accept(user=user, typed=code, now=timezone.now())
        elif taker in self.linked:
            with pytest.raises(services.AlreadyLinked):
                services.invite_accept(user=user, typed=code, now=timezone.now())
        elif live and maker == taker:
            with pytest.raises(services.OwnCode):
                services.invite_accept(user=user, typed=code, now=timezone.now())
        elif not live or frozenset((maker, taker)) in self.blocked or maker in self.linked:
            assert services.invite_accept(user=user, typed=code, now=timezone.now()) is None
            self.wrong[taker] += 1
        else:
            assert services.invite_accept(user=user, typed=code, now=timezone.now()) is not None
            del self.live_code[maker]
            self.linked[maker], self.linked[taker] = taker, maker
            self.asks[frozenset((maker, taker))] = 0
            self.shown[maker], self.shown[taker] = set(), set()

    @rule(owner=people, categories=st.sets(st.sampled_from(list(Category)), min_size=1))
    def share(self, owner, categories):
        wanted = self.shown[owner] | categories
        show(self.clients[owner], wanted)  # by the page, typing the password when showing more asks for it
        self.shown[owner] = wanted if owner in self.linked else set()

    @precondition(lambda self: any(self.shown.values()))
    @rule(owner=people, which=st.integers(min_value=0, max_value=2))
    def narrow(self, owner, which):
        """Take away one of the categories shown (when there are any), by the service the page calls."""
        if not self.shown[owner]:
            owner = next((name for name in NAMES if self.shown[name]), owner)
        ordered = [c for c in Category if c in self.shown[owner]]
        dropped = {ordered[which % len(ordered)]} if ordered else set()
        services.categories_choose(owner=self.users[owner], categories=self.shown[owner] - dropped)
        self.shown[owner] = self.shown[owner] - dropped

    @rule(owner=people, status=st.sampled_from([*Status, None]))
    def choose_status(self, owner, status):
        services.status_choose(owner=self.users[owner], status=status, now=timezone.now())

    @precondition(lambda self: self.linked)
    @rule(name=people)
    def unlink(self, name):
        self.clients[name].post("/together/unlink/")
        self._unlink_in_model(name)

    @precondition(lambda self: self.linked)
    @rule(name=people)
    def block(self, name):
        partner = self.linked.get(name)
        services.partner_block(user=self.users[name], now=timezone.now())
        if partner is not None:
            self.blocked.add(frozenset((name, partner)))
        self._unlink_in_model(name)

    @rule(name=people)
    def emergency_reset(self, name):
        services.emergency_reset(user=self.users[name], keep_session_key=None, now=timezone.now())
        self._unlink_in_model(name)
        self.shown[name] = set()
        self.live_code.pop(name, None)

    @rule(owner=people, request=st.sampled_from(sorted(REQUESTS)))
    def ask(self, owner, request):
        """Ask the partner for reassurance (refused when not linked)."""
        if owner in self.linked:
            services.reassurance_ask(owner=self.users[owner], request=request, now=timezone.now())
            self.asks[frozenset((owner, self.linked[owner]))] += 1
        else:
            with pytest.raises(services.NotLinked):
                services.reassurance_ask(owner=self.users[owner], request=request, now=timezone.now())

    @rule(pair=st.sampled_from([(a, b) for a in NAMES for b in NAMES if a != b]))
    def agree_timeouts(self, pair):
        """One proposes time-out terms (an hour at most), the other accepts; only a linked pair can agree."""
        proposer, accepter = pair
        proposed = services.timeout_agreement_propose(
            owner=self.users[proposer], longest_minutes=60, place="", now=timezone.now()
        )
        if self.linked.get(proposer) == accepter:
            services.timeout_agreement_accept(user=self.users[accepter], pk=proposed.pk, now=timezone.now())
            self.agreed.add(frozenset(pair))
        else:
            with pytest.raises(services.NotLinked):
                services.timeout_agreement_accept(user=self.users[accepter], pk=proposed.pk, now=timezone.now())

    @rule(owner=people, minutes=st.sampled_from([20, 60, 240]))
    def step_away(self, owner, minutes):
        """Start a time-out: only linked, on accepted terms, within them, and one at a time."""
        pair = frozenset((owner, self.linked.get(owner, owner)))
        if pair in self.agreed and pair not in self.away and minutes <= 60:
            services.timeout_start(owner=self.users[owner], minutes=minutes, now=timezone.now())
            self.away[pair] = owner
        else:
            with pytest.raises(services.NoAgreement):
                services.timeout_start(owner=self.users[owner], minutes=minutes, now=timezone.now())

    @precondition(lambda self: self.away)
    @rule(name=people)
    def come_back_or_end(self, name):
        """The one away comes back, or the one waiting ends it; anyone else cannot touch it."""
        pair, _ = next(iter(self.away.items()))
        open_ = TimeOut.objects.get(ended=False, owner__in=[self.users[n].pk for n in pair])
        if name in pair:
            services.timeout_end(user=self.users[name], pk=open_.pk, now=timezone.now())
            del self.away[pair]
        else:
            with pytest.raises(services.NotLinked):
                services.timeout_end(user=self.users[name], pk=open_.pk, now=timezone.now())

    @rule(owner=people, share=st.booleans())
    def check_in(self, owner, share):
        """Answer this week's check-in, shown to the partner or not (shown only when linked)."""
        services.check_in_save(
            owner=self.users[owner], answers={"went_well": f"words of {owner}"}, share=share, now=timezone.now()
        )
        if share and owner in self.linked:
            self.check_in_shown_to[owner] = self.linked[owner]
        else:
            self.check_in_shown_to.pop(owner, None)

    @rule(owner=people, see=st.booleans())
    def choose_pattern(self, owner, see):
        if see:
            services.pattern_consent_give(owner=self.users[owner], now=timezone.now())
            if owner in self.linked:
                self.sees_pattern.add(owner)
        else:
            services.pattern_consent_withdraw(owner=self.users[owner])
            self.sees_pattern.discard(owner)

    @rule(name=people)
    def delete_account(self, name):
        account_delete(user=self.users[name])
        self._unlink_in_model(name)
        self.check_in_shown_to.pop(name, None)
        self.check_in_shown_to = {w: r for w, r in self.check_in_shown_to.items() if r != name}
        self.blocked = {pair for pair in self.blocked if name not in pair}
        self.codes = [(maker, code) for maker, code in self.codes if maker != name]
        self._arrive(name)  # someone new, under the same name in the model

    @invariant()
    def each_sees_exactly_what_their_partner_shows_now(self):
        if not hasattr(self, "linked"):
            return
        for name, user in self.users.items():
            view = selectors.partner_view(viewer=user, now=timezone.now())
            partner = self.linked.get(name)
            check_ins = selectors.check_ins(user=user, now=timezone.now())
            if partner is None:
                assert view is None and check_ins.theirs == []
                assert selectors.couple_pattern_for(user=user) is None
                continue
            html = self.clients[name].get("/together/").content.decode()
            expected = [c for c in Category if c in self.shown[partner]]
            assert view is not None and view.name == self.users[partner].first_name
            assert [item.category for item in view.shown] == expected
            labels = re.findall(r"<dt>(.*?)</dt>", partner_section(html))
            assert labels == [CATEGORY_TEXT[c][0] for c in expected]
            # Reassurance requests: only those between the two of them, made while this link stood.
            pair = {user.pk, self.users[partner].pk}
            history = selectors.reassurance(user=user, now=timezone.now(), limit=1000).history
            assert all({item.owner_id, item.answerer_id} == pair for item in history)
            assert len(history) == self.asks[frozenset((name, partner))]
            # Time-outs: the open one, if any, is between the two of them, and each sees whose it is.
            state = selectors.timeouts(user=user, now=timezone.now())
            away = self.away.get(frozenset((name, partner)))
            assert (state.mine is not None, state.theirs is not None) == (away == name, away == partner)
            assert (state.agreement is not None) == (frozenset((name, partner)) in self.agreed)
            # The check-in: the partner's week only when they chose to show it to this person, in their words.
            if self.check_in_shown_to.get(partner) == name:
                assert [dict(week.answers) for week in check_ins.theirs] == [
                    {"What went well between us this week?": f"words of {partner}"}
                ]
            else:
                assert check_ins.theirs == []
            # The couple's pattern: only while both chose it.
            pattern = selectors.couple_pattern_for(user=user)
            assert pattern.chosen == (name in self.sees_pattern)
            assert (pattern.pattern is not None) == ({name, partner} <= self.sees_pattern)
        # Every time-out row lies between two people linked with each other now.
        pairs = {(self.users[a].pk, self.users[b].pk) for a, b in self.linked.items()}
        assert set(TimeOut.objects.values_list("owner_id", "waiter_id")) <= pairs


def test_the_partner_never_receives_what_is_not_shown_at_the_time(db):
    run_state_machine_as_test(
        PartnerLinks,
        settings=settings(
            max_examples=20,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
